"""The sliding-window limit: the limit holds per key, and idle keys do not pile up in memory."""

from __future__ import annotations

from api.channels.ratelimit import SWEEP_EVERY, RateLimiter


def test_each_key_has_its_own_limit_within_the_window():
    limiter = RateLimiter(limit=3, window=60)

    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")


def test_keys_idle_for_a_window_are_forgotten():
    limiter = RateLimiter(limit=3, window=0.0)
    for index in range(SWEEP_EVERY + 10):
        limiter.allow(f"sender-{index}")

    assert len(limiter) < 20
