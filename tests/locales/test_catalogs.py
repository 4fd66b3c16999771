"""Every catalog is complete, keeps the placeholders, and matches what the code and responses use."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from api.settings import ROOT, get_settings

PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")


def catalog(language: str):
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def extracted_ids(tmp_path: Path) -> set[str]:
    target = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "locales/babel.cfg", "-o", str(target),
         "--keyword=N_", "--no-location", "."],
        cwd=ROOT, check=True, capture_output=True, env={"PYTHONPATH": str(ROOT)},
    )
    with target.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", get_settings().languages)
def test_catalog_is_complete_and_keeps_placeholders(language):
    for message in catalog(language):
        if not message.id:
            continue
        assert message.string, f"{language}: missing translation of {message.id!r}"
        assert "fuzzy" not in message.flags, f"{language}: fuzzy translation of {message.id!r}"
        assert set(PLACEHOLDER.findall(message.string)) == set(PLACEHOLDER.findall(message.id)), message.id


@pytest.mark.parametrize("language", get_settings().languages)
def test_catalog_holds_every_message_in_use(language, tmp_path):
    in_use = extracted_ids(tmp_path)
    translated = {m.id for m in catalog(language) if m.id}

    assert in_use - translated == set(), "run make i18n-update and translate"
