"""The tracker store (runs in .venv-rasa): what it reads back is what is stored, whoever wrote or deleted it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from bot.stores import DurableSQLTrackerStore

DOMAIN = Domain.load(Path(__file__).resolve().parents[2] / "bot" / "domain")


@pytest.fixture
def database(tmp_path) -> str:
    return str(tmp_path / "tracker.db")


def store_on(database: str) -> DurableSQLTrackerStore:
    """A store on the database, as one rasa replica has it."""
    return DurableSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=database)


def turn(tracker, text: str) -> None:
    """Adds one turn's events: the parent's message, the answer, a slot, listening again."""
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 0.9}))
    tracker.update(ActionExecuted("action_answer"))
    tracker.update(BotUttered(f"answer to {text}"))
    tracker.update(SlotSet("language", "nl"))
    tracker.update(ActionExecuted("action_listen"))


def started(store: DurableSQLTrackerStore, sender: str):
    """Saves a new conversation with two turns, the second on the conversation read back, as rasa does."""
    tracker = store.init_tracker(sender)
    for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
        tracker.update(event)
    turn(tracker, "dag")
    run(store.save(tracker))
    tracker = run(store.retrieve(sender))
    turn(tracker, "hallo")
    run(store.save(tracker))
    assert sender in store._recent, "the saved conversation is kept in memory"
    return run(store.retrieve(sender))


def run(coroutine):
    return asyncio.run(coroutine)


def dump(tracker) -> list[dict]:
    return [event.as_dict() for event in tracker.events] if tracker else []


def rows(database: str) -> int:
    with sa.create_engine(f"sqlite:///{database}").connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM events")).scalar_one()


def test_a_conversation_reads_back_as_saved_turn_after_turn(database):
    store = store_on(database)
    tracker = started(store, "parent")
    for text in ("uitpas", "kinderopvang", "dank je"):
        turn(tracker, text)
        run(store.save(tracker))
        tracker = run(store.retrieve("parent"))
        assert dump(tracker) == dump(run(store_on(database).retrieve("parent")))
    assert tracker.get_slot("language") == "nl" and tracker.latest_message.text == "dank je"
    assert rows(database) == len(tracker.events) + 1  # the first action_session_start belongs to no session


def test_only_new_events_are_written(database):
    store = store_on(database)
    tracker = started(store, "parent")
    before = rows(database)
    run(store.save(tracker))
    assert rows(database) == before
    turn(tracker, "uitpas")
    run(store.save(tracker))
    assert rows(database) == before + 5


def test_a_turn_handled_by_another_replica_is_seen(database):
    here, there = store_on(database), store_on(database)
    started(here, "parent")
    elsewhere = run(there.retrieve("parent"))
    turn(elsewhere, "sociale woning")
    run(there.save(elsewhere))
    assert run(here.retrieve("parent")).latest_message.text == "sociale woning"


def test_a_forgotten_conversation_is_not_served_from_memory(database):
    store = store_on(database)
    started(store, "parent")
    with sa.create_engine(f"sqlite:///{database}").begin() as connection:
        connection.execute(sa.text("DELETE FROM events WHERE sender_id = 'parent'"))
    assert run(store.retrieve("parent")) is None


def test_a_turn_that_failed_before_its_save_leaves_no_trace(database):
    store = store_on(database)
    tracker = started(store, "parent")
    turn(tracker, "this turn failed")
    again = run(store.retrieve("parent"))
    assert again.latest_message.text == "hallo" and len(again.events) == len(tracker.events) - 5
    assert dump(again) == dump(run(store_on(database).retrieve("parent")))


def test_conversations_are_kept_apart(database):
    store = store_on(database)
    started(store, "one")
    two = started(store, "two")
    turn(two, "only for two")
    run(store.save(two))
    assert run(store.retrieve("one")).latest_message.text == "hallo"
    assert run(store.retrieve("two")).latest_message.text == "only for two"
