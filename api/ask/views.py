"""POST /api/ask: one stateless question, answered with the same NLU and answers as the chat."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from api.ask.service import QuestionRefused, answer, question_language, understand
from api.channels.rasa import RasaUnavailable
from api.db import SessionDep
from api.i18n import ERRORS, gettext
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
    try:
        understood = await understand(request.app.state.rasa, text=body.text, language=body.language)
    except QuestionRefused as refused:
        raise HTTPException(422, detail=str(refused)) from None
    except RasaUnavailable:
        language = question_language(body.text, body.language)
        raise HTTPException(503, detail=gettext(ERRORS["unavailable"], language)) from None
    found = answer(session, intent=understood.intent, language=understood.language, ranking=understood.ranking,
                   entities=understood.entities, text=understood.text)
    return AskOut(
        language=understood.language,
        topic=found.topic,
        intent=understood.intent,
        confidence=understood.confidence,
        messages=[m.as_json() for m in found.messages],
        services=[ServiceRef.model_validate(s.model_dump()) for s in found.services],
    )
