"""One real stack (rasa, actions, api) for all end-to-end tests, with stand-ins for Telegram's and Meta's servers."""

from __future__ import annotations

import pytest

from tests.e2e.stack import Stack
from tests.fakes.server import BackgroundServer
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.whatsapp_graph import PHONE_NUMBER_ID, FakeGraph

TELEGRAM_TOKEN = "123456:e2e-telegram-token"
TELEGRAM_SECRET = "e2e-telegram-secret"
WHATSAPP_TOKEN = "e2e-whatsapp-token"
WHATSAPP_SECRET = "e2e-whatsapp-app-secret"
WHATSAPP_VERIFY = "e2e-verify-token"


def _served(fake):
    """Serves a stand-in on a loopback port for the whole session."""
    server = BackgroundServer(fake.app()).start()
    fake.url = server.url
    yield fake
    server.stop()


@pytest.fixture(scope="session")
def fake_telegram():
    """Telegram's Bot API, on loopback."""
    yield from _served(FakeTelegram(token=TELEGRAM_TOKEN))


@pytest.fixture(scope="session")
def fake_graph():
    """WhatsApp's Graph API, on loopback."""
    yield from _served(FakeGraph(token=WHATSAPP_TOKEN))


@pytest.fixture(scope="session")
def stack(fake_telegram, fake_graph):
    """Starts the three processes once, with both messaging channels on, and stops them at the end."""
    running = Stack(extra_env={
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "WEGWIJS_TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "WEGWIJS_TELEGRAM_API_URL": f"{fake_telegram.url}/bot",
        "WEGWIJS_TELEGRAM_FILE_URL": f"{fake_telegram.url}/file/bot",
        "WEGWIJS_WHATSAPP_ACCESS_TOKEN": WHATSAPP_TOKEN,
        "WEGWIJS_WHATSAPP_APP_SECRET": WHATSAPP_SECRET,
        "WEGWIJS_WHATSAPP_VERIFY_TOKEN": WHATSAPP_VERIFY,
        "WEGWIJS_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WEGWIJS_WHATSAPP_GRAPH_URL": f"{fake_graph.url}/v23.0",
    }).start()
    yield running
    running.stop()
