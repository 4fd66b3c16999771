"""The HTTP client for the rasa process: conversation turns and NLU parsing."""

from __future__ import annotations

import asyncio
import logging

import httpx

from api.settings import get_settings

logger = logging.getLogger(__name__)
RETRIES = 3


class RasaUnavailable(Exception):
    """The rasa process did not answer."""


class RasaClient:
    """Talks to Rasa's REST channel and HTTP API."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        settings = get_settings()
        self._client = client or httpx.AsyncClient(base_url=settings.rasa_url, timeout=settings.rasa_timeout_seconds)
        self._token = settings.rasa_token

    async def turn(self, *, sender: str, text: str, channel: str, metadata: dict) -> list[dict]:
        """Sends one user message into the conversation and returns the bot's messages."""
        body = {"sender": sender, "message": text, "input_channel": channel, "metadata": metadata}
        response = await self._post("/webhooks/rest/webhook", body)
        return response.json()

    async def parse(self, text: str) -> dict:
        """Classifies a text with the NLU model, outside any conversation."""
        response = await self._post("/model/parse", {"text": text}, params={"token": self._token})
        return response.json()

    async def slots(self, sender: str) -> dict:
        """Returns the slots of a conversation (empty for a new one)."""
        try:
            response = await self._client.get(f"/conversations/{sender}/tracker",
                                              params={"token": self._token, "include_events": "NONE"})
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable("tracker") from error
        return response.json().get("slots") or {}
    async def tracker(self, sender: str) -> dict:
        """Returns a conversation's state: its slots and events."""
        try:
            response = await self._client.get(f"/conversations/{sender}/tracker", params={"token": self._token})
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable("tracker") from error
        return response.json()

    async def _post(self, path: str, body: dict, params: dict | None = None) -> httpx.Response:
        """Posts with retries on connection errors and 5xx, backing off."""
        for attempt in range(RETRIES):
            try:
                response = await self._client.post(path, json=body, params=params)
                if response.status_code < 500:
                    response.raise_for_status()
                    return response
            except httpx.TransportError:
                logger.warning("rasa not reachable (attempt %d)", attempt + 1)
            await asyncio.sleep(0.2 * 2**attempt)
        raise RasaUnavailable(path)

    async def aclose(self) -> None:
        """Closes the connection pool."""
        await self._client.aclose()
