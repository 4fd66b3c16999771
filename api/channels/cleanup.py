"""Retention for what the channels keep: contacts gone quiet, payload maps, message ids, messages, statuses."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.channels.models import ButtonPayload, Contact, DeliveryStatus, OutboundMessage, ProcessedMessage
from api.settings import get_settings

# Meta retries a webhook for up to 7 days: message ids are kept a day longer, so a late retry is still a duplicate.
PROCESSED_DAYS = 8


def purge_channel_data(session: Session, *, now: dt.datetime) -> int:
    """Deletes contacts, payloads, messages and statuses older than the conversation retention; returns how many."""
    cutoff = now - dt.timedelta(days=get_settings().conversation_retention_days)
    statements = [
        delete(Contact).where(Contact.last_inbound_at < cutoff),
        delete(ButtonPayload).where(ButtonPayload.created_at < cutoff),
        # A message still waiting when the conversation is deleted can no longer reach anyone either.
        delete(OutboundMessage).where(OutboundMessage.created_at < cutoff),
        delete(DeliveryStatus).where(DeliveryStatus.reported_at < cutoff),
        delete(ProcessedMessage).where(ProcessedMessage.created_at < now - dt.timedelta(days=PROCESSED_DAYS)),
    ]
    removed = sum(session.execute(statement).rowcount for statement in statements)
    session.commit()
    return removed
