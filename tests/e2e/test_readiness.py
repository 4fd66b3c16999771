"""Every process says whether it is alive and whether it can serve: api, actions and rasa."""

from __future__ import annotations

import os
import subprocess
import time

import httpx

from tests.e2e.stack import PORT_OFFSET, RASA_TOKEN, ROOT

SPARE_ACTIONS_PORT = 15099 + PORT_OFFSET


def test_each_process_is_alive_and_ready(stack):
    actions = f"http://127.0.0.1:{stack.actions_port}"

    assert httpx.get(f"{stack.api_url}/health").status_code == 200
    assert httpx.get(f"{stack.api_url}/ready").json()["status"] == "ready"
    assert httpx.get(f"{actions}/health").status_code == 200
    assert httpx.get(f"{actions}/ready").json() == {"status": "ready", "api": True}
    assert httpx.get(f"{stack.rasa_url}/").status_code == 200
    assert httpx.get(f"{stack.rasa_url}/status", params={"token": RASA_TOKEN}).json()["model_file"]


def test_an_action_server_without_api_is_alive_but_not_ready(stack):
    # A second action server, pointed at an address where no api listens.
    environment = {**stack.environment(), "WEGWIJS_API_URL": "http://127.0.0.1:9"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(SPARE_ACTIONS_PORT)],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{SPARE_ACTIONS_PORT}"
        deadline = time.monotonic() + 60
        while not _answers(f"{url}/health"):
            assert time.monotonic() < deadline, "the spare action server did not start"
            time.sleep(0.5)
        reply = httpx.get(f"{url}/ready", timeout=10)

        assert reply.status_code == 503
        assert reply.json() == {"status": "not_ready", "api": False}
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def _answers(url: str) -> bool:
    """Says whether a URL answers 200."""
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
