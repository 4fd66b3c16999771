"""The call-back form's validation: numbers normalised through api, corrections reopen a field, consent is explicit."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from sqlalchemy import select

from actions.callback import ActionSubmitCallback, ValidateCallbackForm
from api.callbacks.models import CallbackRequest
from tests.actions.trackers import tracker_for


def validate(method: str, value, intent: str = "out_of_scope"):
    dispatcher = CollectingDispatcher()
    result = getattr(ValidateCallbackForm(), method)(value, dispatcher, tracker_for(intent, text=str(value)), {})
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return result, [m["response"] for m in dispatcher.messages]


@pytest.mark.parametrize(("typed", "expected", "said"), [
    ("0470 12 34 56", "+32470123456", []),
    ("bel me op nul vier", None, ["utter_callback_phone_letters"]),
    ("0900 12 345", None, ["utter_callback_phone_premium"]),
    ("12", None, ["utter_callback_phone_invalid"]),
])
def test_the_phone_number_is_checked(typed, expected, said):
    assert validate("validate_callback_phone", typed) == ({"callback_phone": expected}, said)


def test_danger_typed_into_the_form_gets_the_helpline_first():
    result, said = validate("validate_callback_phone", "hij slaat mij", intent="emergency_violence")

    assert said[0] == "utter_emergency_violence"
    assert result == {"callback_phone": None}


def test_the_time_must_be_one_of_the_buttons():
    assert validate("validate_callback_time", "afternoon")[0] == {"callback_time": "afternoon"}
    assert validate("validate_callback_time", "tomorrow at 3")[1] == ["utter_callback_choose_button"]


def test_skipping_the_note_is_allowed():
    assert validate("validate_callback_note", "skip")[0] == {"callback_note": "-"}


@pytest.mark.parametrize(("value", "intent", "expected"), [
    ("yes", "out_of_scope", {"callback_consent": "yes"}),
    ("ja hoor", "affirm", {"callback_consent": "yes"}),
    ("no", "out_of_scope", {"callback_consent": "no"}),
    ("change_phone", "out_of_scope", {"callback_phone": None, "callback_consent": None}),
    ("change_time", "out_of_scope", {"callback_time": None, "callback_consent": None}),
])
def test_consent_is_explicit_and_fields_can_be_corrected(value, intent, expected):
    assert validate("validate_callback_consent", value, intent)[0] == expected


def submit(slots: dict, events: list | None = None):
    tracker = tracker_for("affirm", slots=slots)
    tracker.events = events or [{"event": "user", "text": "ik zoek opvang", "timestamp": 1699999990.0,
                                 "parse_data": {"intent": {"name": "childcare_find_place"}}},
                                {"event": "active_loop", "name": "callback_form", "timestamp": 1700000000.0},
                                {"event": "user", "text": "0470 12 34 56", "timestamp": 1700000005.0,
                                 "parse_data": {"intent": {"name": "housing_large_family"}}}]
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionSubmitCallback().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


FILLED = {"callback_phone": "+32470123456", "callback_time": "morning", "callback_language": "nl",
          "callback_note": "-", "callback_consent": "yes"}


def test_a_consented_request_is_stored_once_and_confirmed_with_a_reference(session):
    first, events = submit(FILLED)
    again, _ = submit(FILLED)

    assert first[0]["response"] == "utter_callback_confirmed"
    assert first[0]["reference"] == again[0]["reference"]
    stored = session.scalar(select(CallbackRequest).where(CallbackRequest.reference == first[0]["reference"]))
    assert stored.summary["questions"] == ["ik zoek opvang"] and stored.summary["topics"] == ["childcare"]
    assert {e["name"]: e["value"] for e in events}["callback_phone"] is None


def test_without_consent_nothing_is_stored():
    messages, _ = submit({**FILLED, "callback_consent": "no"})

    assert [m["response"] for m in messages] == ["utter_callback_no_consent"]


def run_form_validation(text: str, intent: str, confidence: float):
    tracker = tracker_for(intent, text=text, confidence=confidence, slots={**FILLED, "callback_consent": None,
                                                                          "requested_slot": "callback_consent"})
    tracker.active_loop = {"name": "callback_form"}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateCallbackForm().run(dispatcher, tracker, {"forms": {}, "slots": {}}))
    return [m["response"] for m in dispatcher.messages], events


def test_stop_ends_the_form_and_forgets_the_answers():
    said, events = run_form_validation("laat maar", "cancel", 0.97)

    assert said == ["utter_callback_cancelled"]
    assert {e["name"]: e["value"] for e in events} == {**{slot: None for slot in FILLED}, "requested_slot": None}


def test_a_button_answer_never_reads_as_stop():
    said, _ = run_form_validation("change_phone", "cancel", 0.9)

    assert "utter_callback_cancelled" not in said


def test_after_stop_the_submit_action_stores_nothing_and_says_nothing():
    messages, _ = submit({slot: None for slot in FILLED})

    assert messages == []
