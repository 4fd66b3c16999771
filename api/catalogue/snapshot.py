"""The catalogue as answers read it: one copy per process, read again as soon as the catalogue changed."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from api.catalogue.models import CatalogueChange, Fact, Service

# Every staff edit raises a service's version and adds a change row; seeding adds rows. This query tells whether the
# copy still matches; reading and decoding every service took about a millisecond.
FINGERPRINT = text(
    "SELECT (SELECT count(*) FROM services), (SELECT coalesce(sum(version), 0) FROM services),"
    " (SELECT coalesce(max(id), 0) FROM services), (SELECT count(*) FROM facts),"
    " (SELECT coalesce(max(id), 0) FROM facts), (SELECT coalesce(max(id), 0) FROM catalogue_changes)"
)
# The query above runs at most this often: it was a tenth of api's work per turn when every render ran it. A change
# committed through this process is seen at once (below); one made by another process shows within this time.
CHECK_SECONDS = 1.0
# A change made outside the application (by hand in the database) shows after this long at the latest.
MAX_AGE_SECONDS = 60.0
CATALOGUE_MODELS = (Service, Fact, CatalogueChange)


@dataclass(frozen=True)
class Snapshot:
    """The services, most relevant first, and the facts, as they were when read."""

    key: tuple
    read_at: float
    services: tuple[Service, ...]
    by_slug: dict[str, Service]
    facts: dict[str, Fact]


_latest: Snapshot | None = None
_checked_at = 0.0


def catalogue_snapshot(session: Session) -> Snapshot:
    """Returns the current catalogue, read again only when it changed."""
    global _latest, _checked_at
    bind = session.get_bind()
    url = str(bind.engine.url)
    snapshot, now = _latest, time.monotonic()
    if snapshot is not None and snapshot.key[0] == url and now - _checked_at < CHECK_SECONDS:
        return snapshot
    key = (url, *session.execute(FINGERPRINT).one())
    if snapshot is None or snapshot.key != key or now - snapshot.read_at > MAX_AGE_SECONDS:
        snapshot = _latest = _read(bind, key)
    _checked_at = now
    return snapshot


@event.listens_for(Session, "after_flush")
def _note_catalogue_writes(session: Session, _context) -> None:
    """Marks a session that wrote to the catalogue."""
    if any(isinstance(row, CATALOGUE_MODELS) for row in (*session.new, *session.dirty, *session.deleted)):
        session.info["catalogue_written"] = True


@event.listens_for(Session, "after_commit")
def _check_after_catalogue_writes(session: Session) -> None:
    """Makes the next answer look at the catalogue again once a write to it is committed."""
    global _checked_at
    if session.info.pop("catalogue_written", False):
        _checked_at = 0.0


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back_writes(session: Session) -> None:
    """A rolled-back write changed nothing."""
    session.info.pop("catalogue_written", None)


def _read(bind, key: tuple) -> Snapshot:
    """Reads the catalogue in a session of its own, so that the copy belongs to no request."""
    with Session(bind=bind, expire_on_commit=False) as own:
        services = tuple(own.scalars(select(Service).order_by(Service.rank, Service.slug)))
        facts = {fact.key: fact for fact in own.scalars(select(Fact))}
    return Snapshot(key, time.monotonic(), services, {s.slug: s for s in services}, facts)
