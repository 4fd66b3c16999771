"""Two rasa replicas share PostgreSQL and Redis: a conversation survives the loss of its replica."""

from __future__ import annotations

import os
import signal

from sqlalchemy import create_engine, text

from tests.integration.parents import Parent, callback_requests


def tracker_events(topology, sender: str) -> int:
    """Counts a conversation's events in Rasa's tracker store."""
    engine = create_engine(topology.postgres.url("rasa"))
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}).scalar()
    finally:
        engine.dispose()


def test_conversations_are_kept_in_the_shared_tracker_store(topology):
    parent = Parent(topology)
    parent.say("hello")
    answer = parent.say("how do i register for social housing")

    assert answer[-1]["buttons"]
    assert tracker_events(topology, parent.sender) > 4


def test_a_replica_killed_mid_form_leaves_the_form_to_the_other(topology):
    parent = Parent(topology)
    parent.say("can someone call me back please")
    parent.say("0470 55 66 77")
    replica = f"rasa-{parent.replica(topology.replicas) + 1}"

    os.killpg(topology.processes.pop(replica).pid, signal.SIGKILL)
    try:
        language_question = parent.say(payload="morning")
        assert language_question[-1]["buttons"][0]["payload"] == "en"
        parent.say(payload="en")
        consent = parent.say(payload="skip")
        assert "+32470556677" in consent[-1]["text"]
        confirmed = parent.say(payload="yes")
    finally:
        topology.start_replica(int(replica[-1]) - 1)
        topology.wait_ready(names=[replica])

    requests = [r for r in callback_requests(topology) if r.phone == "+32470556677"]
    assert len(requests) == 1
    assert requests[0].reference in confirmed[-1]["text"]
    assert requests[0].preferred_time == "morning"
