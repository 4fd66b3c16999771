"""The images hold what their processes read at run time: each Dockerfile's COPY lines, applied to an empty directory,
give a tree from which the processes start (no Docker engine needed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.stack import ROOT

DOCKER = ROOT / "docker"


def copied_tree(dockerfile: Path, target: Path) -> Path:
    """Copies the build context's files named by the Dockerfile's COPY lines into target (the image's WORKDIR)."""
    for source, destination in re.findall(r"^COPY (\S+) (\S+)$", dockerfile.read_text(), flags=re.MULTILINE):
        if destination.startswith("/"):
            continue  # outside the working directory: the requirements, used at build time only
        origin = ROOT / source
        if origin.is_dir():
            shutil.copytree(origin, target / destination, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / destination).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(origin, target / destination)
    return target


def run(python: str, tree: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    """Runs a Python command inside the tree alone, as the image's working directory."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("WEGWIJS_", "PYTHONPATH"))}
    return subprocess.run([str(ROOT / python), *arguments], cwd=tree, capture_output=True, text=True,
                          env={**keep, "PYTHONPATH": str(tree), **environment})


@pytest.fixture(scope="module")
def app_tree(tmp_path_factory) -> Path:
    tree = copied_tree(DOCKER / "app.Dockerfile", tmp_path_factory.mktemp("app-image"))
    compiled = subprocess.run([str(ROOT / ".venv/bin/pybabel"), "compile", "-d", "locales", "-D", "messages"],
                              cwd=tree, capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stderr
    return tree


def test_the_app_image_sets_up_its_database_and_serves_every_part(app_tree):
    database = {"WEGWIJS_DATABASE_URL": f"sqlite:///{app_tree / 'app.db'}"}
    setup = run(".venv/bin/python", app_tree, "-m", "api.cli", "setup", **database)
    assert setup.returncode == 0, setup.stderr

    check = run(".venv/bin/python", app_tree, "-c", "; ".join([
        "from api.main import app",
        "from api.questions.grouping import featurizer; featurizer()",
        "from api.answers.danger_words import danger_intent; assert danger_intent('call an ambulance')",
        "from api.i18n import gettext, ERRORS; assert gettext(ERRORS['unavailable'], 'ar') != ERRORS['unavailable']",
        "import actions.answer, actions.callback, rasa_sdk_plugins, api.channels.telegram.worker",
        "import api.settings; assert api.settings.ROOT == __import__('pathlib').Path.cwd()",
    ]), **database)
    assert check.returncode == 0, check.stderr


def test_the_rasa_image_holds_its_components_and_the_files_of_its_command(tmp_path):
    tree = copied_tree(DOCKER / "rasa.Dockerfile", tmp_path)
    check = run(".venv-rasa/bin/python", tree, "-c",
                "import bot.nlg, bot.stores, bot.components.classifier, bot.components.tokenizer")
    assert check.returncode == 0, check.stderr
    command = (DOCKER / "rasa.Dockerfile").read_text()
    for name in set(re.findall(r"\bbot/[\w./-]+", command)) | set(re.findall(r"\bdata/nlu\b", command)):
        assert (tree / name).exists(), name
