"""The WhatsApp Cloud API (Graph API) client: send messages and templates, mark as read, with retries."""

from __future__ import annotations

import asyncio
import logging

import httpx

from api.settings import get_settings

logger = logging.getLogger(__name__)
RETRIES = 4
# Graph error codes: throughput and pair-rate limits are worth a retry; 131047 means the 24-hour window closed.
RETRY_CODES = {4, 80007, 130429, 131056}
OUTSIDE_WINDOW = 131047


class OutsideWindow(Exception):
    """The parent last wrote more than 24 hours ago: only a template may be sent."""


class DeliveryFailed(Exception):
    """WhatsApp refused a message for good, or kept failing."""


class GraphClient:
    """Sends to one business phone number's /messages endpoint."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        settings = get_settings()
        self._client = client or httpx.AsyncClient(
            base_url=settings.whatsapp_graph_url.rstrip("/") + "/",
            headers={"Authorization": f"Bearer {settings.whatsapp_access_token}"}, timeout=15,
        )
        self._path = f"{settings.whatsapp_phone_number_id}/messages"

    async def send(self, to: str, message: dict) -> str:
        """Sends one message body to a WhatsApp user; returns its wamid."""
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, **message}
        data = await self._post(body)
        return data["messages"][0]["id"]

    async def mark_read(self, message_id: str) -> None:
        """Marks a received message as read and shows the typing indicator while the answer is prepared."""
        body = {"messaging_product": "whatsapp", "status": "read", "message_id": message_id,
                "typing_indicator": {"type": "text"}}
        try:
            await self._post(body)
        except DeliveryFailed:
            logger.info("could not mark a message as read")

    async def _post(self, body: dict) -> dict:
        """Posts with backoff on 429, 5xx and rate-limit codes; raises OutsideWindow or DeliveryFailed."""
        for attempt in range(RETRIES):
            try:
                response = await self._client.post(self._path, json=body)
            except httpx.TransportError:
                logger.warning("whatsapp not reachable (attempt %d)", attempt + 1)
            else:
                if response.status_code < 300:
                    return response.json()
                code = _error_code(response)
                if code == OUTSIDE_WINDOW:
                    raise OutsideWindow()
                if response.status_code < 500 and response.status_code != 429 and code not in RETRY_CODES:
                    raise DeliveryFailed(f"whatsapp refused the message: {response.status_code} code {code}")
                logger.warning("whatsapp asked to retry: %s code %s", response.status_code, code)
            await asyncio.sleep(0.5 * 2**attempt)
        raise DeliveryFailed("whatsapp kept failing")

    async def aclose(self) -> None:
        """Closes the connection pool."""
        await self._client.aclose()


def _error_code(response: httpx.Response) -> int | None:
    """Reads the Graph error code from an error response."""
    try:
        return int(response.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return None
