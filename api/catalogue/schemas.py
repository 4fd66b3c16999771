"""Catalogue data as the API returns it, in one language."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from api.catalogue.models import Service


class ServiceOut(BaseModel):
    """A service in one language."""

    slug: str
    name: str
    summary: str
    topics: list[str]
    phone: str | None
    email: str | None
    url: str | None
    address: str | None
    opening_hours: str | None
    checked_on: dt.date
    source: str

    @classmethod
    def of(cls, service: Service, language: str) -> "ServiceOut":
        """Builds the view of a service in a language."""
        return cls(
            slug=service.slug,
            name=service.name[language],
            summary=service.summary[language],
            topics=service.topics,
            phone=service.phone,
            email=service.email,
            url=service.url,
            address=service.address,
            opening_hours=(service.opening_hours or {}).get(language),
            checked_on=service.checked_on,
            source=service.source,
        )
