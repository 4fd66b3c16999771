"""One production topology (PostgreSQL, Redis, two rasa replicas, actions, api) for the integration tests."""

from __future__ import annotations

import pytest

from tests.integration.topology import Topology


@pytest.fixture(scope="session")
def topology():
    """Starts the services and the processes once, and removes everything at the end."""
    running = Topology().start()
    yield running
    running.stop_all()
