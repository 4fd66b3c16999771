"""The production topology without Docker: PostgreSQL, Redis, two rasa replicas, actions and api on loopback."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field

from tests.e2e.stack import RASA_TOKEN, ROOT, Stack
from tests.integration.services import PASSWORD, USER, Postgres, Redis

APP_DATABASE = "wegwijs"
TRACKER_DATABASE = "rasa"


@dataclass
class Topology(Stack):
    """Wegwijs as docker-compose.yml runs it: shared tracker store and lock store, one api routing to the replicas."""

    api_port: int = 19300
    rasa_port: int = 19305
    actions_port: int = 19355
    replicas: int = 2
    postgres: Postgres = field(default_factory=lambda: Postgres(port=15732))
    redis: Redis = field(default_factory=lambda: Redis(port=16679))

    def rasa_urls(self) -> list[str]:
        """The base URL of each replica."""
        return [f"http://127.0.0.1:{self.rasa_port + index}" for index in range(self.replicas)]

    def environment(self) -> dict[str, str]:
        """The shared environment, pointing every process at PostgreSQL and Redis."""
        return {
            **super().environment(),
            "WEGWIJS_DATABASE_URL": self.postgres.url(APP_DATABASE),
            "WEGWIJS_TRACKER_DATABASE_URL": self.postgres.url(TRACKER_DATABASE),
            "WEGWIJS_RASA_URLS": ",".join(self.rasa_urls()),
            "WEGWIJS_POSTGRES_HOST": "127.0.0.1",
            "WEGWIJS_POSTGRES_PORT": str(self.postgres.port),
            "WEGWIJS_POSTGRES_USER": USER,
            "WEGWIJS_POSTGRES_PASSWORD": PASSWORD,
            "WEGWIJS_TRACKER_DB": TRACKER_DATABASE,
            "WEGWIJS_REDIS_HOST": "127.0.0.1",
            "WEGWIJS_REDIS_PORT": str(self.redis.port),
            "WEGWIJS_REDIS_PASSWORD": "",
        }

    def start(self) -> "Topology":
        """Starts PostgreSQL and Redis, then the processes."""
        self.postgres.start(databases=(APP_DATABASE, TRACKER_DATABASE))
        self.redis.start()
        try:
            super().start()
        except BaseException:
            self.remove_services()
            raise
        return self

    def start_rasa(self, model: str) -> None:
        """Starts every replica."""
        for index in range(self.replicas):
            self.start_replica(index, model)

    def start_replica(self, index: int, model: str | None = None) -> None:
        """Starts one rasa replica with the production endpoints."""
        model = model or subprocess.run([str(ROOT / "scripts/model.sh")], capture_output=True, text=True,
                                        check=True).stdout.strip()
        self._spawn(f"rasa-{index + 1}", [
            ".venv-rasa/bin/rasa", "run", "--enable-api", "--auth-token", RASA_TOKEN, "-i", "127.0.0.1",
            "-p", str(self.rasa_port + index), "--model", model, "--endpoints", "bot/endpoints.production.yml",
            "--credentials", "bot/credentials.yml", "--logging-config-file", "bot/logging.yml",
        ])

    def checks(self) -> dict[str, str]:
        """Every process, each replica by name."""
        checks = {name: url for name, url in super().checks().items() if name != "rasa"}
        for index, url in enumerate(self.rasa_urls()):
            checks[f"rasa-{index + 1}"] = f"{url}/status?token={RASA_TOKEN}"
        return checks

    def stop_all(self) -> None:
        """Stops the processes, then PostgreSQL and Redis, and deletes their data."""
        self.stop()
        self.remove_services()

    def remove_services(self) -> None:
        """Stops PostgreSQL and Redis and deletes their data."""
        self.redis.remove()
        self.postgres.remove()
