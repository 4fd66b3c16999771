"""A per-sender sliding-window limit on messages."""

from __future__ import annotations

import time
from collections import defaultdict, deque


class RateLimiter:
    """Allows at most `limit` events per sender per `window` seconds."""

    def __init__(self, *, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        """Records an event for a key and says whether it is within the limit."""
        now = time.monotonic()
        events = self._events[key]
        while events and now - events[0] > self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True
