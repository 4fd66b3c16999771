"""Each sender sticks to one rasa replica, the same in every api process; a dead replica is skipped."""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from api.channels.rasa import RasaClient, replica_for
from api.settings import get_settings


def test_a_sender_always_goes_to_the_same_replica():
    assert {replica_for("web:0123abcd", 2) for _ in range(20)} == {replica_for("web:0123abcd", 2)}
    assert replica_for("web:0123abcd", 1) == 0


def test_senders_spread_evenly_over_the_replicas():
    counts = Counter(replica_for(f"web:{n:032x}", 3) for n in range(3000))

    assert set(counts) == {0, 1, 2}
    assert min(counts.values()) > 900


@pytest.fixture
def replicas(monkeypatch):
    """A dead replica (nothing listens) and a stand-in rasa on loopback that answers every turn."""

    class Answer(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            body = json.dumps([{"recipient_id": "x", "text": "hello"}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("WEGWIJS_RASA_URLS", f"http://127.0.0.1:9,http://127.0.0.1:{server.server_port}")
    get_settings.cache_clear()
    yield
    server.shutdown()
    get_settings.cache_clear()


def test_a_turn_fails_over_to_the_next_replica_which_then_comes_first(replicas):
    sender = next(f"web:{n}" for n in range(100) if replica_for(f"web:{n}", 2) == 0)

    async def turn() -> tuple[list[dict], list[int]]:
        client = RasaClient()
        try:
            messages = await client.turn(sender=sender, text="hallo", channel="web", metadata={})
            return messages, client.order(0)
        finally:
            await client.aclose()

    messages, order = asyncio.run(turn())

    assert messages[0]["text"] == "hello"
    assert order == [1, 0]
