"""Deep links that open a conversation with Wegwijs on a topic: for QR codes on paper and links on web pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from api.answers.topics import MAIN_INTENT, topic_of_intent
from api.settings import get_settings

# Telegram allows A-Z, a-z, 0-9, _ and - in a start payload, at most 64 characters.
START_PAYLOAD = re.compile(r"^(?:ref-(?P<referral>[A-Za-z0-9]{4,16})|(?P<intent>[a-z_]{2,40})(?:-(?P<language>[a-z]{2}))?)$")
WHATSAPP_START = "START "


@dataclass(frozen=True)
class Start:
    """What a deep link asks for: a question (intent) in a language, or a front-desk referral code."""

    intent: str | None = None
    language: str | None = None
    referral: str | None = None


def start_payload(intent: str, language: str | None = None) -> str:
    """Returns the start payload that opens a conversation on an intent, in a language."""
    return f"{intent}-{language}" if language else intent


def referral_payload(code: str) -> str:
    """Returns the start payload that carries a front-desk referral code."""
    return f"ref-{code}"


def parse_start(payload: str) -> Start | None:
    """Reads a start payload; None when it is not one of ours."""
    match = START_PAYLOAD.match(payload.strip())
    if not match:
        return None
    return Start(intent=match["intent"], language=match["language"], referral=match["referral"])


def start_intent(start: Start) -> str | None:
    """Returns the intent a start payload asks about: an intent by name, or a topic's main question."""
    if start.intent in topic_of_intent():
        return start.intent
    return MAIN_INTENT.get(start.intent or "")


def telegram_link(payload: str) -> str | None:
    """Returns the t.me link that starts the Telegram conversation with a payload; None without a bot username."""
    username = get_settings().telegram_bot_username
    return f"https://t.me/{username}?start={payload}" if username else None


def whatsapp_link(payload: str) -> str | None:
    """Returns the wa.me link whose pre-filled message starts the WhatsApp conversation with a payload."""
    number = get_settings().whatsapp_display_number.lstrip("+")
    return f"https://wa.me/{number}?text={quote(WHATSAPP_START + payload)}" if number else None
