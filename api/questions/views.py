"""Internal endpoint: the actions report questions Wegwijs could not answer."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.db import SessionDep
from api.internal import require_internal_token
from api.questions.service import log_question

router = APIRouter(tags=["internal"], dependencies=[Depends(require_internal_token)])


class QuestionIn(BaseModel):
    """An unanswered question as the actions report it."""

    text: str = Field(max_length=20000)
    language: str
    channel: str
    intent: str
    confidence: float
    ranking: list[dict] = []
    answer: str
    sender_id: str | None = None


@router.post("/internal/questions", status_code=201)
def report_question(body: QuestionIn, session: SessionDep) -> dict:
    """Logs an unanswered question, scrubbed of personal data."""
    question = log_question(session, **body.model_dump())
    return {"id": question.id}
