"""GDPR access: everything Wegwijs keeps about one parent, as plain data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.callbacks.models import CallbackRequest
from api.channels.models import Contact, OutboundMessage
from api.questions.models import LoggedQuestion
from api.tracker_store import read_events


def _when(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_sender(session: Session, sender_id: str) -> dict:
    """Collects a parent's conversation, contact, call-back requests, logged questions and messages to them."""
    contact = session.get(Contact, sender_id)
    requests = session.scalars(select(CallbackRequest).where(CallbackRequest.sender_id == sender_id)
                               .order_by(CallbackRequest.id))
    questions = session.scalars(select(LoggedQuestion).where(LoggedQuestion.sender_id == sender_id)
                                .order_by(LoggedQuestion.id))
    messages = session.scalars(select(OutboundMessage).where(OutboundMessage.sender_id == sender_id)
                               .order_by(OutboundMessage.id))
    return {
        "sender": sender_id,
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "conversation": read_events(sender_id),
        "contact": contact and {"channel": contact.channel, "address": contact.address,
                                "last_message_at": _when(contact.last_inbound_at),
                                "opted_out_at": _when(contact.opted_out_at)},
        "callbacks": [{"reference": r.reference, "status": r.status, "channel": r.channel, "phone": r.phone,
                       "preferred_time": r.preferred_time, "language": r.language, "note": r.note,
                       "summary": r.summary, "created_at": _when(r.created_at), "closed_at": _when(r.closed_at),
                       "history": [{"at": _when(e.at), "action": e.action, "note": e.note} for e in r.events]}
                      for r in requests],
        "questions": [{"text": q.text, "language": q.language, "channel": q.channel, "reason": q.reason,
                       "answer": q.answer, "created_at": _when(q.created_at)} for q in questions],
        "outbound_messages": [{"response": m.response, "arguments": m.arguments, "language": m.language,
                               "created_at": _when(m.created_at), "delivered_at": _when(m.delivered_at)}
                              for m in messages],
    }
