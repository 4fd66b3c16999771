"""The one path every channel shares: deduplicate, opaque sender, limits, language hint, Rasa, neutral messages."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from api.channels import commands
from api.channels.contacts import MESSAGING_CHANNELS, opt_out, remember
from api.channels.models import ProcessedMessage
from api.channels.rasa import RasaClient, RasaUnavailable
from api.channels.ratelimit import RateLimiter
from api.channels.senders import message_key, sender_id
from api.channels.texts import CHANNEL_TEXTS
from api.db import get_engine, get_sessionmaker
from api.i18n import ERRORS, TOPIC_LABELS, gettext, supported
from api.languages import ARABIC_LETTER, LATIN_LETTER, guess
from api.metrics import TURNS
from api.questions.feedback import rate
from api.questions.rating import parse_rating
from api.settings import get_settings

logger = logging.getLogger(__name__)
# Intent payloads (/intent or /choose_language{...}), ratings (/feedback{...}, handled before Rasa) and the plain
# answer tokens of form buttons ("morning").
BUTTON_PAYLOAD = re.compile(
    r'^(/[a-z_]+(\{"language": ?"[a-z]{2}"\})?|/feedback\{"helpful": ?"(yes|no)", ?"intent": ?"[a-z_]{2,60}"\}'
    r'|[a-z_]{2,20})$'
)
TEXT, NON_TEXT = "text", "non_text"
# Built once: an ORM insert with values() was rebuilt and compiled for every message.
MARK_SEEN = ProcessedMessage.__table__.insert()


@dataclass
class Incoming:
    """A message as a channel adapter received it."""

    channel: str
    platform_id: str
    message_id: str | None
    text: str = ""
    payload: str | None = None
    language_prior: str | None = None
    # "non_text" for voice notes, photos, stickers and the like, which get a kind answer instead of silence.
    kind: str = TEXT
    metadata: dict = field(default_factory=dict)


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
        # Set when a parent writes on a messaging channel: messages waiting for them may go out now.
        self.parent_wrote = asyncio.Event()
        self._turns = asyncio.Semaphore(settings.max_concurrent_turns * len(rasa.urls))

    async def handle(self, incoming: Incoming) -> Outcome:
        """Handles one incoming message and returns the bot's answer in neutral form."""
        sender = sender_id(incoming.channel, incoming.platform_id)
        fallback_language = supported(incoming.language_prior)
        key = f"{incoming.channel}:{incoming.message_id}" if incoming.message_id else None
        if refused := self._admit(key, sender, fallback_language):
            return refused
        if incoming.channel in MESSAGING_CHANNELS:
            with get_sessionmaker()() as session:
                remember(session, sender_id=sender, channel=incoming.channel, address=incoming.platform_id)
            self.parent_wrote.set()
        if answered := await self._answer_here(incoming, sender, fallback_language):
            return answered
        prepared = _prepare(incoming, sender, fallback_language)
        if isinstance(prepared, Outcome):
            return prepared
        return await self._converse(incoming, sender, key, fallback_language, *prepared)

    def _admit(self, key: str | None, sender: str, language: str) -> Outcome | None:
        """Drops a message seen before and refuses one over the sender's rate limit; None lets it through."""
        try:
            if key and not _first_time(key):
                return Outcome(duplicate=True, sender=sender)
        except SQLAlchemyError:
            logger.error("conversation turn refused: database unavailable")
            return _failure("unavailable", language, sender)
        if not self.limiter.allow(sender):
            return _failure("rate_limited", language, sender)
        return None

    async def _answer_here(self, incoming: Incoming, sender: str, fallback_language: str) -> Outcome | None:
        """Answers what never goes to Rasa: a 👍/👎, a voice note or photo, a privacy command; else None."""
        if incoming.payload is not None and (rating := parse_rating(incoming.payload)):
            return await self._rate(rating, sender, incoming.channel, fallback_language)
        if incoming.kind != NON_TEXT and incoming.payload not in commands.PRIVACY_PAYLOADS:
            return None
        language = await self._language(sender, fallback_language)
        if incoming.kind == NON_TEXT:
            return Outcome(messages=_neutral([_non_text_reply(language)]), sender=sender)
        return Outcome(messages=_neutral(commands.privacy(incoming.payload, sender_id=sender, language=language)),
                       sender=sender)

    async def _converse(self, incoming: Incoming, sender: str, key: str | None, fallback_language: str, text: str,
                        metadata: dict) -> Outcome:
        """Sends the message into the conversation; a STOP on a messaging channel also stops outbound messages."""
        started = time.perf_counter()
        try:
            async with self._turns:
                replies = await self.rasa.turn(sender=sender, text=text, channel=incoming.channel, metadata=metadata)
        except RasaUnavailable:
            TURNS.labels(channel=incoming.channel, outcome="unavailable").observe(time.perf_counter() - started)
            logger.error("conversation turn failed: rasa unavailable")
            if key:
                _release(key)  # so that the platform's or the browser's retry of this message is not dropped
            return _failure("unavailable", fallback_language, sender)
        TURNS.labels(channel=incoming.channel, outcome="answered").observe(time.perf_counter() - started)
        if incoming.channel in MESSAGING_CHANNELS and incoming.payload is None and commands.is_stop(text):
            with get_sessionmaker()() as session:
                opt_out(session, sender_id=sender)
            language = await self._language(sender, fallback_language)
            replies.append({"text": gettext(CHANNEL_TEXTS["opted_out"], language)})
        return Outcome(messages=_neutral(replies), sender=sender)

    async def _language(self, sender: str, fallback: str) -> str:
        """Returns the conversation's language for what the channel says itself."""
        try:
            return supported((await self.rasa.slots(sender)).get("language") or fallback)
        except RasaUnavailable:
            return fallback

    async def _rate(self, rating, sender: str, channel: str, language: str) -> Outcome:
        """A 👍/👎 is recorded beside the conversation, so that it never disturbs a form or the dialogue."""
        thanks = await rate(self.rasa, rating=rating, sender=sender, channel=channel, fallback_language=language)
        return Outcome(messages=[{**m, "dir": direction(m["text"])} for m in thanks], sender=sender)


def _prepare(incoming: Incoming, sender: str, fallback_language: str) -> tuple[str, dict] | Outcome:
    """Returns the text for Rasa and its metadata (language hint, channel), or a kind refusal of unusable input."""
    if incoming.payload is not None:
        if not BUTTON_PAYLOAD.match(incoming.payload):
            return _failure("empty", fallback_language, sender)
        text, metadata = incoming.payload, {"language_hint": None, "language_reliable": False}
    else:
        text = clean(incoming.text)
        if not text:
            return _failure("empty", fallback_language, sender)
        limit = get_settings().max_message_chars
        if len(text) > limit:
            return _failure("too_long", fallback_language, sender, limit=limit)
        found = guess(text)
        metadata = {"language_hint": found.language, "language_reliable": found.reliable}
    metadata.update(incoming.metadata, channel=incoming.channel, language_prior=incoming.language_prior)
    return text, metadata


def _neutral(replies: list[dict]) -> list[dict]:
    """Turns Rasa's replies into the neutral messages every channel renders: text, buttons, direction."""
    return [
        {"text": r.get("text", ""), "buttons": r.get("buttons") or [], "dir": direction(r.get("text", ""))}
        for r in replies if r.get("text") or r.get("buttons")
    ]


def _non_text_reply(language: str) -> dict:
    """The kind answer to a voice note, photo or sticker: please type, or ask for a person."""
    callback = {"title": gettext(TOPIC_LABELS["callback"], language), "payload": "/callback_request"}
    return {"text": gettext(CHANNEL_TEXTS["non_text"], language), "buttons": [callback]}


def _release(key: str) -> None:
    """Removes a message id, so that the message can be processed when it comes again."""
    with get_sessionmaker()() as session:
        session.execute(delete(ProcessedMessage).where(ProcessedMessage.key == message_key(key)))
        session.commit()


def _failure(code: str, language: str, sender: str, **values) -> Outcome:
    """Builds a kind, translated error outcome."""
    return Outcome(error_code=code, error=gettext(ERRORS[code], language).format(**values), sender=sender)


def _first_time(key: str) -> bool:
    """Records a message id; returns False when it was seen before."""
    # A short transaction of its own, on a bare connection: no ORM session is needed for one insert, and no connection
    # is held while Rasa (and the NLG calls back into api) work.
    try:
        with get_engine().begin() as connection:
            connection.execute(MARK_SEEN, {"key": message_key(key)})
        return True
    except IntegrityError:
        return False
