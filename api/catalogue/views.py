"""Catalogue read API."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.catalogue.schemas import ServiceOut
from api.catalogue.service import search_services
from api.db import SessionDep
from api.i18n import supported

router = APIRouter(tags=["catalogue"])


@router.get("/api/services", response_model=list[ServiceOut])
def list_services(
    session: SessionDep,
    topic: str | None = None,
    language: str = "nl",
    q: str | None = Query(default=None, max_length=200),
) -> list[ServiceOut]:
    """Lists services, filtered by topic and text, in a language."""
    language = supported(language)
    return [ServiceOut.of(s, language) for s in search_services(session, topic=topic, language=language, text=q)]
