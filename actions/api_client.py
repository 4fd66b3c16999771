"""The actions' only way to the application: api's internal endpoints."""

from __future__ import annotations

import asyncio
import logging

import httpx

from actions.settings import get_settings

logger = logging.getLogger(__name__)
# About fifteen seconds in all: long enough for api to restart, short enough for the parent to wait.
RETRY_DELAYS = (0.5, 1, 2, 4, 8)


class ApiUnavailable(Exception):
    """api did not answer, even after retries."""


class ApiClient:
    """Calls api's internal endpoints with the shared token."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        settings = get_settings()
        self._client = client or httpx.AsyncClient(
            base_url=settings.api_url,
            timeout=settings.api_timeout_seconds,
            headers={"X-Internal-Token": settings.internal_token},
        )

    async def plan_answer(self, *, intent: str, ranking: list[dict], entities: dict, text: str = "",
                          language: str | None = None, channel: str = "unknown") -> dict:
        """Gets the responses and services that answer an intent; with a language, api counts the question."""
        response = await self._client.post("/internal/answers", json={
            "intent": intent, "ranking": ranking, "entities": entities, "text": text, "language": language,
            "channel": channel,
        })
        response.raise_for_status()
        return response.json()

    async def check_phone(self, text: str) -> dict:
        """Checks and normalises a phone number."""
        response = await self._client.post("/internal/callbacks/phone", json={"text": text})
        response.raise_for_status()
        return response.json()

    async def create_callback(self, **request) -> dict:
        """Creates a call-back request, retrying while api restarts; the idempotency key keeps it to one request."""
        for delay in RETRY_DELAYS:
            try:
                response = await self._client.post("/internal/callbacks", json=request)
                if response.status_code < 500:
                    response.raise_for_status()
                    return response.json()
            except httpx.TransportError:
                logger.warning("api not reachable while storing a call-back; retrying")
            await asyncio.sleep(delay)
        raise ApiUnavailable("/internal/callbacks")

    async def withdraw_callbacks(self, *, sender_id: str) -> list[str]:
        """Withdraws the parent's open call-back requests."""
        response = await self._client.post("/internal/callbacks/withdraw", json={"sender_id": sender_id})
        response.raise_for_status()
        return response.json()["references"]

    async def log_question(self, **question) -> None:
        """Reports a question that Wegwijs could not answer."""
        response = await self._client.post("/internal/questions", json=question)
        response.raise_for_status()


_client: ApiClient | None = None


def api_client() -> ApiClient:
    """Returns the shared client, built on first use."""
    global _client
    if _client is None:
        _client = ApiClient()
    return _client
