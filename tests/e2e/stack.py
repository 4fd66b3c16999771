"""Starts the real rasa, actions and api processes on loopback test ports, with throw-away databases."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
# Lets two checkouts run their end-to-end tests at the same time on one machine.
PORT_OFFSET = int(os.environ.get("WEGWIJS_E2E_PORT_OFFSET", "0"))
TOKEN = "e2e-internal-token"
# Deep links on printouts need a bot name and a number.
TELEGRAM_BOT_USERNAME = "WegwijsAalstTestBot"
WHATSAPP_DISPLAY_NUMBER = "+32470000000"
RASA_TOKEN = "e2e-rasa-token"


@dataclass
class Stack:
    """The three processes of Wegwijs, started for a test or a benchmark."""

    api_port: int = 18000 + PORT_OFFSET
    rasa_port: int = 15005 + PORT_OFFSET
    actions_port: int = 15055 + PORT_OFFSET
    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="wegwijs-e2e-")))
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    # Settings for this stack only, such as the stand-in platform servers' addresses.
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def environment(self) -> dict[str, str]:
        """The environment shared by the three processes."""
        return {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "WEGWIJS_INTERNAL_TOKEN": TOKEN,
            "WEGWIJS_RASA_TOKEN": RASA_TOKEN,
            "WEGWIJS_DATABASE_URL": f"sqlite:///{self.data_dir / 'app.db'}",
            "WEGWIJS_API_URL": self.api_url,
            "WEGWIJS_RASA_URL": self.rasa_url,
            "WEGWIJS_ACTIONS_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "WEGWIJS_NLG_URL": f"{self.api_url}/nlg",
            "WEGWIJS_TRACKER_DIALECT": "sqlite",
            "WEGWIJS_TRACKER_DB": str(self.data_dir / "tracker.db"),
            "WEGWIJS_TRACKER_DATABASE_URL": f"sqlite:///{self.data_dir / 'tracker.db'}",
            "WEGWIJS_TELEGRAM_BOT_USERNAME": TELEGRAM_BOT_USERNAME,
            "WEGWIJS_WHATSAPP_DISPLAY_NUMBER": WHATSAPP_DISPLAY_NUMBER,
            "SANIC_HOST": "127.0.0.1",
            "RASA_TELEMETRY_ENABLED": "false",
            **self.extra_env,
        }

    def start(self) -> "Stack":
        """Migrates and seeds the database, starts the processes and waits until all three answer."""
        env = self.environment()
        subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "api.cli", "setup"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        model = subprocess.run([str(ROOT / "scripts/model.sh")], capture_output=True, text=True, check=True).stdout.strip()
        try:
            self.start_api()
            self.start_actions()
            self.start_rasa(model)
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def start_api(self) -> None:
        """Starts the api process and waits until it answers."""
        self._spawn("api", [".venv/bin/uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(self.api_port)])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError(f"api not ready: {self.log('api')[-2000:]}")

    def start_actions(self) -> None:
        """Starts the action server."""
        self._spawn("actions", [".venv/bin/python", "-m", "rasa_sdk", "--actions", "actions",
                                "--port", str(self.actions_port)])

    def start_rasa(self, model: str) -> None:
        """Starts the rasa process."""
        self._spawn("rasa", [
            ".venv-rasa/bin/rasa", "run", "--enable-api", "--auth-token", RASA_TOKEN, "-i", "127.0.0.1",
            "-p", str(self.rasa_port), "--model", model, "--endpoints", "bot/endpoints.yml",
            "--credentials", "bot/credentials.yml", "--logging-config-file", "bot/logging.yml",
        ])

    def create_staff(self, username: str, role: str, password: str) -> None:
        """Creates a staff user in the stack's database, with the command line the city uses."""
        subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "api.cli", "create-user", username, "--role", role],
                       cwd=ROOT, env={**self.environment(), "WEGWIJS_NEW_PASSWORD": password}, check=True,
                       capture_output=True)

    def spawn_extra(self, name: str, command: list[str]) -> subprocess.Popen:
        """Starts one more process with the stack's environment (such as the Telegram worker)."""
        self._spawn(name, command)
        return self.processes[name]

    def _spawn(self, name: str, command: list[str]) -> None:
        log = (self.data_dir / f"{name}.log").open("a")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def checks(self) -> dict[str, str]:
        """The URL that answers 200 when each process is ready."""
        return {
            "api": f"{self.api_url}/health",
            "actions": f"http://127.0.0.1:{self.actions_port}/ready",
            "rasa": f"{self.rasa_url}/status?token={RASA_TOKEN}",
        }

    def wait_ready(self, timeout: float = 240.0, names: list[str] | None = None) -> None:
        """Waits until api, actions and rasa (with its model loaded) answer, or only the named processes."""
        deadline = time.monotonic() + timeout
        pending = {name: url for name, url in self.checks().items() if names is None or name in names}
        while pending and time.monotonic() < deadline:
            for name, url in list(pending.items()):
                if self.processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited: {self.log(name)[-2000:]}")
                try:
                    response = httpx.get(url, timeout=2)
                    if response.status_code == 200 and (not name.startswith("rasa") or response.json().get("model_file")):
                        del pending[name]
                except httpx.HTTPError:
                    pass
            time.sleep(0.5)
        if pending:
            raise RuntimeError(f"not ready: {sorted(pending)}")

    def stop(self, name: str | None = None) -> None:
        """Stops one process, or all of them."""
        for key in [name] if name else list(self.processes):
            process = self.processes.pop(key)
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def log(self, name: str) -> str:
        """Returns what a process printed."""
        return (self.data_dir / f"{name}.log").read_text(errors="replace")

    def pids(self) -> dict[str, int]:
        """Returns the process ids."""
        return {name: p.pid for name, p in self.processes.items()}
