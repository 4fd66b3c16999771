"""Recording questions Wegwijs could not answer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.questions.models import LoggedQuestion
from api.questions.scrub import scrub

TOP_INTENTS = 3


def log_question(
    session: Session, *, text: str, language: str, channel: str, intent: str,
    confidence: float, ranking: list[dict], answer: str, sender_id: str | None,
) -> LoggedQuestion:
    """Stores a scrubbed question with its top intents."""
    question = LoggedQuestion(
        text=scrub(text)[:2000],
        language=language,
        channel=channel,
        intent=intent,
        confidence=round(confidence, 4),
        ranking=[{"name": r["name"], "confidence": round(r["confidence"], 4)} for r in ranking[:TOP_INTENTS]],
        answer=answer,
        sender_id=sender_id,
    )
    session.add(question)
    session.commit()
    return question
