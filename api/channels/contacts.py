"""How to reach parents on messaging platforms: their address, when they last wrote, and whether they opted out."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from api.channels.models import Contact

MESSAGING_CHANNELS = ("telegram", "whatsapp")
# WhatsApp's customer-service window: free-form messages only within 24 hours of the parent's last message.
SERVICE_WINDOW = dt.timedelta(hours=24)


def remember(session: Session, *, sender_id: str, channel: str, address: str) -> Contact:
    """Records that a parent wrote; writing again also ends an opt-out."""
    contact = session.get(Contact, sender_id) or Contact(sender_id=sender_id, channel=channel, address=address)
    contact.address = address
    contact.last_inbound_at = dt.datetime.now(dt.timezone.utc)
    contact.opted_out_at = None
    session.add(contact)
    session.commit()
    return contact


def opt_out(session: Session, *, sender_id: str) -> None:
    """Stops every message Wegwijs would start itself, until the parent writes again."""
    contact = session.get(Contact, sender_id)
    if contact is not None:
        contact.opted_out_at = dt.datetime.now(dt.timezone.utc)
        session.commit()


def within_window(contact: Contact, *, now: dt.datetime | None = None) -> bool:
    """Says whether the parent wrote within the platform's customer-service window."""
    now = now or dt.datetime.now(dt.timezone.utc)
    last = contact.last_inbound_at if contact.last_inbound_at.tzinfo else contact.last_inbound_at.replace(
        tzinfo=dt.timezone.utc)
    return now - last < SERVICE_WINDOW
