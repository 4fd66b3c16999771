"""The call-back form: one short question at a time, validated, then stored once with the parent's consent."""

from __future__ import annotations

import logging
from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import api_client
from actions.settings import get_settings

logger = logging.getLogger(__name__)
FORM = "callback_form"
SLOTS = ("callback_phone", "callback_time", "callback_language", "callback_note", "callback_consent")
TIMES = {"morning", "afternoon", "anytime"}
CORRECTIONS = {"change_phone": "callback_phone", "change_time": "callback_time"}
BUTTON_ANSWERS = TIMES | set(CORRECTIONS) | {"yes", "no", "skip"}
CANCEL_CONFIDENCE = 0.5


def _intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def _answer_emergency(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Gives the helpline first when a parent signals danger in the middle of the form."""
    if _intent(tracker).startswith("emergency_"):
        dispatcher.utter_message(response=f"utter_{_intent(tracker)}")


def _wants_to_stop(tracker: Tracker) -> bool:
    """Says whether the parent clearly asked to stop, rather than answering the question."""
    message = tracker.latest_message
    intent = message.get("intent") or {}
    return (intent.get("name") == "cancel" and intent.get("confidence", 0) >= CANCEL_CONFIDENCE
            and message.get("text") not in BUTTON_ANSWERS)


class ValidateCallbackForm(FormValidationAction):
    """Checks each answer of the call-back form; a bad answer is explained and asked again; "stop" ends it."""

    def name(self) -> str:
        return "validate_callback_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        """Ends the form, keeping nothing, when the parent asks to stop; otherwise validates the answer."""
        if _wants_to_stop(tracker):
            dispatcher.utter_message(response="utter_callback_cancelled")
            return _reset() + [SlotSet("requested_slot", None)]
        return await super().run(dispatcher, tracker, domain)

    async def validate_callback_phone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: dict) -> dict:
        """Normalises the number to E.164 through api; refuses letters, invalid and paying numbers."""
        _answer_emergency(dispatcher, tracker)
        check = await api_client().check_phone(str(value))
        if check["e164"]:
            return {"callback_phone": check["e164"]}
        dispatcher.utter_message(response=f"utter_callback_phone_{check['problem']}")
        return {"callback_phone": None}

    def validate_callback_time(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: dict) -> dict:
        """Accepts one of the offered parts of the day."""
        if value in TIMES:
            return {"callback_time": value}
        _answer_emergency(dispatcher, tracker)
        dispatcher.utter_message(response="utter_callback_choose_button")
        return {"callback_time": None}

    def validate_callback_language(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: dict) -> dict:
        """Accepts one of the languages offered."""
        if value in get_settings().languages:
            return {"callback_language": value}
        _answer_emergency(dispatcher, tracker)
        dispatcher.utter_message(response="utter_callback_choose_button")
        return {"callback_language": None}

    def validate_callback_note(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: dict) -> dict:
        """Keeps a short note, or none when the parent skips."""
        _answer_emergency(dispatcher, tracker)
        return {"callback_note": "-" if value == "skip" else str(value)[:300]}

    def validate_callback_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: dict) -> dict:
        """Takes yes or no, or reopens the field the parent wants to correct."""
        if value in CORRECTIONS:
            return {CORRECTIONS[value]: None, "callback_consent": None}
        if value == "yes" or _intent(tracker) == "affirm":
            return {"callback_consent": "yes"}
        if value == "no" or _intent(tracker) == "deny":
            return {"callback_consent": "no"}
        _answer_emergency(dispatcher, tracker)
        dispatcher.utter_message(response="utter_callback_choose_button")
        return {"callback_consent": None}


def _reset() -> list[dict]:
    return [SlotSet(slot, None) for slot in SLOTS]


def _form_started(tracker: Tracker) -> float:
    """Returns when the current call-back form started: one submission per form, however often it is sent."""
    started = [e.get("timestamp") or 0 for e in tracker.events if e.get("event") == "active_loop" and e.get("name") == FORM]
    return started[-1] if started else 0.0


def _questions(tracker: Tracker) -> list[dict]:
    """Returns what the parent wrote before this form, with the intents, for the handover (not the form's answers)."""
    started = _form_started(tracker)
    return [
        {"text": e.get("text") or "", "intent": ((e.get("parse_data") or {}).get("intent") or {}).get("name")}
        for e in tracker.events
        if e.get("event") == "user" and (e.get("timestamp") or 0) < started
    ]


class ActionSubmitCallback(Action):
    """Stores the request once the parent agreed, and confirms it with a reference and the expected date."""

    def name(self) -> str:
        return "action_submit_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        """Sends the form's answers to api, or stores nothing without consent (or after "stop")."""
        if tracker.get_slot("callback_consent") is None:
            return _reset()
        if tracker.get_slot("callback_consent") != "yes":
            dispatcher.utter_message(response="utter_callback_no_consent")
            return _reset()
        metadata = tracker.latest_message.get("metadata") or {}
        note = tracker.get_slot("callback_note")
        try:
            created = await api_client().create_callback(
                idempotency_key=f"{tracker.sender_id}:{_form_started(tracker)}",
                sender_id=tracker.sender_id,
                channel=metadata.get("channel") or "unknown",
                phone=tracker.get_slot("callback_phone"),
                preferred_time=tracker.get_slot("callback_time"),
                language=tracker.get_slot("callback_language"),
                note=None if note == "-" else note,
                questions=_questions(tracker),
            )
        except Exception:
            logger.exception("could not store a call-back request")
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
        dispatcher.utter_message(response="utter_callback_confirmed", reference=created["reference"],
                                 expected_date=created["expected_date"])
        return _reset()


class AskForSlot(Action, metaclass=ABCMeta):
    """Asks for one slot of the form through the NLG endpoint (the questions live in bot/responses/)."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The slot this action asks for."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        """Sends the question for the slot."""
        dispatcher.utter_message(response=f"utter_ask_{self.slot}")
        return []



class AskForPhone(AskForSlot):
    """Asks for the phone number."""

    slot = "callback_phone"


class AskForTime(AskForSlot):
    """Asks when to call."""

    slot = "callback_time"


class AskForLanguage(AskForSlot):
    """Asks which language to speak."""

    slot = "callback_language"


class AskForNote(AskForSlot):
    """Asks for an optional note."""

    slot = "callback_note"


class AskForConsent(AskForSlot):
    """Asks for consent, saying what is kept, why and for how long."""

    slot = "callback_consent"
