"""Button payloads too long for a platform, kept in the database under a short id that survives restarts."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from api.channels.models import ButtonPayload

SHORT_PREFIX = "~"


def shorten(session: Session, payload: str, *, limit: int) -> str:
    """Returns the payload itself when it fits the limit (in bytes), else a short id standing for it."""
    if len(payload.encode()) <= limit and not payload.startswith(SHORT_PREFIX):
        return payload
    short_id = SHORT_PREFIX + secrets.token_urlsafe(9)
    session.add(ButtonPayload(short_id=short_id, payload=payload))
    session.commit()
    return short_id


def expand(session: Session, data: str) -> str | None:
    """Returns the payload a button carries; None for an unknown short id."""
    if not data.startswith(SHORT_PREFIX):
        return data
    stored = session.get(ButtonPayload, data)
    return stored.payload if stored else None
