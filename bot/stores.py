"""Rasa's SQL tracker store, made safe and quick (loaded by the rasa process from the endpoints files)."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import OrderedDict
from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker

# The events of a conversation's latest session, as Rasa's own query selects them, written once as plain SQL: Rasa
# builds its ORM query anew for every turn, which cost about as much as the rest of the tracker store together.
LATEST_SESSION = """
FROM events WHERE sender_id = :sender AND (
    timestamp >= (SELECT max(timestamp) FROM events WHERE sender_id = :sender AND type_name = 'session_started')
    OR NOT EXISTS (SELECT 1 FROM events WHERE sender_id = :sender AND type_name = 'session_started'))"""
LATEST_SESSION_EVENTS = sa.text(f"SELECT data {LATEST_SESSION} ORDER BY id")
LATEST_SESSION_STATE = sa.text(f"SELECT count(*), coalesce(max(id), 0) {LATEST_SESSION}")
# Conversations whose events are kept decoded in memory, the most recently saved ones.
RECENT_CONVERSATIONS = 2000


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
        # sender -> (count and last id of the stored events, the events): decoding every event again was the largest
        # part of reading a conversation. The stored state is checked on every read, so that a turn handled by another
        # replica, a deletion ("forget me", retention) or a turn that failed before its save is never missed.
        self._recent: OrderedDict[Text, tuple[tuple[int, int], list]] = OrderedDict()

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        try:
            if fetch_events_from_all_sessions:
                return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
            with self.engine.connect() as connection:
                state = tuple(connection.execute(LATEST_SESSION_STATE, {"sender": sender_id}).one())
                recent = self._recent.get(sender_id)
                if recent is not None and recent[0] == state:
                    events = list(recent[1])
                else:
                    rows = connection.execute(LATEST_SESSION_EVENTS, {"sender": sender_id}).scalars().all()
                    events = deserialise_events([json.loads(data) for data in rows])
        except sa.exc.SQLAlchemyError as error:
            raise TrackerStoreUnavailable(f"tracker store unavailable: {type(error).__name__}") from error
        if not self.domain or not events:
            return None
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the events of the conversation's latest session that are not stored yet, as Rasa's store does."""
        await self.stream_events(tracker)
        try:
            with self.engine.begin() as connection:
                parameters = {"sender": tracker.sender_id}
                stored = connection.execute(LATEST_SESSION_STATE, parameters).one()[0]
                rows = [_row(tracker.sender_id, event) for event in itertools.islice(tracker.events, stored, None)]
                if rows:
                    connection.execute(self.SQLEvent.__table__.insert(), rows)
                state = tuple(connection.execute(LATEST_SESSION_STATE, parameters).one())
        except sa.exc.SQLAlchemyError as error:
            self._recent.pop(tracker.sender_id, None)
            raise TrackerStoreUnavailable(f"tracker store unavailable: {type(error).__name__}") from error
        self._remember(tracker.sender_id, state, list(tracker.events))

    def _remember(self, sender_id: Text, state: tuple[int, int], events: list) -> None:
        """Keeps a conversation's events when they are exactly its latest session as stored."""
        self._recent.pop(sender_id, None)
        if state[0] == len(events):
            self._recent[sender_id] = (state, events)
            while len(self._recent) > RECENT_CONVERSATIONS:
                self._recent.popitem(last=False)


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
