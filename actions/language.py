"""Keeps the conversation's language: explicit choice, else a clear change, else what it was."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import get_settings


def decide_language(*, current: str | None, chosen: str | None, hint: str | None, reliable: bool,
                    prior: str | None = None) -> str:
    """Returns the conversation's language after a message: an explicit choice, a clear change, else it stays.

    The first message sets it from a clear guess, else the channel's prior (page or app language), else a guess.
    """
    languages = get_settings().languages
    if chosen in languages:
        return chosen
    if reliable and hint in languages:
        return hint
    if current is not None:
        return current
    for candidate in (prior, hint):
        if candidate in languages:
            return candidate
    return get_settings().default_language


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
            prior=metadata.get("language_prior"),
        )
        return [SlotSet("language", language)] if language != tracker.get_slot("language") else []
