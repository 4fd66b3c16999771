"""Turns beyond what Rasa may work on at once wait in api, first come first served."""

from __future__ import annotations

import asyncio
import json

import httpx

from api.channels.pipeline import Incoming, Pipeline
from api.channels.rasa import RasaClient
from api.settings import get_settings


class SlowRasa:
    """Rasa's REST channel at the HTTP boundary: answers each turn after a while, noting what it was working on."""

    def __init__(self) -> None:
        self.working = 0
        self.most_at_once = 0
        self.order: list[str] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.working += 1
        self.most_at_once = max(self.most_at_once, self.working)
        self.order.append(json.loads(request.content)["message"])
        await asyncio.sleep(0.05)
        self.working -= 1
        return httpx.Response(200, json=[{"text": "ok"}])


def test_turns_over_the_limit_wait_in_the_order_they_came(monkeypatch):
    monkeypatch.setenv("WEGWIJS_MAX_CONCURRENT_TURNS", "2")
    get_settings.cache_clear()
    rasa = SlowRasa()

    async def parents_write() -> list:
        client = httpx.AsyncClient(transport=httpx.MockTransport(rasa), base_url="http://rasa")
        pipeline = Pipeline(RasaClient(client))
        messages = [Incoming(channel="web", platform_id=f"parent-{i}", message_id=None, text=f"vraag {i}")
                    for i in range(7)]
        try:
            return await asyncio.gather(*(pipeline.handle(m) for m in messages))
        finally:
            await client.aclose()

    try:
        outcomes = asyncio.run(parents_write())
    finally:
        get_settings.cache_clear()

    assert [o.messages[0]["text"] for o in outcomes] == ["ok"] * 7
    assert rasa.most_at_once == 2
    assert rasa.order == [f"vraag {i}" for i in range(7)]
