"""The catalogue as answers read it: one copy per process, read again as soon as the catalogue changed."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from api.catalogue.models import Fact, Service

# Every staff edit raises a service's version and adds a change row; seeding adds rows. This query (tens of
# microseconds) tells whether the copy still matches; reading and decoding every service took about a millisecond.
FINGERPRINT = text(
    "SELECT (SELECT count(*) FROM services), (SELECT coalesce(sum(version), 0) FROM services),"
    " (SELECT coalesce(max(id), 0) FROM services), (SELECT count(*) FROM facts),"
    " (SELECT coalesce(max(id), 0) FROM facts), (SELECT coalesce(max(id), 0) FROM catalogue_changes)"
)
# A change made outside the application (by hand in the database) shows after this long at the latest.
MAX_AGE_SECONDS = 60.0


@dataclass(frozen=True)
class Snapshot:
    """The services, most relevant first, and the facts, as they were when read."""

    key: tuple
    read_at: float
    services: tuple[Service, ...]
    by_slug: dict[str, Service]
    facts: dict[str, Fact]


_latest: Snapshot | None = None


def catalogue_snapshot(session: Session) -> Snapshot:
    """Returns the current catalogue, read again only when it changed."""
    global _latest
    bind = session.get_bind()
    key = (str(bind.engine.url), *session.execute(FINGERPRINT).one())
    snapshot = _latest
    if snapshot is None or snapshot.key != key or time.monotonic() - snapshot.read_at > MAX_AGE_SECONDS:
        snapshot = _latest = _read(bind, key)
    return snapshot


def _read(bind, key: tuple) -> Snapshot:
    """Reads the catalogue in a session of its own, so that the copy belongs to no request."""
    with Session(bind=bind, expire_on_commit=False) as own:
        services = tuple(own.scalars(select(Service).order_by(Service.rank, Service.slug)))
        facts = {fact.key: fact for fact in own.scalars(select(Fact))}
    return Snapshot(key, time.monotonic(), services, {s.slug: s for s in services}, facts)
