"""Reading and seeding the service catalogue."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.catalogue.models import Fact, Service
from api.catalogue.snapshot import catalogue_snapshot

SERVICE_FIELDS = (
    "topics", "intents", "rank", "name", "summary", "phone", "email", "url",
    "address", "opening_hours", "languages_spoken", "source", "checked_on",
)


def seed(session: Session, *, catalogue_dir: Path) -> int:
    """Loads the seed catalogue, adding new entries and leaving staff-edited ones alone; returns how many were added."""
    added = 0
    existing = set(session.scalars(select(Service.slug)))
    for entry in yaml.safe_load((catalogue_dir / "services.yml").read_text(encoding="utf-8")):
        if entry["slug"] not in existing:
            session.add(Service(slug=entry["slug"], **{f: entry.get(f) for f in SERVICE_FIELDS if f in entry}))
            added += 1
    known_facts = set(session.scalars(select(Fact.key)))
    for entry in yaml.safe_load((catalogue_dir / "facts.yml").read_text(encoding="utf-8")):
        if entry["key"] not in known_facts:
            session.add(Fact(**entry))
            added += 1
    session.commit()
    return added


def services_for_intent(session: Session, *, intent: str, limit: int = 3) -> list[Service]:
    """Returns the services shown with an answer, most relevant first."""
    return [s for s in catalogue_snapshot(session).services if intent in s.intents][:limit]


def shown_service(session: Session, *, slug: str) -> Service | None:
    """Gets a service to show in an answer, from the catalogue's current snapshot."""
    return catalogue_snapshot(session).by_slug.get(slug)


def get_service(session: Session, *, slug: str) -> Service | None:
    """Gets a service by its slug."""
    return session.scalar(select(Service).where(Service.slug == slug))


def search_services(session: Session, *, topic: str | None, language: str, text: str | None) -> list[Service]:
    """Lists services, filtered by topic and by words in their name or summary in a language."""
    services = list(session.scalars(select(Service).order_by(Service.rank, Service.slug)))
    if topic:
        services = [s for s in services if topic in s.topics]
    if text:
        needle = text.casefold()
        services = [
            s for s in services
            if needle in s.slug or any(needle in (field.get(language) or "").casefold() for field in (s.name, s.summary))
        ]
    return services


def facts_by_key(session: Session) -> dict[str, Fact]:
    """Returns all facts by their key."""
    return catalogue_snapshot(session).facts
