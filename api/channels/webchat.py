"""The web chat: a page at /chat and a JSON endpoint the page posts messages to."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Cookie, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from api.channels.outbound import deliver_pending
from api.channels.pipeline import Incoming, direction
from api.channels.senders import sender_id
from api.db import SessionDep
from api.i18n import gettext, supported
from api.settings import get_settings
from api.templating import templates

router = APIRouter(tags=["web chat"])
COOKIE = "wegwijs_web"
# Generous transport limit; the pipeline answers kindly above the configured message length.
MAX_BODY_CHARS = 20000
ERROR_STATUS = {"rate_limited": 429, "unavailable": 503}


class ChatMessage(BaseModel):
    """A message typed or a button pressed in the web chat."""

    text: str = Field(default="", max_length=MAX_BODY_CHARS)
    payload: str | None = Field(default=None, max_length=200)
    message_id: str | None = Field(default=None, max_length=80)
    language: str | None = Field(default=None, max_length=8)


@router.get("/chat", response_class=HTMLResponse)
def chat_page(request: Request, lang: str | None = None) -> HTMLResponse:
    """Shows the web chat in the browser's or the chosen language."""
    language = supported(lang or request.headers.get("accept-language", "")[:2].lower())
    response = templates.TemplateResponse(
        request, "chat.html", {"language": language, "_": lambda m: gettext(m, language)}
    )
    if COOKIE not in request.cookies:
        _set_cookie(response, secrets.token_urlsafe(24))
    return response


@router.post("/api/chat/messages")
async def post_message(body: ChatMessage, request: Request, wegwijs_web: str | None = Cookie(default=None)) -> Response:
    """Runs a web chat message through the conversation and returns the answers."""
    visitor = wegwijs_web or secrets.token_urlsafe(24)
    incoming = Incoming(
        channel="web", platform_id=visitor, message_id=body.message_id, text=body.text,
        payload=body.payload, language_prior=body.language if body.language in get_settings().languages else None,
    )
    outcome = await request.app.state.pipeline.handle(incoming)
    if outcome.error_code:
        status = ERROR_STATUS.get(outcome.error_code, 422)
        response = JSONResponse({"error": outcome.error_code, "message": outcome.error}, status_code=status)
    else:
        response = JSONResponse({"messages": outcome.messages, "duplicate": outcome.duplicate})
    if not wegwijs_web:
        _set_cookie(response, visitor)
    return response


@router.get("/api/chat/pending")
def pending_messages(session: SessionDep, wegwijs_web: str | None = Cookie(default=None)) -> dict:
    """Returns the messages Wegwijs left for this visitor since the last visit (call-back follow-ups)."""
    if not wegwijs_web:
        return {"messages": []}
    rendered = deliver_pending(session, sender_id=sender_id("web", wegwijs_web))
    return {"messages": [{**m.as_json(), "dir": direction(m.text)} for m in rendered]}


def _set_cookie(response: Response, value: str) -> None:
    """Gives the browser its anonymous visitor token."""
    response.set_cookie(COOKIE, value, httponly=True, samesite="lax", max_age=60 * 60 * 24 * 30)
