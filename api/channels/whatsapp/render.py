"""Neutral messages in WhatsApp's form: text, reply buttons (up to 3) or a list (up to 10 rows), chosen automatically."""

from __future__ import annotations

from api.channels.splitting import split
from api.channels.texts import CHANNEL_TEXTS
from api.i18n import gettext
from api.languages import guess
from api.settings import get_settings

TEXT_LIMIT = 4096
BUTTON_BODY_LIMIT = 1024
MAX_BUTTONS, BUTTON_TITLE = 3, 20
MAX_ROWS, ROW_TITLE, ROW_DESCRIPTION, ROW_ID = 10, 24, 72, 200
LIST_BUTTON = 20


def render(message: dict) -> list[dict]:
    """Returns the Graph API message bodies (without recipient) for one neutral message."""
    text = message.get("text") or "…"
    buttons = [b for b in message.get("buttons") or [] if len(b["payload"]) <= ROW_ID]
    if not buttons:
        return [_text(part) for part in split(text, TEXT_LIMIT)]
    fits_buttons = len(buttons) <= MAX_BUTTONS and all(len(b["title"]) <= BUTTON_TITLE for b in buttons)
    limit = BUTTON_BODY_LIMIT if fits_buttons else TEXT_LIMIT
    *leading, body = split(text, limit)
    bodies = [_text(part) for part in leading]
    if fits_buttons:
        return bodies + [_reply_buttons(body, buttons)]
    groups = [buttons[i:i + MAX_ROWS] for i in range(0, len(buttons), MAX_ROWS)]
    # The list button's label is in the answer's own language.
    language = guess(text).language or get_settings().default_language
    label = gettext(CHANNEL_TEXTS["choose"], language)[:LIST_BUTTON]
    return bodies + [_list(body if i == 0 else "…", group, label) for i, group in enumerate(groups)]


def _text(body: str) -> dict:
    return {"type": "text", "text": {"preview_url": False, "body": body}}


def _reply_buttons(body: str, buttons: list[dict]) -> dict:
    return {"type": "interactive", "interactive": {
        "type": "button",
        "body": {"text": body},
        "action": {"buttons": [{"type": "reply", "reply": {"id": b["payload"], "title": b["title"]}} for b in buttons]},
    }}


def _list(body: str, buttons: list[dict], label: str) -> dict:
    rows = []
    for b in buttons:
        row = {"id": b["payload"], "title": _shorten(b["title"], ROW_TITLE)}
        if len(b["title"]) > ROW_TITLE:
            row["description"] = _shorten(b["title"], ROW_DESCRIPTION)
        rows.append(row)
    return {"type": "interactive", "interactive": {
        "type": "list",
        "body": {"text": body},
        "action": {"button": label, "sections": [{"rows": rows}]},
    }}


def _shorten(title: str, limit: int) -> str:
    return title if len(title) <= limit else title[:limit - 1].rstrip() + "…"

