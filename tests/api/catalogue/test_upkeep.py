"""Catalogue upkeep by staff: roles, checked and audited edits seen at once by the bot, stale list, import/export."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid

import pytest
import yaml
from sqlalchemy import select

from api.catalogue.models import CatalogueChange, Service
from api.catalogue.service import get_service
from api.catalogue.upkeep import all_entries, edit_service, entry_of, from_csv, to_csv
from api.staff.auth import create_user
from api.staff.models import ROLES
from tests.api.staff.test_staff import PASSWORD, csrf_of, log_in
from tests.conftest import INTERNAL

SLUG = "sociale-kruidenier-aalst"


@pytest.fixture
def editor(client, session):
    """A client logged in with a role."""

    def as_role(role: str) -> str:
        name = f"{role}-{uuid.uuid4().hex[:6]}"
        create_user(session, username=name, password=PASSWORD, role=role)
        log_in(client, name)
        return name

    return as_role


@pytest.fixture
def restored(session):
    """Puts the edited service back as it was after the test."""
    service = get_service(session, slug=SLUG)
    original = {key: value for key, value in entry_of(service).items()}
    yield service
    session.refresh(service)
    for key in ("name", "summary", "opening_hours", "phone", "address", "source", "checked_on"):
        setattr(service, key, original.get(key))
    service.version += 1  # as every edit does, so that the answers' copy of the catalogue is read again
    session.commit()


def form_of(client, slug: str) -> dict:
    page = client.get(f"/staff/catalogue/{slug}").text
    fields = dict(re.findall(r'name="([\w.]+)" value="([^"]*)"', page))
    fields.update(re.findall(r'<textarea id="[\w.]+" name="([\w.]+)"[^>]*>([^<]*)</textarea>', page))
    return {key: html.unescape(value) for key, value in fields.items()}


@pytest.mark.parametrize("role,allowed", [("frontdesk", False), ("trusted_person", False), ("coordinator", True),
                                          ("admin", True)])
def test_only_coordinators_and_admins_keep_the_catalogue(client, editor, role, allowed):
    editor(role)

    for path in ("/staff/catalogue", f"/staff/catalogue/{SLUG}", "/staff/catalogue/export.yml",
                 "/staff/catalogue/export.csv"):
        assert client.get(path).status_code == (200 if allowed else 403), path
    assert ('href="/staff/catalogue"' in client.get("/staff/faq").text) == allowed


def test_an_edit_is_audited_and_in_the_bots_next_answer(client, editor, session, restored):
    name = editor("coordinator")
    form = form_of(client, SLUG)
    form.update({"phone": "053 73 00 00", "name.ar": "البقالة الاجتماعية في Aalst", "checked_on": "2026-11-30"})

    reply = client.post(f"/staff/catalogue/{SLUG}", data=form, follow_redirects=False)

    assert reply.status_code == 303 and reply.headers["location"] == f"/staff/catalogue/{SLUG}?saved=1"
    changes = session.scalars(select(CatalogueChange).where(CatalogueChange.service_slug == SLUG)
                              .order_by(CatalogueChange.id)).all()
    assert {(c.actor, c.field, c.old, c.new) for c in changes[-3:]} == {
        (name, "phone", None, "053 73 00 00"),
        (name, "name.ar", "Sociale kruidenier Aalst", "البقالة الاجتماعية في Aalst"),
        (name, "checked_on", "2026-12-01", "2026-11-30"),
    }
    plan = client.post("/internal/answers", json={"intent": "food_help"}, headers=INTERNAL).json()
    cards = next(r for r in plan["responses"] if r["name"] == "utter_service_cards")
    said = client.post("/nlg", headers=INTERNAL, json={"response": "utter_service_cards", "arguments": cards["arguments"],
                                                       "tracker": {"slots": {"language": "ar"}}}).json()["text"]
    assert "البقالة الاجتماعية في Aalst" in said and "053 73 00 00" in said
    history = client.get(f"/staff/catalogue/{SLUG}").text
    assert f"<td>{name}</td><td>phone</td>" in history


def test_a_bad_edit_is_explained_and_changes_nothing(client, editor, session, restored):
    editor("admin")
    form = form_of(client, SLUG)
    form.update({"phone": "call us", "url": "javascript:alert(1)", "name.tr": "", "checked_on": "2099-01-01"})

    reply = client.post(f"/staff/catalogue/{SLUG}", data=form)

    assert reply.status_code == 422
    for field in ("phone", "url", "name.tr", "checked_on"):
        assert f'href="#{field}"' in reply.text
    session.refresh(restored)
    assert restored.phone is None and restored.name["tr"] == "Sociale kruidenier Aalst"


def test_an_edit_of_an_older_version_is_refused(client, editor, restored):
    editor("coordinator")
    form = form_of(client, SLUG)
    client.post(f"/staff/catalogue/{SLUG}", data={**form, "address": "Somewhere 1, 9300 Aalst"})

    reply = client.post(f"/staff/catalogue/{SLUG}", data={**form, "address": "Elsewhere 2, 9300 Aalst"})

    assert reply.status_code == 409 and "in de tussentijd" in reply.text


def test_a_form_without_the_csrf_token_is_rejected(client, editor):
    editor("coordinator")
    form = form_of(client, SLUG)

    assert client.post(f"/staff/catalogue/{SLUG}", data={**form, "csrf": "forged"}).status_code == 403


def test_services_not_checked_for_six_months_are_flagged(client, editor, session, restored):
    editor("coordinator")
    edit_service(session, restored, flat={"checked_on": "2026-05-01"}, version=restored.version, actor="test",
                 today=dt.date(2026, 12, 1))

    page = client.get("/staff/catalogue?stale=1").text

    assert re.findall(r'<tr class="stale" data-slug="([\w-]+)"', page) == [SLUG]
    assert 'class="error stale-warning"' in client.get(f"/staff/catalogue/{SLUG}").text


def test_exports_round_trip_through_import(client, editor, session):
    editor("coordinator")
    exported_yaml = client.get("/staff/catalogue/export.yml")
    exported_csv = client.get("/staff/catalogue/export.csv")

    assert exported_yaml.headers["content-disposition"].startswith("attachment")
    assert yaml.safe_load(exported_yaml.text)[0]["slug"] == all_entries(session)[0]["slug"]
    assert from_csv(exported_csv.text) == from_csv(to_csv(all_entries(session)))
    for name, body in (("c.yml", exported_yaml.text), ("c.csv", exported_csv.text)):
        reply = client.post("/staff/catalogue/import", data={"csrf": csrf_of(client, "/staff/catalogue")},
                            files={"file": (name, body.encode())})
        assert reply.status_code == 200 and 'data-added="0" data-changed="0"' in reply.text


def test_an_import_adds_and_changes_services_all_or_nothing(client, editor, session):
    name = editor("coordinator")
    slug = f"test-dienst-{uuid.uuid4().hex[:6]}"
    texts = {lang: f"Test {lang}" for lang in ("nl", "fr", "en", "ar", "tr")}
    new = {"slug": slug, "topics": ["food"], "intents": [], "rank": 90, "name": texts, "summary": texts,
           "source": "https://www.aalst.be", "checked_on": "2026-11-01"}
    token = csrf_of(client, "/staff/catalogue")

    bad = client.post("/staff/catalogue/import", data={"csrf": token},
                      files={"file": ("c.yml", yaml.safe_dump([new, {**new, "slug": "x!", "topics": ["cars"]}]))})
    assert bad.status_code == 422 and "x! topics" in bad.text and get_service(session, slug=slug) is None

    good = client.post("/staff/catalogue/import", data={"csrf": token},
                       files={"file": ("c.yml", yaml.safe_dump([new]).encode())})
    assert good.status_code == 200
    changed = client.post("/staff/catalogue/import", data={"csrf": token},
                          files={"file": ("c.csv", to_csv([{**new, "phone": "053 11 22 33"}]).encode())})
    assert changed.status_code == 200
    session.expire_all()
    assert get_service(session, slug=slug).phone == "053 11 22 33"
    changes = session.scalars(select(CatalogueChange).where(CatalogueChange.service_slug == slug))
    fields = [(c.actor, c.field) for c in changes]
    assert fields == [(name, "created"), (name, "phone")]


def test_a_file_that_is_no_catalogue_is_refused_kindly(client, editor):
    editor("coordinator")
    token = csrf_of(client, "/staff/catalogue")

    refused = (("c.yml", b"just: a mapping"), ("c.csv", b"name,phone\nx,1"), ("c.yml", b"\xff\xfe"),
               ("c.yml", b"- {slug: x, name: just text}"), ("c.yml", b"- [unclosed"), ("c.csv", b"slug\n\"x\0"))
    for name, body in refused:
        reply = client.post("/staff/catalogue/import", data={"csrf": token}, files={"file": (name, body)})
        assert reply.status_code == 422, name


def test_an_unknown_service_is_a_404(client, editor):
    editor("coordinator")

    assert client.get("/staff/catalogue/no-such-service").status_code == 404

