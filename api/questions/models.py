"""The question log: what Wegwijs could not answer, kept for review without personal data; and counts of all questions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base

STATUSES = ("new", "reviewed", "added_to_training", "answered_in_catalogue", "dismissed")


class QuestionGroup(Base):
    """Similar questions, across languages, with a label the coordinator can edit."""

    __tablename__ = "question_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LoggedQuestion(Base):
    """A scrubbed question that fell back, was out of scope or whose answer the parent rated not helpful."""

    __tablename__ = "logged_questions"
    # The review page lists the newest questions of a status, and counts their groups and languages, from indexes alone.
    __table_args__ = (Index("ix_logged_questions_status_created_at", "status", "created_at"),
                      Index("ix_logged_questions_status_group_id_language", "status", "group_id", "language"))

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    intent: Mapped[str] = mapped_column(String(60))
    confidence: Mapped[float] = mapped_column(Float)
    ranking: Mapped[list[dict]] = mapped_column(JSON, default=list)
    answer: Mapped[str] = mapped_column(String(60))
    # The link to the conversation in Rasa's tracker store; emptied when conversation retention deletes it.
    sender_id: Mapped[str | None] = mapped_column(String(80), index=True)
    status: Mapped[str] = mapped_column(String(20), default="new")
    # fallback | out_of_scope | not_helpful
    reason: Mapped[str] = mapped_column(String(20), default="fallback")
    # The topic of the best in-domain intent the model considered: the coordinator's first guess.
    topic: Mapped[str] = mapped_column(String(30), default="out_of_scope", index=True)
    note: Mapped[str | None] = mapped_column(Text)
    training_intent: Mapped[str | None] = mapped_column(String(60))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("question_groups.id", ondelete="SET NULL"), index=True)

    group: Mapped[QuestionGroup | None] = relationship()


class QuestionCount(Base):
    """How many questions of a topic, language and channel were answered, unanswered or rated on a day (no text)."""

    __tablename__ = "question_counts"
    __table_args__ = (UniqueConstraint("day", "topic", "language", "channel", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    topic: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(20))
    # answered | unanswered | helpful | not_helpful
    kind: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=0)
