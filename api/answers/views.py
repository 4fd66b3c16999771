"""Internal endpoint: the answer plan for a classified message, used by the actions."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.answers.plan import plan_answer
from api.db import get_sessionmaker
from api.internal import require_internal_token
from api.metrics import count_answer
from api.questions.service import count_question, topic_guess

router = APIRouter(tags=["internal"], dependencies=[Depends(require_internal_token)])


class AnswerRequest(BaseModel):
    """A classified message: its intent, ranking and entities; language and channel when it is to be counted."""

    intent: str
    ranking: list[dict] = []
    entities: dict[str, str] = {}
    language: str | None = Field(default=None, max_length=8)
    channel: str = Field(default="unknown", max_length=20)
    # The parent's words, read for danger words only (api/answers/danger_words.py); never stored here.
    text: str = Field(default="", max_length=10_000)


@router.post("/internal/answers")
def answer(body: AnswerRequest) -> dict:
    """Returns the responses and services that answer an intent, and counts the question for the report and metrics."""
    # A session of its own rather than a dependency, which FastAPI opens and closes in two more worker-thread trips.
    with get_sessionmaker()() as session:
        plan = plan_answer(session, intent=body.intent, ranking=body.ranking, entities=body.entities, rated=True,
                           text=body.text)
        count_answer(channel=body.channel, topic=plan.topic, answered=plan.answered)
        if body.language:
            topic = plan.topic if plan.answered else topic_guess(body.intent, body.ranking)
            count_question(session, topic=topic, language=body.language, channel=body.channel,
                           kind="answered" if plan.answered else "unanswered")
    return asdict(plan)
