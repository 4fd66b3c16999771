"""'Forget me': deletes everything Wegwijs keeps about one parent, in the application and in Rasa's tracker store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.callbacks.models import CallbackEvent, CallbackRequest
from api.callbacks.service import anonymise
from api.channels.models import Contact, OutboundMessage
from api.questions.models import LoggedQuestion
from api.questions.service import delete_empty_groups
from api.tracker_store import delete_events

OPEN_STATES = ("new", "claimed")


@dataclass
class Forgotten:
    """What was deleted for one parent."""

    messages: int
    contacts: int
    callbacks: int
    questions: int


def forget_sender(session: Session, sender_id: str) -> Forgotten:
    """Deletes a parent's conversation, contact, queued messages, logged questions and call-back data."""
    now = dt.datetime.now(dt.timezone.utc)
    callbacks = 0
    for request in session.scalars(select(CallbackRequest).where(CallbackRequest.sender_id == sender_id)):
        if request.status in OPEN_STATES:
            request.status, request.closed_at = "withdrawn", now
        anonymise(request)
        request.version += 1
        request.events.append(CallbackEvent(actor="parent", action="forgotten"))
        callbacks += 1
    # A parent who asks to be forgotten expects their questions gone; the daily counts (no text) stay.
    questions = session.execute(delete(LoggedQuestion).where(LoggedQuestion.sender_id == sender_id)).rowcount
    delete_empty_groups(session)
    contacts = session.execute(delete(Contact).where(Contact.sender_id == sender_id)).rowcount
    session.execute(delete(OutboundMessage).where(OutboundMessage.sender_id == sender_id))
    session.commit()
    return Forgotten(messages=delete_events(sender_id=sender_id), contacts=contacts, callbacks=callbacks,
                     questions=questions)
