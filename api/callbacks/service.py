"""Creating call-back requests (idempotently, with a warm-handover summary) and moving them through their states."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.answers.topics import topic_for
from api.callbacks.models import CallbackEvent, CallbackRequest
from api.catalogue.service import services_for_intent
from api.channels.outbound import send_to_parent
from api.questions.scrub import scrub
from api.settings import get_settings

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SUMMARY_TOPICS = {"childcare", "uitpas", "housing", "school_costs", "food", "money_debt", "health", "parenting",
                  "emergency", "out_of_scope"}
CONSENT_RECORDED = "consent_recorded"
TRANSITIONS = {
    "claim": ({"new"}, "claimed"),
    "no_answer": ({"claimed"}, "claimed"),
    "wrong_number": ({"claimed"}, "claimed"),
    "reached": ({"claimed"}, "done"),
    "close": ({"new", "claimed"}, "done"),
}


class InvalidTransition(Exception):
    """A change that the request's current state does not allow."""


class StaleVersion(Exception):
    """A change based on an older version of the request (someone else changed it meanwhile)."""


def new_reference() -> str:
    """Returns a short reference a parent can read out on the phone."""
    return "WW-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(5))


def expected_call_date(created: dt.date, *, working_days: int) -> dt.date:
    """Returns the last working day by which the parent is called."""
    day = created
    while working_days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            working_days -= 1
    return day


def handover_summary(session: Session, *, questions: list[dict], language: str, channel: str) -> dict:
    """Summarises the conversation for the trusted person: topics, scrubbed questions, services already shown."""
    asked = [q for q in questions if topic_for(q.get("intent")) in SUMMARY_TOPICS]
    intents = [q["intent"] for q in asked]
    topics = list(dict.fromkeys(topic_for(i) for i in intents))
    services = list(dict.fromkeys(s.slug for i in intents for s in services_for_intent(session, intent=i)))
    return {
        "topics": topics,
        "questions": [scrub(q["text"])[:300] for q in asked if q.get("text") and not q["text"].startswith("/")][-10:],
        "services_shown": services,
        "language": language,
        "channel": channel,
    }


def create_request(
    session: Session, *, idempotency_key: str, sender_id: str | None, channel: str, phone: str,
    preferred_time: str, language: str, note: str | None, questions: list[dict], actor: str = "parent",
    consent_recorded_by: str | None = None,
) -> tuple[CallbackRequest, bool]:
    """Creates a request once per idempotency key, with who noted a desk parent's consent; returns it and if new."""
    existing = session.scalar(select(CallbackRequest).where(CallbackRequest.idempotency_key == idempotency_key))
    if existing:
        return existing, False
    request = CallbackRequest(
        reference=new_reference(), idempotency_key=idempotency_key, sender_id=sender_id, channel=channel,
        phone=phone, preferred_time=preferred_time, language=language, note=(note or None) and note[:500],
        summary=handover_summary(session, questions=questions, language=language, channel=channel),
    )
    request.events.append(CallbackEvent(actor=actor, action="created"))
    if consent_recorded_by:
        request.events.append(CallbackEvent(actor=consent_recorded_by, action=CONSENT_RECORDED))
    session.add(request)
    session.commit()
    return request, True


def change_state(session: Session, request: CallbackRequest, *, action: str, actor: str, version: int,
                 note: str | None = None) -> CallbackRequest:
    """Applies a staff action to a request, checking its state and version, and records it in the audit trail."""
    if version != request.version:
        raise StaleVersion(request.reference)
    allowed, target = TRANSITIONS.get(action, (set(), ""))
    if request.status not in allowed or (action != "claim" and request.status == "claimed" and request.claimed_by != actor):
        raise InvalidTransition(f"{action} on {request.status}")
    if action == "claim":
        request.claimed_by = actor
    if action in ("no_answer", "wrong_number", "reached"):
        request.attempts += 1
    request.status = target
    if action in ("no_answer", "wrong_number") and request.attempts >= get_settings().callback_max_attempts:
        request.status = "unreachable"
    if request.status in ("done", "unreachable"):
        request.closed_at = dt.datetime.now(dt.timezone.utc)
    request.version += 1
    request.events.append(CallbackEvent(actor=actor, action=action, note=note))
    _follow_up(session, request, action)
    session.commit()
    return request


def _follow_up(session: Session, request: CallbackRequest, action: str) -> None:
    """Tells the parent, in their language and channel, that a call failed or that the request is closed."""
    if request.sender_id is None:
        return
    if action in ("no_answer", "wrong_number"):
        response = "utter_callback_follow_up_unreachable" if request.status == "unreachable" \
            else "utter_callback_follow_up_missed"
    elif request.status == "done":
        response = "utter_callback_follow_up_closed"
    else:
        return
    send_to_parent(session, sender_id=request.sender_id, channel=request.channel, response=response,
                   arguments={"reference": request.reference, "callback_time": request.preferred_time},
                   language=request.language)


def anonymise(request: CallbackRequest) -> None:
    """Removes everything that links a request to its parent; the reference, states and actions stay for the team."""
    request.sender_id, request.phone, request.note, request.summary = None, None, None, {}
    # The key was made from the parent's sender id; the reference is unique too.
    request.idempotency_key = f"anonymised:{request.reference}"
    for event in request.events:
        event.note = None


def purge_closed_phones(session: Session, *, now: dt.datetime | None = None) -> int:
    """Anonymises requests closed longer ago than the phone retention setting; returns how many."""
    now = now or dt.datetime.now(dt.timezone.utc)
    cutoff = now - dt.timedelta(days=get_settings().phone_retention_days)
    closed = session.scalars(select(CallbackRequest).where(
        CallbackRequest.closed_at.is_not(None), ~CallbackRequest.idempotency_key.startswith("anonymised:")))
    purged = 0
    for request in closed:
        closed_at = request.closed_at if request.closed_at.tzinfo else request.closed_at.replace(tzinfo=dt.timezone.utc)
        if closed_at < cutoff:
            anonymise(request)
            request.events.append(CallbackEvent(actor="retention", action="phone_removed"))
            purged += 1
    session.commit()
    return purged


def withdraw(session: Session, *, sender_id: str) -> list[str]:
    """Withdraws a parent's open requests at their wish; returns their references."""
    open_requests = session.scalars(select(CallbackRequest).where(
        CallbackRequest.sender_id == sender_id, CallbackRequest.status.in_(("new", "claimed"))))
    references = []
    for request in open_requests:
        request.status, request.phone = "withdrawn", None
        request.closed_at = dt.datetime.now(dt.timezone.utc)
        request.version += 1
        request.events.append(CallbackEvent(actor="parent", action="withdrawn"))
        references.append(request.reference)
    session.commit()
    return references
