"""Deletes what is kept longer than the retention settings: conversations, question texts, phone numbers, contacts.

The daily question counts hold no text and are kept.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from api.callbacks.service import purge_closed_phones
from api.channels.cleanup import purge_channel_data
from api.db import get_sessionmaker
from api.questions.models import LoggedQuestion
from api.questions.service import delete_empty_groups
from api.settings import get_settings
from api.tracker_store import delete_events

logger = logging.getLogger(__name__)


@dataclass
class Purged:
    """How much each retention rule removed."""

    conversation_events: int
    questions: int
    phone_numbers: int
    channel_data: int


def apply_retention(session: Session, *, now: dt.datetime | None = None) -> Purged:
    """Applies every retention setting once."""
    settings = get_settings()
    now = now or dt.datetime.now(dt.timezone.utc)
    question_cutoff = now - dt.timedelta(days=settings.question_retention_days)
    questions = session.execute(delete(LoggedQuestion).where(LoggedQuestion.created_at < question_cutoff)).rowcount
    # The link to the conversation goes when the conversation itself is deleted.
    conversation_cutoff = now - dt.timedelta(days=settings.conversation_retention_days)
    session.execute(update(LoggedQuestion).where(LoggedQuestion.created_at < conversation_cutoff,
                                                 LoggedQuestion.sender_id.is_not(None)).values(sender_id=None))
    delete_empty_groups(session)
    session.commit()
    purged = Purged(
        conversation_events=delete_events(before=conversation_cutoff),
        questions=questions,
        phone_numbers=purge_closed_phones(session, now=now),
        channel_data=purge_channel_data(session, now=now),
    )
    logger.info("retention applied: %s", purged)
    return purged


def run_retention() -> Purged:
    """Applies the retention settings in a session of its own (for the scheduler and the command line)."""
    with get_sessionmaker()() as session:
        return apply_retention(session)

