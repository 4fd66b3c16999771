"""Trackers built in code for action tests."""

from __future__ import annotations

from rasa_sdk import Tracker


def tracker_for(
    intent: str, *, text: str = "", confidence: float = 0.95, slots: dict | None = None,
    entities: list[dict] | None = None, metadata: dict | None = None, ranking: list[dict] | None = None,
) -> Tracker:
    """Builds a tracker whose latest user message has the given intent."""
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
        "entities": entities or [],
        "metadata": metadata or {"channel": "web"},
    }
    return Tracker(
        sender_id="web:test",
        slots={"language": None, "introduced": None, **(slots or {})},
        latest_message=message,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
