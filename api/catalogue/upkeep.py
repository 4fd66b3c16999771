"""Keeping the catalogue up to date: checked edits with an audit of every changed field, stale entries, YAML/CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.answers.topics import topic_of_intent
from api.catalogue.models import CatalogueChange, Service
from api.catalogue.service import SERVICE_FIELDS, get_service
from api.settings import get_settings

TRANSLATED = ("name", "summary", "opening_hours")
LISTS = ("topics", "intents", "languages_spoken")
REQUIRED_TRANSLATIONS = ("name", "summary")
LIST_SEPARATOR = ";"
MAX_LENGTH = {"name": 200, "summary": 600, "opening_hours": 300, "phone": 40, "email": 120, "url": 300,
              "address": 300, "source": 1000}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
PHONE = re.compile(r"^\+?[0-9][0-9 ./()-]{1,38}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
URL = re.compile(r"^https?://\S+$")
LANGUAGE = re.compile(r"^[a-z]{2}$")


class StaleEdit(Exception):
    """An edit based on an older version of the service (someone else changed it meanwhile)."""


class InvalidCatalogue(ValueError):
    """Entries that cannot be saved; problems maps "slug field" to a problem code."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems


@dataclass
class ImportResult:
    """What an import did: services added and services changed."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def entry_of(service: Service) -> dict:
    """Returns a service as an entry of the seed file (data/catalogue/services.yml), empty fields left out."""
    entry = {"slug": service.slug}
    for name in SERVICE_FIELDS:
        value = getattr(service, name)
        if value not in (None, "", [], {}):
            entry[name] = value
    return entry


def flatten(entry: dict) -> dict[str, str]:
    """Returns an entry as text fields: name.nl, topics (joined with ;), checked_on as ISO date, and so on."""
    languages = get_settings().languages
    flat = {"slug": str(entry.get("slug") or "")}
    for name in SERVICE_FIELDS:
        value = entry.get(name)
        if name in TRANSLATED:
            for language in languages:
                flat[f"{name}.{language}"] = str((value or {}).get(language) or "").strip()
        elif name in LISTS:
            flat[name] = LIST_SEPARATOR.join(str(v).strip() for v in value or [])
        else:
            flat[name] = "" if value is None else str(value).strip()
    return flat


def unflatten(flat: dict[str, str]) -> dict:
    """Turns text fields back into an entry; empty fields are left out."""
    languages = get_settings().languages
    entry: dict = {"slug": (flat.get("slug") or "").strip()}
    for name in SERVICE_FIELDS:
        if name in TRANSLATED:
            texts = {lang: (flat.get(f"{name}.{lang}") or "").strip() for lang in languages}
            if any(texts.values()):
                entry[name] = {lang: text for lang, text in texts.items() if text}
        elif name in LISTS:
            entry[name] = [v.strip() for v in (flat.get(name) or "").split(LIST_SEPARATOR) if v.strip()]
        elif (flat.get(name) or "").strip():
            entry[name] = flat[name].strip()
    return entry


def problems_of(entry: dict, *, today: dt.date) -> dict[str, str]:
    """Checks an entry; returns a problem code per field (required, too_long, phone, email, url, date, ...)."""
    problems: dict[str, str] = {}
    flat = flatten(entry)
    if not SLUG.match(flat["slug"]):
        problems["slug"] = "slug"
    for key, value in flat.items():
        base = key.split(".")[0]
        if base in MAX_LENGTH and len(value) > MAX_LENGTH[base]:
            problems[key] = "too_long"
        elif base in REQUIRED_TRANSLATIONS and not value:
            problems[key] = "required"
    checks = {"phone": PHONE, "email": EMAIL, "url": URL}
    for key, pattern in checks.items():
        if flat[key] and not pattern.match(flat[key]) and key not in problems:
            problems[key] = key
    if not flat["source"]:
        problems["source"] = "required"
    try:
        if dt.date.fromisoformat(flat["checked_on"]) > today:
            problems["checked_on"] = "date"
    except ValueError:
        problems["checked_on"] = "date"
    try:
        if not 0 <= int(flat["rank"] or 50) <= 1000:
            problems["rank"] = "rank"
    except ValueError:
        problems["rank"] = "rank"
    intents = topic_of_intent()
    if any(t not in set(intents.values()) for t in entry.get("topics") or []):
        problems["topics"] = "topics"
    if any(i not in intents for i in entry.get("intents") or []):
        problems["intents"] = "intents"
    if any(not LANGUAGE.match(code) for code in entry.get("languages_spoken") or []):
        problems["languages_spoken"] = "languages"
    return problems


def _typed(entry: dict) -> dict:
    """Returns an entry's values with the column types of Service."""
    values = {name: entry.get(name) for name in SERVICE_FIELDS}
    values["checked_on"] = dt.date.fromisoformat(str(entry["checked_on"]))
    values["rank"] = int(entry.get("rank") or 50)
    for name in LISTS:
        values[name] = list(entry.get(name) or [])
    values["opening_hours"] = entry.get("opening_hours") or None
    return values


def _apply(session: Session, service: Service, entry: dict, *, actor: str) -> bool:
    """Writes an entry's values into a service and records every changed field; returns whether anything changed."""
    before, after = flatten(entry_of(service)), flatten(entry)
    changed = [key for key in after if key != "slug" and before.get(key, "") != after[key]]
    for key in changed:
        session.add(CatalogueChange(service_slug=service.slug, actor=actor, field=key,
                                    old=before.get(key) or None, new=after[key] or None))
    if changed:
        for name, value in _typed(entry).items():
            setattr(service, name, value)
        service.version += 1
    return bool(changed)


def edit_service(session: Session, service: Service, *, flat: dict[str, str], version: int, actor: str,
                 today: dt.date | None = None) -> bool:
    """Saves a staff edit of a service's text fields, checked and audited; returns whether anything changed."""
    if version != service.version:
        raise StaleEdit(service.slug)
    entry = unflatten({**flatten(entry_of(service)), **flat, "slug": service.slug})
    problems = problems_of(entry, today=today or dt.date.today())
    if problems:
        raise InvalidCatalogue(problems)
    changed = _apply(session, service, entry, actor=actor)
    session.commit()
    return changed


def import_entries(session: Session, entries: list[dict], *, actor: str, today: dt.date | None = None) -> ImportResult:
    """Adds new services and updates known ones from entries, all or nothing, auditing every changed field."""
    problems = {}
    for number, entry in enumerate(entries, start=1):
        slug = str(entry.get("slug") or f"#{number}")
        problems.update({f"{slug} {key}": code
                         for key, code in problems_of(unflatten(flatten(entry)), today=today or dt.date.today()).items()})
    slugs = [str(e.get("slug")) for e in entries]
    problems.update({f"{slug} slug": "duplicate" for slug in set(slugs) if slugs.count(slug) > 1})
    if problems:
        raise InvalidCatalogue(problems)
    result = ImportResult()
    for entry in (unflatten(flatten(e)) for e in entries):
        service = get_service(session, slug=entry["slug"])
        if service is None:
            service = Service(slug=entry["slug"], version=1, **_typed(entry))
            session.add(service)
            session.add(CatalogueChange(service_slug=service.slug, actor=actor, field="created", old=None, new=None))
            result.added.append(service.slug)
        elif _apply(session, service, entry, actor=actor):
            result.changed.append(service.slug)
    session.commit()
    return result


def stale_services(session: Session, *, today: dt.date | None = None) -> list[Service]:
    """Returns the services not checked for longer than the setting, longest unchecked first."""
    cutoff = (today or dt.date.today()) - dt.timedelta(days=get_settings().catalogue_stale_days)
    return list(session.scalars(select(Service).where(Service.checked_on < cutoff).order_by(Service.checked_on)))


def changes_of(session: Session, *, slug: str) -> list[CatalogueChange]:
    """Returns the audit of a service, newest first."""
    return list(session.scalars(select(CatalogueChange).where(CatalogueChange.service_slug == slug)
                                .order_by(CatalogueChange.id.desc())))


def all_entries(session: Session) -> list[dict]:
    """Returns every service as a seed-file entry, in slug order."""
    return [entry_of(s) for s in session.scalars(select(Service).order_by(Service.slug))]


def to_yaml(entries: list[dict]) -> str:
    """Writes entries in the format of data/catalogue/services.yml."""
    plain = [{**e, "checked_on": str(e["checked_on"])} for e in entries]
    return yaml.safe_dump(plain, allow_unicode=True, sort_keys=False, width=120)


def from_yaml(text: str) -> list[dict]:
    """Reads entries from YAML; anything but a list of entries shaped like the seed file is refused."""
    try:
        entries = yaml.safe_load(text)
    except yaml.YAMLError:
        raise InvalidCatalogue({"file": "format"}) from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InvalidCatalogue({"file": "format"})
    shapes = {**{name: dict for name in TRANSLATED}, **{name: list for name in LISTS}}
    misshapen = {f"{e.get('slug')} {name}": "format" for e in entries for name, shape in shapes.items()
                 if e.get(name) is not None and not isinstance(e[name], shape)}
    if misshapen:
        raise InvalidCatalogue(misshapen)
    return entries


def to_csv(entries: list[dict]) -> str:
    """Writes entries as CSV, one column per text field (name.nl, ...), lists joined with ;."""
    rows = [flatten(e) for e in entries]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(flatten({})), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def from_csv(text: str) -> list[dict]:
    """Reads entries from CSV written by to_csv (a spreadsheet may add or reorder columns)."""
    try:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "slug" not in reader.fieldnames:
            raise InvalidCatalogue({"file": "format"})
        # Cells beyond the header come under the key None, as a list; they are no field of ours.
        return [unflatten({k: v if isinstance(v, str) else "" for k, v in row.items() if k}) for row in reader]
    except csv.Error:
        raise InvalidCatalogue({"file": "format"}) from None
