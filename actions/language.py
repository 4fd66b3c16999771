"""Keeps the conversation's language: explicit choice, else a clear change, else what it was."""

from __future__ import annotations

from rasa_sdk import Tracker

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


def conversation_language(tracker: Tracker) -> str:
    """Returns the conversation's language after the latest message, from its entities and the channel's guess."""
    metadata = tracker.latest_message.get("metadata") or {}
    return decide_language(
        current=tracker.get_slot("language"),
        chosen=next(tracker.get_latest_entity_values("language"), None),
        hint=metadata.get("language_hint"),
        reliable=bool(metadata.get("language_reliable")),
        prior=metadata.get("language_prior"),
    )
