"""Internal endpoint: the answer plan for a classified message, used by the actions."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.answers.plan import plan_answer
from api.db import SessionDep
from api.internal import require_internal_token
from api.metrics import count_answer

router = APIRouter(tags=["internal"], dependencies=[Depends(require_internal_token)])


class AnswerRequest(BaseModel):
    """A classified message: its intent, ranking and entities."""

    intent: str
    ranking: list[dict] = []
    entities: dict[str, str] = {}
    channel: str = Field(default="unknown", max_length=20)


@router.post("/internal/answers")
def answer(body: AnswerRequest, session: SessionDep) -> dict:
    """Returns the responses and services that answer an intent, and counts the answer."""
    plan = plan_answer(session, intent=body.intent, ranking=body.ranking, entities=body.entities)
    count_answer(channel=body.channel, topic=plan.topic, answered=plan.answered)
    return asdict(plan)
