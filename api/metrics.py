"""Prometheus metrics of the api process: messages per channel and topic, fallbacks, latency, call-back queue age."""

from __future__ import annotations

import datetime as dt

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from api.callbacks.models import CallbackRequest

OPEN_STATUSES = ("new", "claimed")
REGISTRY = CollectorRegistry()

MESSAGES = Counter("wegwijs_messages", "Messages answered, by channel and topic.", ["channel", "topic"],
                   registry=REGISTRY)
FALLBACKS = Counter("wegwijs_fallbacks", "Messages Wegwijs could not answer (out of scope or not understood), by "
                    "channel; the fallback rate is this over wegwijs_messages_total.", ["channel"], registry=REGISTRY)
TURNS = Histogram("wegwijs_turn_seconds", "Time from receiving a message to having the answer, by channel and outcome.",
                  ["channel", "outcome"], registry=REGISTRY,
                  buckets=(0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30))
CALLBACK_QUEUE_AGE = Gauge("wegwijs_callback_queue_age_seconds",
                           "Age of the oldest open call-back request (0 when none is open).", registry=REGISTRY)
CALLBACK_QUEUE_SIZE = Gauge("wegwijs_callback_queue_size", "Open call-back requests.", registry=REGISTRY)


def count_answer(*, channel: str, topic: str, answered: bool) -> None:
    """Counts one answered message."""
    MESSAGES.labels(channel=channel, topic=topic).inc()
    if not answered:
        FALLBACKS.labels(channel=channel).inc()


def exposition(session: Session, *, now: dt.datetime | None = None) -> bytes:
    """Reads the call-back queue and returns every metric in Prometheus's text format."""
    now = now or dt.datetime.now(dt.timezone.utc)
    try:
        oldest, size = session.execute(select(func.min(CallbackRequest.created_at), func.count())
                                       .where(CallbackRequest.status.in_(OPEN_STATUSES))).one()
    except SQLAlchemyError:
        # The other metrics still matter while the database is down; the queue keeps its last reading.
        return generate_latest(REGISTRY)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.timezone.utc)  # SQLite returns naive UTC times
    CALLBACK_QUEUE_AGE.set((now - oldest).total_seconds() if oldest else 0)
    CALLBACK_QUEUE_SIZE.set(size)
    return generate_latest(REGISTRY)
