"""The one path every channel shares: deduplicate, opaque sender, limits, language hint, Rasa, neutral messages."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from api.channels.models import ProcessedMessage
from api.channels.rasa import RasaClient, RasaUnavailable
from api.channels.ratelimit import RateLimiter
from api.channels.senders import sender_id
from api.db import get_sessionmaker
from api.i18n import ERRORS, gettext, supported
from api.languages import ARABIC_LETTER, LATIN_LETTER, guess
from api.metrics import TURNS
from api.settings import get_settings

logger = logging.getLogger(__name__)
# Intent payloads (/intent or /choose_language{...}) and the plain answer tokens of form buttons ("morning").
BUTTON_PAYLOAD = re.compile(r'^(/[a-z_]+(\{"language": ?"[a-z]{2}"\})?|[a-z_]{2,20})$')


@dataclass
class Incoming:
    """A message as a channel adapter received it."""

    channel: str
    platform_id: str
    message_id: str | None
    text: str = ""
    payload: str | None = None
    language_prior: str | None = None


@dataclass
class Outcome:
    """What to send back: neutral messages, or an error the channel shows kindly."""

    messages: list[dict] = field(default_factory=list)
    error_code: str | None = None
    error: str | None = None
    duplicate: bool = False
    sender: str = ""


def clean(text: str) -> str:
    """Removes control characters and surrounding space; free text may not pose as a button payload."""
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return text.strip().lstrip("/").strip()


def direction(text: str) -> str:
    """Returns the writing direction of a message: rtl when Arabic script dominates."""
    return "rtl" if len(ARABIC_LETTER.findall(text)) > len(LATIN_LETTER.findall(text)) else "ltr"


class Pipeline:
    """Runs incoming messages of any channel through the conversation."""

    def __init__(self, rasa: RasaClient) -> None:
        settings = get_settings()
        self.rasa = rasa
        self.limiter = RateLimiter(limit=settings.messages_per_minute)

    async def handle(self, incoming: Incoming) -> Outcome:
        """Handles one incoming message and returns the bot's answer in neutral form."""
        settings = get_settings()
        sender = sender_id(incoming.channel, incoming.platform_id)
        fallback_language = supported(incoming.language_prior)
        key = f"{incoming.channel}:{incoming.message_id}" if incoming.message_id else None
        try:
            if key and not _first_time(key):
                return Outcome(duplicate=True, sender=sender)
        except SQLAlchemyError:
            logger.error("conversation turn refused: database unavailable")
            return _failure("unavailable", fallback_language, sender)
        if not self.limiter.allow(sender):
            return _failure("rate_limited", fallback_language, sender)
        if incoming.payload is not None:
            if not BUTTON_PAYLOAD.match(incoming.payload):
                return _failure("empty", fallback_language, sender)
            text, metadata = incoming.payload, {"language_hint": None, "language_reliable": False}
        else:
            text = clean(incoming.text)
            if not text:
                return _failure("empty", fallback_language, sender)
            if len(text) > settings.max_message_chars:
                return _failure("too_long", fallback_language, sender, limit=settings.max_message_chars)
            found = guess(text)
            metadata = {"language_hint": found.language, "language_reliable": found.reliable}
        metadata.update(channel=incoming.channel, language_prior=incoming.language_prior)
        started = time.perf_counter()
        try:
            replies = await self.rasa.turn(sender=sender, text=text, channel=incoming.channel, metadata=metadata)
        except RasaUnavailable:
            TURNS.labels(channel=incoming.channel, outcome="unavailable").observe(time.perf_counter() - started)
            logger.error("conversation turn failed: rasa unavailable")
            if key:
                _forget(key)  # so that the platform's or the browser's retry of this message is not dropped
            return _failure("unavailable", fallback_language, sender)
        TURNS.labels(channel=incoming.channel, outcome="answered").observe(time.perf_counter() - started)
        messages = [
            {"text": r.get("text", ""), "buttons": r.get("buttons") or [], "dir": direction(r.get("text", ""))}
            for r in replies if r.get("text") or r.get("buttons")
        ]
        return Outcome(messages=messages, sender=sender)


def _forget(key: str) -> None:
    """Removes a message id, so that the message can be processed when it comes again."""
    with get_sessionmaker()() as session:
        session.execute(delete(ProcessedMessage).where(ProcessedMessage.key == key[:200]))
        session.commit()


def _failure(code: str, language: str, sender: str, **values) -> Outcome:
    """Builds a kind, translated error outcome."""
    return Outcome(error_code=code, error=gettext(ERRORS[code], language).format(**values), sender=sender)


def _first_time(key: str) -> bool:
    """Records a message id; returns False when it was seen before."""
    # A short session of its own: no connection is held while Rasa (and the NLG calls back into api) work.
    with get_sessionmaker()() as session:
        session.add(ProcessedMessage(key=key[:200]))
        try:
            session.commit()
            return True
        except IntegrityError:
            session.rollback()
            return False
