"""Actions talk to the real api application, in process, through its HTTP interface."""

from __future__ import annotations

import httpx
import pytest

import actions.api_client as api_client_module
from actions.api_client import ApiClient
from api.main import create_app
from tests.conftest import INTERNAL


@pytest.fixture(autouse=True)
def api():
    """Points the actions' api client at the real app."""
    transport = httpx.ASGITransport(app=create_app())
    api_client_module._client = ApiClient(httpx.AsyncClient(transport=transport, base_url="http://api", headers=INTERNAL))
    yield
    api_client_module._client = None
