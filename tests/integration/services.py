"""PostgreSQL and Redis from Debian's packages, started on loopback with throw-away data directories."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

USER = "wegwijs"
PASSWORD = "integration-only-secret"


def postgres_bin(program: str) -> str:
    """Finds a PostgreSQL server program: Debian keeps them out of PATH, in /usr/lib/postgresql/<version>/bin."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), key=lambda p: int(p.split("/")[4]))
    path = found[-1] if found else shutil.which(program)
    if not path:
        raise RuntimeError(f"{program} not found: install Debian's postgresql package (make system-packages)")
    return path


def as_server_user(command: list[str]) -> list[str]:
    """Runs a server command as the current user, or as Debian's postgres user when we are root (initdb refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Postgres:
    """A PostgreSQL server of its own, with password log-in, for one test session or benchmark."""

    port: int
    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="wegwijs-pg-")))

    def url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        """The SQLAlchemy URL of one database."""
        return f"{driver}://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def start(self, databases: tuple[str, ...] = ()) -> "Postgres":
        """Creates the cluster on first start, starts the server and creates the databases."""
        cluster = self.data_dir / "cluster"
        if not cluster.exists():
            self._init(cluster)
        subprocess.run(as_server_user([
            postgres_bin("pg_ctl"), "start", "-w", "-t", "60", "-D", str(cluster), "-l", str(self.data_dir / "server.log"),
            "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir} -c max_connections=300 -c fsync=off",
        ]), check=True, capture_output=True, cwd=self.data_dir)
        with psycopg.connect(self.url("postgres", "postgresql"), autocommit=True) as connection:
            existing = {row[0] for row in connection.execute("SELECT datname FROM pg_database")}
            for database in databases:
                if database not in existing:
                    connection.execute(f'CREATE DATABASE "{database}"')
        return self

    def _init(self, cluster: Path) -> None:
        """Creates a cluster owned by the server user, whose only role logs in with a password."""
        password_file = self.data_dir / "password"
        password_file.write_text(PASSWORD)
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            for path in (self.data_dir, password_file):
                os.chown(path, postgres.pw_uid, postgres.pw_gid)
        subprocess.run(as_server_user([
            postgres_bin("initdb"), "-D", str(cluster), "-U", USER, f"--pwfile={password_file}",
            "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
        ]), check=True, capture_output=True, cwd=self.data_dir)

    def stop(self) -> None:
        """Stops the server quickly (open connections are cut, as in a restart)."""
        subprocess.run(as_server_user([postgres_bin("pg_ctl"), "stop", "-w", "-m", "fast",
                                       "-D", str(self.data_dir / "cluster")]), check=False, capture_output=True,
                       cwd=self.data_dir)

    def remove(self) -> None:
        """Stops the server and deletes its data."""
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


@dataclass
class Redis:
    """A Redis server of its own that keeps nothing on disk."""

    port: int
    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="wegwijs-redis-")))
    process: subprocess.Popen | None = None

    def start(self) -> "Redis":
        """Starts the server and waits until it answers."""
        server = shutil.which("redis-server")
        if not server:
            raise RuntimeError("redis-server not found: install Debian's redis-server package (make system-packages)")
        log = (self.data_dir / "server.log").open("a")
        self.process = subprocess.Popen(
            [server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.data_dir)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.ping():
                return self
            time.sleep(0.1)
        raise RuntimeError("redis did not start")

    def ping(self) -> bool:
        """Says whether the server answers PING."""
        result = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True)
        return result.stdout.strip() == "PONG"

    def stop(self) -> None:
        """Stops the server."""
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def remove(self) -> None:
        """Stops the server and deletes its directory."""
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)
