"""The signals report's numbers match the database for a seeded period, next to the previous period."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid

from sqlalchemy import func, select

from api.callbacks.models import CallbackEvent
from api.callbacks.service import change_state, create_request
from api.questions.grouping import group_new_questions
from api.questions.models import LoggedQuestion, QuestionCount
from api.questions.report import build_report, previous_period, report_csv
from api.questions.service import count_question, log_question
from api.staff.auth import create_user

# A period no other test writes in.
START, END = dt.date(2024, 3, 1), dt.date(2024, 3, 31)
UTC = dt.timezone.utc


def at(day: int, month: int = 3, hour: int = 10) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, tzinfo=UTC)


def seed(session) -> None:
    """Counts, unanswered questions and call-backs in March 2024, and fewer in February."""
    for day, topic, language, kind, times in [
        (4, "childcare", "nl", "answered", 5), (11, "childcare", "ar", "answered", 3), (12, "housing", "fr", "answered", 4),
        (20, "out_of_scope", "nl", "unanswered", 2), (25, "school_costs", "tr", "unanswered", 1),
        (26, "childcare", "nl", "helpful", 6), (27, "housing", "fr", "not_helpful", 2),
    ]:
        for _ in range(times):
            count_question(session, topic=topic, language=language, channel="web", kind=kind, day=dt.date(2024, 3, day))
    for _ in range(4):
        count_question(session, topic="childcare", language="nl", channel="web", kind="answered", day=dt.date(2024, 2, 10))
    count_question(session, topic="childcare", language="nl", channel="web", kind="helpful", day=dt.date(2024, 2, 11))
    for month, day, text, language in [(3, 5, "hoe laat gaat het zwembad van Aalst open", "nl"),
                                       (3, 6, "wanneer is het zwembad van Aalst open", "nl"),
                                       (3, 7, "zwembad Aalst openingsuren vandaag", "nl"),
                                       (2, 8, "hoe laat is het zwembad in Aalst open", "nl")]:
        question = log_question(session, text=text, language=language, channel="web", intent="out_of_scope",
                                confidence=0.9, ranking=[], answer="utter_out_of_scope", sender_id=None)
        question.created_at = at(day, month)
    session.commit()
    for hours_later, outcome in [(5, "reached"), (29, "no_answer"), (None, None)]:
        request, _ = create_request(session, idempotency_key=str(uuid.uuid4()), sender_id=None, channel="web",
                                    phone="+32470123456", preferred_time="morning", language="nl", note=None,
                                    questions=[])
        request.created_at = at(14)
        session.commit()
        if outcome:
            change_state(session, request, action="claim", actor="els", version=1)
            change_state(session, request, action=outcome, actor="els", version=2)
            session.execute(CallbackEvent.__table__.update().where(CallbackEvent.request_id == request.id,
                                                                   CallbackEvent.action == outcome)
                            .values(at=at(14) + dt.timedelta(hours=hours_later)))
            session.commit()


def test_a_month_is_compared_with_the_month_before():
    assert previous_period(START, END) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert previous_period(dt.date(2024, 3, 10), dt.date(2024, 3, 16)) == (dt.date(2024, 3, 3), dt.date(2024, 3, 9))


def test_the_report_matches_the_database(session, client):
    seed(session)
    group_new_questions(session)

    report = build_report(session, start=START, end=END)

    in_march = (QuestionCount.day >= START, QuestionCount.day <= END)
    asked = session.scalar(select(func.sum(QuestionCount.count)).where(
        *in_march, QuestionCount.kind.in_(("answered", "unanswered"))))
    assert report.questions.current == asked == 15 and report.questions.previous == 4
    assert report.unanswered.current == 3 and report.unanswered_share.current == 20.0
    assert report.questions.change == 275.0
    assert {t: c.current for t, c in report.by_topic.items()} == {"childcare": 8, "housing": 4, "out_of_scope": 2,
                                                                  "school_costs": 1}
    assert list(report.by_topic)[0] == "childcare" and report.by_topic["childcare"].previous == 4
    assert {lang: c.current for lang, c in report.by_language.items()} == {"nl": 7, "fr": 4, "ar": 3, "tr": 1}
    assert (report.ratings["helpful"].current, report.ratings["not_helpful"].current) == (6, 2)
    assert report.ratings["helpful_share"].current == 75.0 and report.ratings["helpful_share"].previous == 100.0
    march_questions = session.scalar(select(func.count(LoggedQuestion.id)).where(
        LoggedQuestion.created_at >= at(1), LoggedQuestion.created_at < at(1, 4)))
    assert sum(t.count.current for t in report.themes) == march_questions == 3
    pool = next(t for t in report.themes if t.count.current == 3)
    assert pool.count.previous == 1 and pool.languages == ["nl"] and len(pool.examples) == 3
    figures = {name: (c.current, c.previous) for name, c in report.callbacks.items()}
    assert figures == {"requests": (3, 0), "called": (2, 0), "done": (1, 0), "unreachable": (0, 0),
                       "withdrawn": (0, 0), "hours_to_first_call": (17.0, 0.0)}

    rows = {(r["section"], r["item"]): r for r in csv.DictReader(io.StringIO(report_csv(report)))}
    assert rows[("questions", "all")]["2024-03-01..2024-03-31"] == "15"
    assert rows[("questions", "all")]["change_percent"] == "275.0"
    assert rows[("callbacks", "hours_to_first_call")]["2024-03-01..2024-03-31"] == "17.0"


def test_the_report_page_and_csv_name_no_person(session, client):
    name = f"coordinator-{uuid.uuid4().hex[:6]}"
    create_user(session, username=name, password="correct horse battery staple", role="coordinator")
    client.post("/staff/login", data={"username": name, "password": "correct horse battery staple"})

    page = client.get("/staff/questions/report", params={"month": "2024-03"})
    download = client.get("/staff/questions/report.csv", params={"month": "2024-03"})

    assert page.status_code == 200 and download.status_code == 200
    article = page.text.split('<article class="report">')[1]
    assert "2024-03-01 – 2024-03-31" in article and "2024-02-01 – 2024-02-29" in article
    assert "els" not in re.findall(r"\w+", article) and "els" not in download.text
    assert 'href="/static/report.css"' in page.text
