"""Rasa's SQL tracker store, seen from api: the conversations that retention and "forget me" delete."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import create_engine, inspect, text

from api.settings import get_settings


def delete_events(*, sender_id: str | None = None, before: dt.datetime | None = None) -> int:
    """Deletes the conversation events of one sender, or those older than a moment; returns how many."""
    if (sender_id is None) == (before is None):
        raise ValueError("give either a sender or a moment")
    engine = create_engine(get_settings().tracker_database_url)
    try:
        if not inspect(engine).has_table("events"):
            return 0
        with engine.begin() as connection:
            if sender_id is not None:
                result = connection.execute(text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id})
            else:
                result = connection.execute(text("DELETE FROM events WHERE timestamp < :cutoff"),
                                            {"cutoff": before.timestamp()})
            return result.rowcount
    finally:
        engine.dispose()


def read_events(sender_id: str) -> list[dict]:
    """Returns one sender's conversation events, oldest first: kind, time, and what was said or done."""
    engine = create_engine(get_settings().tracker_database_url)
    try:
        if not inspect(engine).has_table("events"):
            return []
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT type_name, timestamp, data FROM events WHERE sender_id = :sender "
                                           "ORDER BY id"), {"sender": sender_id}).all()
    finally:
        engine.dispose()
    events = []
    for kind, timestamp, data in rows:
        event = json.loads(data or "{}")
        events.append({"event": kind, "at": dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).isoformat(),
                       **{key: event[key] for key in ("text", "name", "value") if event.get(key) is not None}})
    return events
