"""Every question the actions answer is counted by topic, language, channel and day, without its text."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from api.questions.models import QuestionCount
from tests.conftest import INTERNAL


def counts(session, channel: str) -> dict[tuple[str, str, str], int]:
    session.expire_all()
    rows = session.scalars(select(QuestionCount).where(QuestionCount.channel == channel))
    return {(r.topic, r.language, r.kind): r.count for r in rows}


def test_answered_and_unanswered_questions_are_counted(client, session):
    channel = f"t{uuid.uuid4().hex[:8]}"
    asked = [
        {"intent": "childcare_price", "language": "ar"},
        {"intent": "childcare_find_place", "language": "ar"},
        {"intent": "out_of_scope", "language": "fr",
         "ranking": [{"name": "out_of_scope", "confidence": 0.6}, {"name": "housing_energy", "confidence": 0.3}]},
        {"intent": "greet", "language": "fr"},
    ]
    for body in asked:
        assert client.post("/internal/answers", json={**body, "channel": channel}, headers=INTERNAL).status_code == 200
    client.post("/internal/answers", json={"intent": "uitpas_get"}, headers=INTERNAL)

    assert counts(session, channel) == {("childcare", "ar", "answered"): 2, ("housing", "fr", "unanswered"): 1}
    day = session.scalar(select(QuestionCount.day).where(QuestionCount.channel == channel).limit(1))
    assert day == dt.datetime.now(dt.timezone.utc).date()
    assert not hasattr(QuestionCount, "text")
