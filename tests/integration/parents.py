"""A parent in the web chat of the running topology, who sees every answer, errors included."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from api.callbacks.models import CallbackRequest
from api.channels.rasa import replica_for
from api.channels.senders import sender_id


class Parent:
    """One browser: its own cookie, its own conversation."""

    def __init__(self, topology, language: str = "en") -> None:
        self.client = httpx.Client(base_url=topology.api_url, timeout=120)
        self.language = language
        self.client.get("/chat")

    def send(self, text: str = "", payload: str | None = None, message_id: str | None = None) -> httpx.Response:
        """Sends a message and returns the raw answer."""
        return self.client.post("/api/chat/messages", json={
            "text": text, "payload": payload, "language": self.language, "message_id": message_id or str(uuid.uuid4()),
        })

    def say(self, text: str = "", payload: str | None = None) -> list[dict]:
        """Sends a message that must be answered and returns the bot's messages."""
        reply = self.send(text, payload)
        assert reply.status_code == 200, reply.text
        messages = reply.json()["messages"]
        assert messages, "no answer"
        return messages

    @property
    def sender(self) -> str:
        """The opaque sender id Rasa sees."""
        return sender_id("web", self.client.cookies["wegwijs_web"])

    def replica(self, replicas: int) -> int:
        """The replica this parent's conversation sticks to."""
        return replica_for(self.sender, replicas)


def callback_requests(topology) -> list[CallbackRequest]:
    """The call-back requests in the application database, oldest first."""
    engine = create_engine(topology.postgres.url("wegwijs"))
    try:
        with Session(engine) as session:
            return list(session.scalars(select(CallbackRequest).order_by(CallbackRequest.id)))
    finally:
        engine.dispose()
