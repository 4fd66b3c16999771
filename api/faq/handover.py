"""Handing an answer over from the desk: to the parent's phone by their reference, or as a call-back request."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.answers.plan import plan_answer
from api.callbacks.models import CallbackEvent, CallbackRequest
from api.callbacks.phones import check_phone
from api.callbacks.service import create_request
from api.channels.outbound import send_to_parent

REFERENCE = re.compile(r"^(?:WW)?-?([A-Z0-9]{5})$")
DESK_CHANNEL = "desk"
ANSWER_SENT = "answer_sent"


class UnknownReference(LookupError):
    """No call-back request has this reference."""


class NoConversation(LookupError):
    """The request was made at the desk or by phone: Wegwijs has no chat with this parent to write to."""


class PhoneRefused(ValueError):
    """A phone number that cannot be called back; the reason is a code of api/callbacks/phones.py."""


def normalise_reference(text: str) -> str | None:
    """Returns a reference as WW-XXXXX from what a parent reads out ("ww abcde", "ABCDE"), or None."""
    match = REFERENCE.match(re.sub(r"\s+", "", text).upper())
    return f"WW-{match[1]}" if match else None


def send_answer(session: Session, *, reference: str, intent: str, language: str, actor: str) -> CallbackRequest:
    """Sends the chat's answer to an intent to the parent behind a reference, on their channel, and audits it."""
    request = session.scalar(select(CallbackRequest).where(CallbackRequest.reference == normalise_reference(reference)))
    if request is None:
        raise UnknownReference(reference)
    if request.sender_id is None:
        raise NoConversation(reference)
    for response in plan_answer(session, intent=intent, ranking=[]).responses:
        send_to_parent(session, sender_id=request.sender_id, channel=request.channel, response=response.name,
                       arguments=response.arguments, language=language)
    request.events.append(CallbackEvent(actor=actor, action=ANSWER_SENT, note=f"{intent} ({language})"))
    session.commit()
    return request


def request_call_back(session: Session, *, idempotency_key: str, phone: str, preferred_time: str, language: str,
                      note: str | None, intent: str | None, actor: str) -> CallbackRequest:
    """Creates a call-back request for a parent at the desk who consented, in the trusted persons' inbox."""
    checked = check_phone(phone)
    if checked.e164 is None:
        raise PhoneRefused(checked.problem)
    # The handover summary takes the topic and the services already shown from the answer the desk looked at.
    asked = [{"text": "", "intent": intent}] if intent else []
    request, _ = create_request(
        session, idempotency_key=idempotency_key, sender_id=None, channel=DESK_CHANNEL, phone=checked.e164,
        preferred_time=preferred_time, language=language, note=note, questions=asked, actor=actor,
        consent_recorded_by=actor,
    )
    return request
