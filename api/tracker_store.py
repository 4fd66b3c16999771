"""Rasa's SQL tracker store, seen from api: the conversations that retention and "forget me" delete."""

from __future__ import annotations

import datetime as dt

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
