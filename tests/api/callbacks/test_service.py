"""Call-back requests: created once, summarised for a warm handover, moved through audited states."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from api.callbacks.service import (
    InvalidTransition, StaleVersion, change_state, create_request, expected_call_date, purge_closed_phones, withdraw,
)

QUESTIONS = [
    {"text": "ik zoek kinderopvang, mijn nummer is 0470 12 34 56", "intent": "childcare_find_place"},
    {"text": "/childcare_price", "intent": "childcare_price"},
    {"text": "hoeveel kost de schoolreis", "intent": "school_trips"},
]


def new_request(session, **overrides):
    values = dict(
        idempotency_key=str(uuid.uuid4()), sender_id="web:abc", channel="web", phone="+32470123456",
        preferred_time="morning", language="ar", note="ik werk tot 12 uur", questions=QUESTIONS,
    )
    values.update(overrides)
    return create_request(session, **values)


def test_the_same_submission_twice_makes_one_request(session):
    first, created = new_request(session, idempotency_key="form-1")
    again, created_again = new_request(session, idempotency_key="form-1")

    assert created and not created_again
    assert again.id == first.id and again.reference == first.reference


def test_the_summary_tells_the_trusted_person_what_was_asked_without_personal_data(session):
    request, _ = new_request(session)

    assert request.summary["topics"] == ["childcare", "school_costs"]
    assert request.summary["questions"] == ["ik zoek kinderopvang, mijn nummer is [phone]", "hoeveel kost de schoolreis"]
    assert "huis-van-het-kind-aalst" in request.summary["services_shown"]
    assert (request.summary["language"], request.summary["channel"]) == ("ar", "web")
    assert request.reference.startswith("WW-") and len(request.reference) == 8


def test_a_request_moves_through_its_states_with_an_audit_trail(session):
    request, _ = new_request(session)

    change_state(session, request, action="claim", actor="fatima", version=1)
    change_state(session, request, action="no_answer", actor="fatima", version=2, note="voicemail")
    change_state(session, request, action="reached", actor="fatima", version=3)

    assert request.status == "done" and request.attempts == 2 and request.closed_at
    assert [(e.actor, e.action) for e in request.events] == [
        ("parent", "created"), ("fatima", "claim"), ("fatima", "no_answer"), ("fatima", "reached")]


def test_repeated_failed_attempts_make_a_request_unreachable(session):
    request, _ = new_request(session)
    change_state(session, request, action="claim", actor="jan", version=1)
    for version in (2, 3, 4):
        change_state(session, request, action="no_answer", actor="jan", version=version)

    assert request.status == "unreachable"


def test_a_stale_form_is_refused(session):
    request, _ = new_request(session)
    change_state(session, request, action="claim", actor="jan", version=1)

    with pytest.raises(StaleVersion):
        change_state(session, request, action="close", actor="els", version=1)


def test_a_closed_request_cannot_be_claimed_and_only_the_claimer_records_attempts(session):
    request, _ = new_request(session)
    change_state(session, request, action="claim", actor="jan", version=1)

    with pytest.raises(InvalidTransition):
        change_state(session, request, action="no_answer", actor="els", version=2)
    change_state(session, request, action="close", actor="jan", version=2)
    with pytest.raises(InvalidTransition):
        change_state(session, request, action="claim", actor="els", version=3)


def test_phone_numbers_are_removed_after_the_retention_period(session):
    request, _ = new_request(session)
    change_state(session, request, action="close", actor="jan", version=1)

    purge_closed_phones(session, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=29))
    assert request.phone == "+32470123456"
    purge_closed_phones(session, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=31))
    assert request.phone is None
    assert request.events[-1].action == "phone_removed"


def test_the_parent_can_withdraw_open_requests(session):
    request, _ = new_request(session, sender_id="web:withdrawing")

    assert withdraw(session, sender_id="web:withdrawing") == [request.reference]
    assert request.status == "withdrawn" and request.phone is None
    assert withdraw(session, sender_id="web:withdrawing") == []


def test_the_expected_date_counts_working_days():
    friday = dt.date(2026, 12, 4)

    assert expected_call_date(friday, working_days=2) == dt.date(2026, 12, 8)
    assert expected_call_date(dt.date(2026, 12, 1), working_days=2) == dt.date(2026, 12, 3)


def test_the_parent_hears_about_a_missed_call_and_the_closing_on_the_next_visit(session):
    from api.channels.outbound import deliver_pending

    request, _ = new_request(session, sender_id="web:follow-up", language="fr")
    change_state(session, request, action="claim", actor="jan", version=1)
    change_state(session, request, action="no_answer", actor="jan", version=2)
    change_state(session, request, action="reached", actor="jan", version=3)

    first, second = deliver_pending(session, sender_id="web:follow-up")
    assert request.reference in first.text and "(le matin)" in first.text
    assert request.reference in second.text and "clôturée" in second.text
    assert deliver_pending(session, sender_id="web:follow-up") == []
