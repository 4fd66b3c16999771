"""Answers every classified message with the plan api makes for its intent."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import api_client
from actions.language import conversation_language

logger = logging.getLogger(__name__)


def channel_of(tracker: Tracker) -> str:
    """Returns the channel the latest message came in on."""
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata.get("channel") or tracker.get_latest_input_channel() or "unknown"


class ActionAnswer(Action):
    """Introduces Wegwijs once, then sends the planned responses; logs what it could not answer."""

    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        """Gets the answer plan for the latest intent and dispatches its responses by name."""
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name") or "nlu_fallback"
        ranking = [{"name": r["name"], "confidence": r["confidence"]} for r in message.get("intent_ranking") or []]
        entities = {e["entity"]: e["value"] for e in message.get("entities") or []}
        introduce = not tracker.get_slot("introduced")
        language = conversation_language(tracker)
        events = [SlotSet("language", language)] if language != tracker.get_slot("language") else []
        # Responses carry the language: the slot event only reaches the tracker after this action's messages.
        say = partial(dispatcher.utter_message, language=language)
        if intent == "cancel":
            return events + await self._withdraw(say, tracker)
        try:
            plan = await api_client().plan_answer(intent=intent, ranking=ranking, entities=entities,
                                                  text=message.get("text") or "", language=language,
                                                  channel=channel_of(tracker))
        except Exception:
            logger.exception("answer plan failed for %s", intent)
            say(response="utter_service_unavailable", topics=["callback"])
            return events
        # An emergency gets its helpline before anything else, even before the introduction.
        emergency = plan["topic"] == "emergency" or plan["alarm"]
        if introduce and not emergency:
            say(response="utter_intro")
        for response in plan["responses"]:
            say(response=response["name"], **response["arguments"])
        if introduce and emergency:
            say(response="utter_intro")
        if not plan["answered"]:
            await self._log(tracker, language, intent, ranking, plan)
        return events + ([SlotSet("introduced", True)] if introduce else [])

    async def _withdraw(self, say, tracker: Tracker) -> list[dict]:
        """Outside a form, "stop" withdraws the parent's open call-back requests, if any."""
        try:
            references = await api_client().withdraw_callbacks(sender_id=tracker.sender_id)
        except Exception:
            logger.exception("could not withdraw call-backs")
            say(response="utter_service_unavailable")
            return []
        if references:
            say(response="utter_callback_withdrawn", references=", ".join(references))
        else:
            say(response="utter_anything_else")
        return []

    async def _log(self, tracker: Tracker, language: str, intent: str, ranking: list[dict], plan: dict) -> None:
        """Reports the unanswered question for review; a failure here never stops the answer."""
        try:
            await api_client().log_question(
                text=tracker.latest_message.get("text") or "",
                language=language,
                channel=channel_of(tracker),
                intent=intent,
                confidence=next((r["confidence"] for r in ranking if r["name"] != "nlu_fallback"), 0.0),
                ranking=ranking,
                answer=plan["responses"][0]["name"],
                sender_id=tracker.sender_id,
            )
        except Exception:
            logger.exception("could not log an unanswered question")
