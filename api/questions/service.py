"""Recording questions Wegwijs could not answer, and counting every question without its text."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, bindparam, delete, exists, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from api.answers.topics import FALLBACK_INTENT, topic_for
from api.questions.models import LoggedQuestion, QuestionGroup
from api.questions.scrub import scrub

TOP_INTENTS = 10
NOT_COUNTED_TOPICS = {"smalltalk"}
# Below this, an intent in the ranking is noise, not a guess (the answer plan suggests topics from the same level).
MIN_GUESS_CONFIDENCE = 0.1


# One statement that PostgreSQL and SQLite both understand, so that two workers counting at once both count; written
# out because SQLAlchemy compiled its upsert construct anew on every call.
COUNT_ONE = sql(
    "INSERT INTO question_counts (day, topic, language, channel, kind, count) "
    "VALUES (:day, :topic, :language, :channel, :kind, 1) "
    "ON CONFLICT (day, topic, language, channel, kind) DO UPDATE SET count = question_counts.count + 1"
).bindparams(bindparam("day", type_=Date))


def topic_guess(intent: str, ranking: list[dict]) -> str:
    """Returns the topic of the best in-domain intent the model seriously considered, else out_of_scope."""
    for candidate in [{"name": intent, "confidence": 1.0}, *ranking]:
        topic = topic_for(candidate.get("name"))
        if topic not in ("out_of_scope", "smalltalk") and candidate.get("confidence", 0) >= MIN_GUESS_CONFIDENCE:
            return topic
    return "out_of_scope"


def log_question(
    session: Session, *, text: str, language: str, channel: str, intent: str,
    confidence: float, ranking: list[dict], answer: str, sender_id: str | None, reason: str | None = None,
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
        reason=reason or ("fallback" if intent == FALLBACK_INTENT else "out_of_scope"),
        topic=topic_guess(intent, ranking),
    )
    session.add(question)
    session.commit()
    return question


def already_rated(session: Session, *, sender_id: str, text: str) -> bool:
    """Says whether this parent already rated the answer to this very question not helpful."""
    return session.scalar(select(LoggedQuestion.id).where(
        LoggedQuestion.sender_id == sender_id, LoggedQuestion.reason == "not_helpful",
        LoggedQuestion.text == scrub(text)[:2000]).limit(1)) is not None


def count_question(session: Session, *, topic: str, language: str, channel: str, kind: str,
                   day: dt.date | None = None) -> None:
    """Adds one to the day's count of a topic, language, channel and kind (answered, unanswered, helpful, not_helpful)."""
    if topic in NOT_COUNTED_TOPICS:
        return
    session.execute(COUNT_ONE, {"day": day or dt.datetime.now(dt.timezone.utc).date(), "topic": topic,
                                "language": language[:8], "channel": channel[:20], "kind": kind})
    session.commit()


def delete_empty_groups(session: Session) -> None:
    """Deletes the groups no logged question belongs to any more (their labels may quote deleted questions)."""
    session.execute(delete(QuestionGroup).where(~exists(select(LoggedQuestion.id).where(
        LoggedQuestion.group_id == QuestionGroup.id))))
