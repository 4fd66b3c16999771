"""Reads WhatsApp webhook bodies: the messages parents sent and the statuses of what Wegwijs sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from api.channels.links import WHATSAPP_START, parse_start, start_intent
from api.channels.pipeline import NON_TEXT, Incoming

CHANNEL = "whatsapp"
USE_MY_NUMBER = "use_my_number"
# Kinds that get the kind "I can only read text" answer; reactions and system notices get no answer.
NON_TEXT_TYPES = {"audio", "voice", "image", "video", "sticker", "document", "location", "contacts", "unsupported"}


@dataclass
class Status:
    """A status update on a message Wegwijs sent."""

    message_id: str
    status: str
    error_code: int | None
    reported_at: dt.datetime


class MalformedWebhook(ValueError):
    """A body that is not a WhatsApp webhook notification."""


def read(body: dict) -> tuple[list[Incoming], list[Status]]:
    """Returns every message and status of a (possibly batched) notification, in order."""
    if not isinstance(body, dict) or not isinstance(body.get("entry"), list):
        raise MalformedWebhook("no entry list")
    messages: list[Incoming] = []
    statuses: list[Status] = []
    try:
        for entry in body["entry"]:
            for change in entry.get("changes") or []:
                value = change.get("value") or {}
                messages += [m for m in map(_incoming, value.get("messages") or []) if m is not None]
                statuses += [_status(s) for s in value.get("statuses") or []]
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise MalformedWebhook(str(error)) from error
    return messages, statuses


def _incoming(message: dict) -> Incoming | None:
    """Turns one message into the pipeline's form; None for what needs no answer."""
    kind, sender, message_id = message["type"], str(message["from"]), str(message["id"])
    base = {"channel": CHANNEL, "platform_id": sender, "message_id": message_id}
    if kind == "text":
        text = message["text"]["body"]
        start = parse_start(text[len(WHATSAPP_START):]) if text.upper().startswith(WHATSAPP_START) else None
        intent = start_intent(start) if start else None
        if intent:
            return Incoming(**base, payload=f"/{intent}", language_prior=start.language)
        return Incoming(**base, text=text)
    if kind == "interactive":
        reply = message["interactive"].get("button_reply") or message["interactive"].get("list_reply")
        return _button(base, reply["id"], sender)
    if kind == "button":
        return _button(base, message["button"]["payload"], sender)
    if kind in NON_TEXT_TYPES:
        return Incoming(**base, kind=NON_TEXT)
    return None


def _button(base: dict, payload: str, sender: str) -> Incoming:
    """A pressed button; "use this number" answers the call-back form with the number the parent writes from."""
    if payload == USE_MY_NUMBER:
        return Incoming(**base, text=f"+{sender}")
    return Incoming(**base, payload=payload)


def _status(status: dict) -> Status:
    """Reads one status update; the recipient's number is left out on purpose."""
    errors = status.get("errors") or []
    return Status(
        message_id=str(status["id"]),
        status=str(status["status"])[:20],
        error_code=int(errors[0]["code"]) if errors and "code" in errors[0] else None,
        reported_at=dt.datetime.fromtimestamp(int(status["timestamp"]), dt.timezone.utc),
    )
