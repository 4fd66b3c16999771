"""A per-key sliding-window limit on events (messages per sender, requests per address)."""

from __future__ import annotations

import time
from collections import defaultdict, deque

# Keys idle for a whole window are dropped every this many events, so memory follows the active senders only.
SWEEP_EVERY = 1000


class RateLimiter:
    """Allows at most `limit` events per key per `window` seconds."""

    def __init__(self, *, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._since_sweep = 0

    def allow(self, key: str) -> bool:
        """Records an event for a key and says whether it is within the limit."""
        now = time.monotonic()
        self._since_sweep += 1
        if self._since_sweep >= SWEEP_EVERY:
            self._sweep(now)
        events = self._events[key]
        while events and now - events[0] > self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def __len__(self) -> int:
        """The number of keys with recent events."""
        return len(self._events)

    def _sweep(self, now: float) -> None:
        """Forgets the keys whose last event is older than the window."""
        self._since_sweep = 0
        for key in [k for k, events in self._events.items() if not events or now - events[-1] > self.window]:
            del self._events[key]
