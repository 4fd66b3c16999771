"""Each sender sticks to one rasa replica, the same in every api process, and senders spread over the replicas."""

from __future__ import annotations

from collections import Counter

from api.channels.rasa import replica_for


def test_a_sender_always_goes_to_the_same_replica():
    assert {replica_for("web:0123abcd", 2) for _ in range(20)} == {replica_for("web:0123abcd", 2)}
    assert replica_for("web:0123abcd", 1) == 0


def test_senders_spread_evenly_over_the_replicas():
    counts = Counter(replica_for(f"web:{n:032x}", 3) for n in range(3000))

    assert set(counts) == {0, 1, 2}
    assert min(counts.values()) > 900
