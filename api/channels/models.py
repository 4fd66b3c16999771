"""Messages already processed, so that a platform's retries are answered once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


class ProcessedMessage(Base):
    """The id of an incoming message that was already handled."""

    __tablename__ = "processed_messages"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)


class OutboundMessage(Base):
    """A message to a parent that Wegwijs starts itself (a call-back follow-up), kept until it is delivered."""

    __tablename__ = "outbound_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(80), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    response: Mapped[str] = mapped_column(String(80))
    arguments: Mapped[dict] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Why it waits (opted_out, outside_window, failed): logged and kept, never silently dropped.
    held_reason: Mapped[str | None] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(default=0)


class Contact(Base):
    """How to reach a parent on a messaging platform, and whether they want to be reached."""

    __tablename__ = "channel_contacts"

    sender_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    # The platform's address (Telegram chat id, WhatsApp number): needed to send, deleted by "forget me".
    address: Mapped[str] = mapped_column(String(64))
    last_inbound_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    opted_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ButtonPayload(Base):
    """A button payload too long for the platform (Telegram's 64 bytes), kept under a short id."""

    __tablename__ = "button_payloads"

    short_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    payload: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)


class DeliveryStatus(Base):
    """A platform's report on a message Wegwijs sent (sent, delivered, read, failed), without the recipient."""

    __tablename__ = "delivery_statuses"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[str] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(20))
    error_code: Mapped[int | None] = mapped_column()
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
