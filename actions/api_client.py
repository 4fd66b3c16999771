"""The actions' only way to the application: api's internal endpoints."""

from __future__ import annotations

import httpx

from actions.settings import get_settings


class ApiClient:
    """Calls api's internal endpoints with the shared token."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        settings = get_settings()
        self._client = client or httpx.AsyncClient(
            base_url=settings.api_url,
            timeout=settings.api_timeout_seconds,
            headers={"X-Internal-Token": settings.internal_token},
        )

    async def plan_answer(self, *, intent: str, ranking: list[dict], entities: dict) -> dict:
        """Gets the responses and services that answer an intent."""
        response = await self._client.post(
            "/internal/answers", json={"intent": intent, "ranking": ranking, "entities": entities}
        )
        response.raise_for_status()
        return response.json()

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
