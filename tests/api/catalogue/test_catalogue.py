"""The seed catalogue: complete, sourced, and searchable through the read API."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from api.answers.topics import topic_of_intent
from api.catalogue.models import Fact, Service
from api.catalogue.service import seed
from api.settings import get_settings

LANGUAGES = get_settings().languages


def test_every_service_is_translated_sourced_and_dated(session):
    services = list(session.scalars(select(Service)))

    assert len(services) >= 20
    for service in services:
        assert all(service.name.get(lang) and service.summary.get(lang) for lang in LANGUAGES), service.slug
        assert service.source and service.checked_on <= dt.date.today()
        assert set(service.intents) <= set(topic_of_intent()), service.slug


def test_every_fact_has_a_period_source_and_check_date(session):
    for fact in session.scalars(select(Fact)):
        assert fact.valid_for and fact.source and fact.checked_on


def test_seeding_again_adds_nothing_and_keeps_edits(session):
    service = session.scalar(select(Service).where(Service.slug == "huis-van-het-kind-aalst"))
    original, service.rank = service.rank, 99
    session.commit()

    assert seed(session, catalogue_dir=get_settings().catalogue_dir) == 0
    session.refresh(service)
    assert service.rank == 99
    service.rank = original
    session.commit()


@pytest.mark.parametrize("language", LANGUAGES)
def test_services_are_listed_by_topic_in_a_language(client, language):
    reply = client.get("/api/services", params={"topic": "housing", "language": language})

    assert reply.status_code == 200
    services = reply.json()
    assert services and all("housing" in s["topics"] for s in services)
    assert all(s["name"] and s["checked_on"] for s in services)


def test_services_can_be_searched_by_text(client):
    reply = client.get("/api/services", params={"q": "UiTPAS", "language": "nl"})

    assert reply.status_code == 200
    assert any("uitpas" in s["slug"] for s in reply.json())


def test_an_unknown_language_falls_back_to_dutch(client):
    reply = client.get("/api/services", params={"topic": "food", "language": "xx"})

    assert reply.status_code == 200 and reply.json()
