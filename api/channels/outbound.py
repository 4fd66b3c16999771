"""Messages Wegwijs sends a parent on its own initiative, through the parent's channel."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.channels.models import OutboundMessage
from api.nlg.render import Rendered, render


def send_to_parent(session: Session, *, sender_id: str, channel: str, response: str, arguments: dict,
                   language: str) -> OutboundMessage:
    """Queues a response for a parent; each channel delivers its queue (the web chat on the parent's next visit)."""
    message = OutboundMessage(sender_id=sender_id, channel=channel, response=response, arguments=arguments,
                              language=language)
    session.add(message)
    return message


def deliver_pending(session: Session, *, sender_id: str) -> list[Rendered]:
    """Renders a parent's undelivered messages, oldest first, and marks them delivered."""
    pending = list(session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.sender_id == sender_id, OutboundMessage.delivered_at.is_(None))
        .order_by(OutboundMessage.id)
    ))
    rendered = [render(session, name=m.response, arguments=m.arguments, language=m.language, slots=m.arguments)
                for m in pending]
    for message in pending:
        message.delivered_at = dt.datetime.now(dt.timezone.utc)
    session.commit()
    return rendered
