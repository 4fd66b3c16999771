"""Sends neutral messages to a WhatsApp user, in order; templates when the 24-hour window is closed."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from api.channels.whatsapp.graph import GraphClient
from api.channels.whatsapp.render import render
from api.settings import get_settings

TEMPLATE_PARAMETER_LIMIT = 1024


class WhatsAppSender:
    """Delivers messages to WhatsApp users through the Graph API, one user at a time."""

    channel = "whatsapp"

    def __init__(self, graph: GraphClient) -> None:
        self.graph = graph
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        # Meta sends each message in its own notification: a parent's messages are answered in order across them.
        self.conversations: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def send(self, to: str, messages: list[dict]) -> None:
        """Sends messages in order; WhatsApp does not keep the order of messages sent at once."""
        async with self._locks[to]:
            for message in messages:
                for body in render(message):
                    await self.graph.send(to, body)

    async def send_template(self, to: str, text: str, *, language: str) -> None:
        """Sends the configured template with the message as its parameter (outside the 24-hour window)."""
        template = {"name": get_settings().whatsapp_template_name, "language": {"code": language},
                    "components": [{"type": "body", "parameters": [
                        {"type": "text", "text": text[:TEMPLATE_PARAMETER_LIMIT]}]}]}
        await self.graph.send(to, {"type": "template", "template": template})
