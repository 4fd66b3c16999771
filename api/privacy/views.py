"""The privacy page for parents, and the staff's GDPR access export (one parent's data as a JSON download)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import select

from api.callbacks.models import CallbackRequest
from api.db import SessionDep
from api.i18n import gettext, supported
from api.privacy.export import export_sender
from api.settings import get_settings
from api.staff.auth import Staff, require_role
from api.templating import templates

router = APIRouter(tags=["privacy"])
# Only these shapes are accepted, so nothing a caller types reaches a file name or a query unchecked.
SENDER = r"^[a-z]{2,10}:[0-9a-f]{32}$"
REFERENCE = r"^WW-[A-Z0-9]{5}$"


@router.get("/privacy", response_class=HTMLResponse)
def privacy_page(request: Request, lang: str | None = None) -> HTMLResponse:
    """Tells parents what is kept, why, for how long (the real settings), and how to get a copy or be forgotten."""
    settings = get_settings()
    language = supported(lang or request.headers.get("accept-language", "")[:2].lower())
    return templates.TemplateResponse(request, "privacy.html", {
        "language": language, "_": lambda m: gettext(m, language),
        "conversation_days": settings.conversation_retention_days, "phone_days": settings.phone_retention_days,
        "question_days": settings.question_retention_days,
    })


@router.get("/api/privacy/export")
def export(session: SessionDep, staff: Annotated[Staff, Depends(require_role())],
           sender: Annotated[str | None, Query(pattern=SENDER)] = None,
           reference: Annotated[str | None, Query(pattern=REFERENCE)] = None) -> JSONResponse:
    """Downloads everything kept about one parent (admins only)."""
    if (sender is None) == (reference is None):
        raise HTTPException(422, detail="give either a sender or a call-back reference")
    if reference is not None:
        sender = session.scalar(select(CallbackRequest.sender_id).where(CallbackRequest.reference == reference))
        if sender is None:
            raise HTTPException(404, detail="no parent is linked to this reference")
    name = f"wegwijs-export-{sender.split(':')[1][:12]}.json"
    return JSONResponse(export_sender(session, sender),
                        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
