"""Test set-up: a throw-away SQLite database, migrated and seeded like a real one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_DATA = Path(tempfile.mkdtemp(prefix="wegwijs-test-"))
os.environ.setdefault("WEGWIJS_DATABASE_URL", f"sqlite:///{_DATA / 'app.db'}")
os.environ.setdefault("WEGWIJS_TRACKER_DATABASE_URL", f"sqlite:///{_DATA / 'tracker.db'}")
os.environ.setdefault("WEGWIJS_RASA_URL", "http://127.0.0.1:9")  # nothing listens: unit tests never reach Rasa

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from api.cli import migrate, seed_catalogue  # noqa: E402
from api.db import get_sessionmaker  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def database() -> None:
    """Migrates and seeds the test database once."""
    migrate()
    seed_catalogue()


@pytest.fixture
def session():
    """A database session for one test."""
    with get_sessionmaker()() as session:
        yield session


@pytest.fixture
def client():
    """The api application with its lifespan."""
    from api.main import create_app

    with TestClient(create_app()) as client:
        yield client


INTERNAL = {"X-Internal-Token": os.environ.get("WEGWIJS_INTERNAL_TOKEN", "development-only-secret")}
