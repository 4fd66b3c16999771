"""One real stack (rasa, actions, api) for all end-to-end tests."""

from __future__ import annotations

import pytest

from tests.e2e.stack import Stack


@pytest.fixture(scope="session")
def stack():
    """Starts the three processes once and stops them at the end."""
    running = Stack().start()
    yield running
    running.stop()
