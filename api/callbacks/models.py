"""Call-back requests to a trusted person, and the audit trail of everything done with them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base


class CallbackRequest(Base):
    """A parent's request to be called back, with what the trusted person needs to know."""

    __tablename__ = "callback_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    sender_id: Mapped[str | None] = mapped_column(String(80), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    # The only place a phone number is kept; emptied `phone_retention_days` after closing.
    phone: Mapped[str | None] = mapped_column(String(20))
    preferred_time: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    events: Mapped[list["CallbackEvent"]] = relationship(
        back_populates="request", order_by="CallbackEvent.id", cascade="all, delete-orphan"
    )


class CallbackEvent(Base):
    """One change to a call-back request: who, when, what."""

    __tablename__ = "callback_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("callback_requests.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)

    request: Mapped[CallbackRequest] = relationship(back_populates="events")
