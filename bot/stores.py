"""Rasa's SQL tracker store, made safe and quick (loaded by the rasa process from the endpoints files)."""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

# The events of a conversation's latest session, as Rasa's own query selects them, written once as plain SQL: Rasa
# builds its ORM query anew for every turn, which cost about as much as the rest of the tracker store together.
LATEST_SESSION = """
FROM events WHERE sender_id = :sender AND (
    timestamp >= (SELECT max(timestamp) FROM events WHERE sender_id = :sender AND type_name = 'session_started')
    OR NOT EXISTS (SELECT 1 FROM events WHERE sender_id = :sender AND type_name = 'session_started'))"""
LATEST_SESSION_EVENTS = sa.text(f"SELECT data {LATEST_SESSION} ORDER BY id")
LATEST_SESSION_COUNT = sa.text(f"SELECT count(*) {LATEST_SESSION}")


class TrackerStoreUnavailable(asyncio.CancelledError):
    """The tracker store's database did not answer; the turn is abandoned."""


class DurableSQLTrackerStore(SQLTrackerStore):
    """An SQL tracker store that survives a database restart and never answers from an empty conversation.

    Rasa wraps every tracker store in a FailSafeTrackerStore, which on any error carries on with an empty in-memory
    conversation: the parent would get a first-message answer, and the call-back form in progress would be forgotten
    for that turn. Failures here are raised as a cancellation, the one error that passes the fail-safe and that the
    REST channel turns into an empty answer, which the api shows as "try again in a moment".
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        if url.get_backend_name() == "sqlite":
            # SQLAlchemy 1.4 opens and closes a file database's connection for every query; one kept connection
            # (used from rasa's event-loop thread only) saves that on each turn.
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, pool_size=1,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            # Connections closed by a database restart are replaced before use instead of failing the next turn.
            self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        try:
            if fetch_events_from_all_sessions:
                return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
            with self.engine.connect() as connection:
                rows = connection.execute(LATEST_SESSION_EVENTS, {"sender": sender_id}).scalars().all()
        except sa.exc.SQLAlchemyError as error:
            raise TrackerStoreUnavailable(f"tracker store unavailable: {type(error).__name__}") from error
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(data) for data in rows], self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the events of the conversation's latest session that are not stored yet, as Rasa's store does."""
        await self.stream_events(tracker)
        try:
            with self.engine.begin() as connection:
                stored = connection.execute(LATEST_SESSION_COUNT, {"sender": tracker.sender_id}).scalar_one()
                rows = [_row(tracker.sender_id, event) for event in itertools.islice(tracker.events, stored, None)]
                if rows:
                    connection.execute(self.SQLEvent.__table__.insert(), rows)
        except sa.exc.SQLAlchemyError as error:
            raise TrackerStoreUnavailable(f"tracker store unavailable: {type(error).__name__}") from error


def _row(sender_id: Text, event: Any) -> dict[str, Any]:
    """Returns an event as a row of Rasa's events table."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # The embedded default: write-ahead log with a sync at checkpoints, not at every turn's commit (an operating
    # system crash may lose the last turns; a crash of rasa loses nothing). Production uses PostgreSQL.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
