"""Keeps the conversation's language: explicit choice, else a clear change, else what it was."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import get_settings


def decide_language(*, current: str | None, chosen: str | None, hint: str | None, reliable: bool) -> str:
    """Returns the conversation's language after a message."""
    settings = get_settings()
    if chosen in settings.languages:
        return chosen
    if current is None:
        return hint if hint in settings.languages else settings.default_language
    if reliable and hint in settings.languages:
        return hint
    return current


class ActionDetectLanguage(Action):
    """Sets the language slot on every user message (a custom slot mapping)."""

    def name(self) -> str:
        return "action_detect_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        """Reads the explicit choice and the channel's guess from the latest message."""
        metadata = tracker.latest_message.get("metadata") or {}
        language = decide_language(
            current=tracker.get_slot("language"),
            chosen=next(tracker.get_latest_entity_values("language"), None),
            hint=metadata.get("language_hint"),
            reliable=bool(metadata.get("language_reliable")),
        )
        return [SlotSet("language", language)] if language != tracker.get_slot("language") else []
