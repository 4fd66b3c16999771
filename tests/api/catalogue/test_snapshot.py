"""The answers' copy of the catalogue: reused while nothing changed, read again after an edit or a new service."""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import delete, update

from api.catalogue.models import CatalogueChange, Service
from api.catalogue.service import get_service, services_for_intent, shown_service
from api.catalogue.snapshot import CHECK_SECONDS, catalogue_snapshot
from api.catalogue.upkeep import edit_service
from api.db import get_sessionmaker
from api.nlg.render import render

SLUG = "sociale-kruidenier-aalst"


def test_an_unchanged_catalogue_is_read_once(session):
    first = catalogue_snapshot(session)
    with get_sessionmaker()() as other:
        assert catalogue_snapshot(other) is first


def test_a_staff_edit_shows_in_the_next_answer(session):
    service = get_service(session, slug=SLUG)
    before = catalogue_snapshot(session)
    old_phone = service.phone
    try:
        edit_service(session, service, flat={"phone": "053 99 88 77"}, version=service.version, actor="test")
        card = render(session, name="utter_service_cards", arguments={"slugs": [SLUG]}, language="nl").text
        assert "053 99 88 77" in card and catalogue_snapshot(session) is not before
        assert shown_service(session, slug=SLUG).phone == "053 99 88 77"
    finally:
        edit_service(session, service, flat={"phone": old_phone or ""}, version=service.version, actor="test")
        session.execute(delete(CatalogueChange).where(CatalogueChange.actor == "test"))
        session.commit()
    assert shown_service(session, slug=SLUG).phone == old_phone


def test_a_new_service_is_shown_at_once(session):
    intent = "food_help"
    added = Service(slug="test-nieuwe-dienst", topics=["food"], intents=[intent], rank=0, name={"nl": "Nieuw"},
                    summary={"nl": "Nieuw"}, source="test", checked_on=dt.date.today())
    session.add(added)
    session.commit()
    try:
        assert services_for_intent(session, intent=intent)[0].slug == "test-nieuwe-dienst"
    finally:
        session.delete(added)
        session.commit()
    assert "test-nieuwe-dienst" not in [s.slug for s in services_for_intent(session, intent=intent)]


def test_the_copy_belongs_to_no_request(session):
    service = catalogue_snapshot(session).by_slug[SLUG]
    session.close()
    assert service.name["nl"] and service not in session


def test_a_change_made_elsewhere_shows_within_the_check_interval(session):
    time.sleep(CHECK_SECONDS)
    before = shown_service(session, slug=SLUG).phone  # looks at the catalogue now
    # A bulk update, as another process or a database tool would make it: no ORM object of this process changes.
    session.execute(update(Service).where(Service.slug == SLUG)
                    .values(phone="053 11 22 33", version=Service.version + 1))
    session.commit()
    try:
        assert shown_service(session, slug=SLUG).phone == before
        time.sleep(CHECK_SECONDS)
        assert shown_service(session, slug=SLUG).phone == "053 11 22 33"
    finally:
        session.execute(update(Service).where(Service.slug == SLUG).values(phone=before))
        session.commit()
