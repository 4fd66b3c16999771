"""Delivers the messages Wegwijs starts itself (call-back follow-ups) on Telegram and WhatsApp, or holds them visibly."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from sqlalchemy import select
from telegram.error import TelegramError

from api.channels.contacts import within_window
from api.channels.models import Contact, OutboundMessage
from api.channels.pipeline import Pipeline
from api.channels.whatsapp.graph import DeliveryFailed, OutsideWindow
from api.db import get_sessionmaker
from api.nlg.render import render
from api.settings import get_settings

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
POLL_SECONDS = 2.0


async def deliver_waiting(senders: dict) -> int:
    """Sends every waiting message that may go out now; returns how many were delivered."""
    delivered = 0
    with get_sessionmaker()() as session:
        waiting = session.scalars(select(OutboundMessage).where(
            OutboundMessage.delivered_at.is_(None), OutboundMessage.channel.in_(list(senders)),
            OutboundMessage.attempts < MAX_ATTEMPTS,
        ).order_by(OutboundMessage.id)).all()
        for message in waiting:
            contact = session.get(Contact, message.sender_id)
            try:
                rendered = render(session, name=message.response, arguments=message.arguments,
                                  language=message.language, slots=message.arguments)
            except KeyError:
                logger.exception("message %d cannot be rendered", message.id)
                message.attempts, message.held_reason = MAX_ATTEMPTS, "cannot_render"
                session.commit()
                continue
            reason = await _send(senders[message.channel], contact, message, rendered.as_json())
            if reason is None:
                message.delivered_at, message.held_reason = dt.datetime.now(dt.timezone.utc), None
                delivered += 1
            elif reason != message.held_reason:
                logger.warning("message %d to a parent on %s held: %s", message.id, message.channel, reason)
                message.held_reason = reason
            session.commit()
    return delivered


async def _send(sender, contact: Contact | None, message: OutboundMessage, neutral: dict) -> str | None:
    """Sends one message; returns why it must wait, or None when it went out."""
    if contact is None:
        return "no_contact"
    if contact.opted_out_at is not None:
        return "opted_out"
    try:
        if message.channel == "whatsapp" and not within_window(contact):
            if not get_settings().whatsapp_template_name:
                return "outside_window"
            await sender.send_template(contact.address, neutral["text"], language=message.language)
        else:
            await sender.send(contact.address, [neutral])
    except OutsideWindow:
        return "outside_window"
    except (DeliveryFailed, TelegramError):
        message.attempts += 1
        return "failed"
    return None


async def deliver_regularly(pipeline: Pipeline, senders: dict) -> None:
    """Delivers waiting messages every few seconds, and at once when a parent writes again."""
    while True:
        try:
            await deliver_waiting(senders)
        except Exception:
            logger.exception("delivery run failed")
        try:
            await asyncio.wait_for(pipeline.parent_wrote.wait(), timeout=POLL_SECONDS)
        except TimeoutError:
            pass
        pipeline.parent_wrote.clear()
