"""Neutral messages (text and buttons) in Telegram's form: inline keyboards, or the "share my number" button."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from api.channels.payloads import shorten
from api.channels.splitting import split
from api.questions.rating import parse_rating

SHARE_PHONE = "share_phone"


@dataclass
class TelegramMessage:
    """The arguments of one sendMessage call."""

    text: str
    reply_markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None


def render(session: Session, message: dict) -> list[TelegramMessage]:
    """Renders a neutral message; long texts are split, the keyboard goes with the last part."""
    parts = split(message.get("text") or "…", MessageLimit.MAX_TEXT_LENGTH)
    rendered = [TelegramMessage(part) for part in parts]
    rendered[-1].reply_markup = keyboard(session, message.get("buttons") or [])
    return rendered


def keyboard(session: Session, buttons: list[dict]) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    """Builds the keyboard: one inline button per row, payloads over 64 bytes through the short-id map."""
    if not buttons:
        return None
    if any(b["payload"] == SHARE_PHONE for b in buttons):
        share = next(b for b in buttons if b["payload"] == SHARE_PHONE)
        return ReplyKeyboardMarkup([[KeyboardButton(share["title"], request_contact=True)]],
                                   one_time_keyboard=True, resize_keyboard=True)
    limit = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(b["title"], callback_data=shorten(session, b["payload"], limit=limit))] for b in buttons
    ])



def after_press(markup: InlineKeyboardMarkup | None, pressed: str) -> InlineKeyboardMarkup | None:
    """The keyboard left once a button was pressed: a 👍/👎 removes the rating only, any other button everything."""
    if markup is None or parse_rating(pressed) is None:
        return None
    rows = [row for row in markup.inline_keyboard if not any(parse_rating(b.callback_data or "") for b in row)]
    return InlineKeyboardMarkup(rows) if rows else None
