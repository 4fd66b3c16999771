"""The HTTP client for the rasa replicas: conversation turns (sticky per sender, with failover) and NLU parsing."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import logging
import time

import httpx

from api.settings import get_settings

logger = logging.getLogger(__name__)
RETRIES = 3
# A replica that refused a connection is tried last for this long, so its senders do not each wait for it.
DOWN_SECONDS = 10.0


class RasaUnavailable(Exception):
    """No rasa replica answered the turn."""


def replica_for(sender: str, replicas: int) -> int:
    """Returns the replica a sender sticks to: a stable hash of the sender id, the same in every api process."""
    return int.from_bytes(hashlib.sha256(sender.encode()).digest()[:8], "big") % replicas


class RasaClient:
    """Talks to Rasa's REST channel and HTTP API on one or more replicas."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        """Connects to every configured replica, or to the one given client."""
        settings = get_settings()
        self._clients = [client] if client else [
            httpx.AsyncClient(base_url=url, timeout=settings.rasa_timeout_seconds) for url in settings.rasa_replicas
        ]
        self.urls = [str(c.base_url) for c in self._clients]
        self._down_until = [0.0] * len(self.urls)
        self._token = settings.rasa_token
        self._rotation = itertools.count()

    async def turn(self, *, sender: str, text: str, channel: str, metadata: dict) -> list[dict]:
        """Sends one user message into the conversation and returns the bot's messages."""
        body = {"sender": sender, "message": text, "input_channel": channel, "metadata": metadata}
        response = await self._post("/webhooks/rest/webhook", body, first=replica_for(sender, len(self.urls)))
        messages = response.json()
        if not messages:
            # Rasa's REST channel answers 200 and nothing when the turn failed inside it (tracker store, lock store
            # or action server down). Not retried: Rasa may already have recorded the message.
            logger.error("rasa answered nothing: the turn failed inside rasa")
            raise RasaUnavailable("empty turn")
        return messages

    async def parse(self, text: str) -> dict:
        """Classifies a text with the NLU model, outside any conversation (any replica will do)."""
        first = next(self._rotation) % len(self.urls)
        response = await self._post("/model/parse", {"text": text}, first=first, params={"token": self._token})
        return response.json()

    async def slots(self, sender: str) -> dict:
        """Returns the slots of a conversation (empty for a new one)."""
        return (await self._get_tracker(sender, {"include_events": "NONE"})).get("slots") or {}

    async def tracker(self, sender: str) -> dict:
        """Returns a conversation's state: its slots and events."""
        return await self._get_tracker(sender, {})

    async def _get_tracker(self, sender: str, params: dict) -> dict:
        """Reads a conversation from the sender's replica, or from another one when it is down."""
        for index in self.order(replica_for(sender, len(self.urls))):
            try:
                response = await self._clients[index].get(f"/conversations/{sender}/tracker",
                                                          params={"token": self._token, **params})
                response.raise_for_status()
                return response.json()
            except httpx.HTTPError:
                logger.warning("rasa replica %d could not read a conversation", index)
        raise RasaUnavailable("tracker")

    def order(self, first: int) -> list[int]:
        """Returns the replicas to try: the chosen one, then the others; replicas recently down come last."""
        ring = [(first + step) % len(self.urls) for step in range(len(self.urls))]
        now = time.monotonic()
        return sorted(ring, key=lambda index: self._down_until[index] > now)

    async def _post(self, path: str, body: dict, *, first: int, params: dict | None = None) -> httpx.Response:
        """Posts to the chosen replica, failing over to the others on connection errors and 5xx, backing off."""
        order = self.order(first)
        for attempt in range(max(RETRIES, len(order))):
            index = order[attempt % len(order)]
            try:
                response = await self._clients[index].post(path, json=body, params=params)
                if response.status_code < 500:
                    response.raise_for_status()
                    self._down_until[index] = 0.0
                    return response
                logger.warning("rasa replica %d answered %d (attempt %d)", index, response.status_code, attempt + 1)
            except httpx.TransportError:
                logger.warning("rasa replica %d not reachable (attempt %d)", index, attempt + 1)
                self._down_until[index] = time.monotonic() + DOWN_SECONDS
            if len(order) == 1 or attempt % len(order) == len(order) - 1:
                await asyncio.sleep(0.2 * 2**attempt)
        raise RasaUnavailable(path)

    async def reachable(self) -> dict[str, bool]:
        """Says which replicas answer with a loaded model."""
        async def status(client: httpx.AsyncClient) -> bool:
            try:
                response = await client.get("/status", params={"token": self._token}, timeout=3)
                return response.status_code == 200 and bool(response.json().get("model_file"))
            except (httpx.HTTPError, ValueError):
                return False

        results = await asyncio.gather(*(status(client) for client in self._clients))
        return dict(zip(self.urls, results))

    async def aclose(self) -> None:
        """Closes the connection pools."""
        for client in self._clients:
            await client.aclose()
