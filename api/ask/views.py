"""POST /api/ask: one stateless question, answered with the same NLU and answers as the chat."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from api.answers.plan import plan_answer
from api.catalogue.service import get_service
from api.channels.pipeline import clean
from api.channels.rasa import RasaUnavailable
from api.db import SessionDep
from api.i18n import ERRORS, gettext
from api.languages import guess
from api.nlg.render import render
from api.settings import get_settings

router = APIRouter(tags=["ask"])


class AskIn(BaseModel):
    """A question, with its language when known."""

    text: str = Field(max_length=20000)
    language: str | None = None


class Button(BaseModel):
    """A follow-up the parent can choose."""

    title: str
    payload: str


class Message(BaseModel):
    """One answer message."""

    text: str
    buttons: list[Button] = []


class ServiceRef(BaseModel):
    """A service shown with the answer."""

    slug: str
    name: str
    phone: str | None
    email: str | None
    url: str | None
    address: str | None
    checked_on: dt.date


class AskOut(BaseModel):
    """The answer as the chat would give it."""

    language: str
    topic: str
    intent: str
    confidence: float
    messages: list[Message]
    services: list[ServiceRef]


@router.post("/api/ask", response_model=AskOut)
async def ask(body: AskIn, request: Request, session: SessionDep) -> AskOut:
    """Answers one question: classifies it, plans the answer and renders it in the language."""
    settings = get_settings()
    if body.language is not None and body.language not in settings.languages:
        raise HTTPException(422, detail=f"language must be one of {settings.languages}")
    text = clean(body.text)
    language = body.language or guess(text).language or settings.default_language
    if not text:
        raise HTTPException(422, detail=gettext(ERRORS["empty"], language))
    if len(text) > settings.max_message_chars:
        raise HTTPException(422, detail=gettext(ERRORS["too_long"], language).format(limit=settings.max_message_chars))
    try:
        parsed = await request.app.state.rasa.parse(text)
    except RasaUnavailable:
        raise HTTPException(503, detail=gettext(ERRORS["unavailable"], language)) from None
    intent = parsed["intent"]["name"]
    entities = {e["entity"]: e["value"] for e in parsed.get("entities", [])}
    plan = plan_answer(session, intent=intent, ranking=parsed.get("intent_ranking", []), entities=entities)
    messages = [render(session, name=r.name, arguments=r.arguments, language=language).as_json() for r in plan.responses]
    services = [get_service(session, slug=slug) for slug in plan.services]
    return AskOut(
        language=language,
        topic=plan.topic,
        intent=intent,
        confidence=round(parsed["intent"]["confidence"], 4),
        messages=messages,
        services=[
            ServiceRef(slug=s.slug, name=s.name[language], phone=s.phone, email=s.email, url=s.url,
                       address=s.address, checked_on=s.checked_on)
            for s in services if s is not None
        ],
    )
