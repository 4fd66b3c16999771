"""The question log: what Wegwijs could not answer, kept for review without personal data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, Float, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


class LoggedQuestion(Base):
    """A scrubbed question that fell back or was out of scope."""

    __tablename__ = "logged_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(20))
    intent: Mapped[str] = mapped_column(String(60))
    confidence: Mapped[float] = mapped_column(Float)
    ranking: Mapped[list[dict]] = mapped_column(JSON, default=list)
    answer: Mapped[str] = mapped_column(String(60))
    sender_id: Mapped[str | None] = mapped_column(String(80), index=True)
    status: Mapped[str] = mapped_column(String(20), default="new")
