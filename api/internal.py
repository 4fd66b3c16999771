"""Guards the internal endpoints that only rasa and actions may call."""

from __future__ import annotations

import hmac

from fastapi import Header, HTTPException, Query

from api.settings import get_settings


async def require_internal_token(
    x_internal_token: str | None = Header(default=None),
    token: str | None = Query(default=None),
) -> None:
    """Rejects a request without the shared internal token (header, or query parameter as Rasa's NLG client sends it)."""
    # async although it awaits nothing: FastAPI runs a plain function in a worker thread, on every internal call.
    given = x_internal_token or token or ""
    if not hmac.compare_digest(given.encode(), get_settings().internal_token.encode()):
        raise HTTPException(status_code=401, detail="internal token required")
