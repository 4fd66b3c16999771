"""The service catalogue: services with translated fields, and dated facts such as amounts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, Float, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


class Service(Base):
    """A local service that helps families, with its source and check date."""

    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    intents: Mapped[list[str]] = mapped_column(JSON, default=list)
    rank: Mapped[int] = mapped_column(Integer, default=50)
    name: Mapped[dict[str, str]] = mapped_column(JSON)
    summary: Mapped[dict[str, str]] = mapped_column(JSON)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(120))
    url: Mapped[str | None] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(String(300))
    opening_hours: Mapped[dict[str, str] | None] = mapped_column(JSON)
    languages_spoken: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(Text)
    checked_on: Mapped[dt.date] = mapped_column(Date)
    # Raised by every staff edit, so an edit based on an older page is refused instead of overwriting another's.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class CatalogueChange(Base):
    """One changed field of a service: who changed it, when, and the old and new value."""

    __tablename__ = "catalogue_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_slug: Mapped[str] = mapped_column(String(80), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(80))
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)


class Fact(Base):
    """An amount or rule quoted in answers, valid for a period, with its source."""

    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    valid_for: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)
    checked_on: Mapped[dt.date] = mapped_column(Date)
