"""Retention deletes old conversations, question texts and phone numbers, keeps what is recent, and keeps counts."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import create_engine, func, select, text

from api.callbacks.service import change_state, create_request
from api.questions.models import LoggedQuestion, QuestionCount, QuestionGroup
from api.questions.service import count_question
from api.retention import apply_retention
from api.settings import get_settings


def test_old_data_is_deleted_and_recent_data_kept(session):
    now = dt.datetime.now(dt.timezone.utc)
    later = now + dt.timedelta(days=31)
    tracker = create_engine(get_settings().tracker_database_url)
    with tracker.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                                "type_name TEXT, timestamp FLOAT, data TEXT)"))
        connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp) VALUES "
                                "('web:old', 'user', :old), ('web:new', 'user', :new)"),
                           {"old": (later - dt.timedelta(days=40)).timestamp(),
                            "new": (later - dt.timedelta(days=1)).timestamp()})
    group = QuestionGroup(label="oude vragen")
    old = LoggedQuestion(text="oud", language="nl", channel="web", intent="out_of_scope", confidence=0.9,
                         ranking=[], answer="utter_out_of_scope", created_at=now - dt.timedelta(days=400),
                         sender_id="web:old", group=group)
    recent = LoggedQuestion(text="recent", language="nl", channel="web", intent="out_of_scope", confidence=0.9,
                            ranking=[], answer="utter_out_of_scope", created_at=now - dt.timedelta(days=20),
                            sender_id="web:recent")
    session.add_all([old, recent])
    session.commit()
    count_question(session, topic="out_of_scope", language="nl", channel="web", kind="unanswered",
                   day=(now - dt.timedelta(days=400)).date())
    counts_before = session.scalar(select(func.sum(QuestionCount.count)))
    request, _ = create_request(session, idempotency_key=str(uuid.uuid4()), sender_id=None, channel="desk",
                                phone="+32470123456", preferred_time="morning", language="nl", note=None, questions=[])
    change_state(session, request, action="close", actor="els", version=1)

    purged = apply_retention(session, now=later)

    with tracker.connect() as connection:
        senders = [row[0] for row in connection.execute(text("SELECT sender_id FROM events"))]
    assert "web:old" not in senders and "web:new" in senders
    assert session.get(LoggedQuestion, old.id) is None
    assert session.scalar(select(func.sum(QuestionCount.count))) == counts_before
    assert session.get(QuestionGroup, group.id) is None
    session.refresh(recent)
    assert recent.text == "recent" and recent.sender_id is None, "the conversation link outlives the conversation"
    assert request.phone is None
    assert purged.conversation_events >= 1 and purged.questions >= 1 and purged.phone_numbers >= 1
