"""The question review pages: roles, CSRF, filters and search, statuses, notes, group labels, exports."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
import yaml
from sqlalchemy import select

from api.questions.grouping import group_new_questions
from api.questions.models import LoggedQuestion, QuestionGroup
from api.questions.service import log_question
from api.staff.auth import create_user
from tests.api.staff.test_staff import PASSWORD, csrf_of
from tests.api.staff.test_staff import log_in as staff_log_in



@pytest.fixture
def log_in(session, client):
    """Logs in a new user with a role; returns the CSRF token of the review page (empty for other roles)."""
    def enter(role: str) -> str:
        name = f"{role}-{uuid.uuid4().hex[:6]}"
        create_user(session, username=name, password=PASSWORD, role=role)
        staff_log_in(client, name)
        return csrf_of(client, "/staff/questions?channel=none") if role in ("coordinator", "admin") else ""
    return enter


@pytest.fixture
def channel() -> str:
    """A channel name of this test's own, so that filters see only its questions."""
    return f"t{uuid.uuid4().hex[:8]}"


def logged(session, channel: str, text: str, *, language: str = "nl", intent: str = "out_of_scope") -> LoggedQuestion:
    return log_question(session, text=text, language=language, channel=channel, intent=intent, confidence=0.8,
                        ranking=[{"name": intent, "confidence": 0.8}], answer="utter_out_of_scope", sender_id=None)


def test_anonymous_visitors_are_sent_to_the_log_in(client):
    reply = client.get("/staff/questions", follow_redirects=False)

    assert reply.status_code == 303 and reply.headers["location"].startswith("/staff/login")


@pytest.mark.parametrize("role", ["trusted_person", "frontdesk"])
@pytest.mark.parametrize("path", ["/staff/questions", "/staff/questions/report", "/staff/questions/export.csv",
                                  "/staff/questions/charts/topics.svg", "/staff/questions/report.csv"])
def test_only_coordinators_and_admins_see_the_review(client, log_in, role, path):
    log_in(role)

    assert client.get(path).status_code == 403


def test_an_admin_sees_the_review(client, log_in):
    log_in("admin")

    assert client.get("/staff/questions").status_code == 200


def test_every_form_needs_the_csrf_token(client, log_in, session, channel):
    log_in("coordinator")
    question = logged(session, channel, "waar kan ik parkeren bij het zwembad")
    group_new_questions(session)
    session.refresh(question)

    forged = [
        client.post("/staff/questions/bulk", data={"csrf": "forged", "ids": [question.id], "action": "status",
                                                   "status": "dismissed"}),
        client.post(f"/staff/questions/{question.id}", data={"csrf": "forged", "status": "reviewed", "note": "x"}),
        client.post(f"/staff/questions/groups/{question.group_id}", data={"csrf": "forged", "label": "parkeren"}),
        client.post("/staff/questions/bulk", data={"ids": [question.id], "action": "export", "intent": "greet"}),
    ]

    assert [r.status_code for r in forged] == [403, 403, 403, 403]
    session.refresh(question)
    assert question.status == "new" and question.note is None and question.training_intent is None


def test_filters_and_search_narrow_the_list(client, log_in, session, channel):
    log_in("coordinator")
    logged(session, channel, "hoe laat gaat het zwembad open")
    logged(session, channel, "où se trouve la piscine", language="fr")
    logged(session, channel, "wat kost de bus naar Gent")

    by_search = client.get("/staff/questions", params={"channel": channel, "q": "ZWEMBAD"}).text
    by_language = client.get("/staff/questions", params={"channel": channel, "language": "fr"}).text

    assert "hoe laat gaat het zwembad open" in by_search and "bus naar Gent" not in by_search
    assert "où se trouve la piscine" in by_language and "zwembad" not in by_language.split("<h2>")[-1]


def test_a_status_and_a_note_are_saved(client, log_in, session, channel):
    token = log_in("coordinator")
    first, second = logged(session, channel, "vraag een"), logged(session, channel, "vraag twee")

    client.post("/staff/questions/bulk", data={"csrf": token, "ids": [first.id, second.id], "action": "status",
                                               "status": "answered_in_catalogue"})
    client.post(f"/staff/questions/{first.id}", data={"csrf": token, "status": "reviewed",
                                                      "note": "zie dienst Wonen, bel 0470 12 34 56"})

    session.expire_all()
    assert session.get(LoggedQuestion, first.id).status == "reviewed"
    assert session.get(LoggedQuestion, first.id).note == "zie dienst Wonen, bel [phone]"
    assert session.get(LoggedQuestion, second.id).status == "answered_in_catalogue"
    listed = client.get("/staff/questions", params={"channel": channel, "status": "reviewed", "q": "dienst"}).text
    assert "vraag een" in listed and "vraag twee" not in listed


def test_an_unknown_status_or_a_bad_date_is_refused_kindly(client, log_in, session, channel):
    token = log_in("coordinator")
    question = logged(session, channel, "vraag")

    bad_status = client.post("/staff/questions/bulk", data={"csrf": token, "ids": [question.id], "action": "status",
                                                            "status": "deleted"})
    bad_date = client.get("/staff/questions", params={"start": "gisteren"})
    bad_chart = client.get("/staff/questions/charts/pie.svg")
    bad_month = client.get("/staff/questions/report", params={"month": "2026-13"})

    assert (bad_status.status_code, bad_date.status_code, bad_chart.status_code, bad_month.status_code) == \
        (400, 400, 404, 400)
    assert "YYYY-MM-DD" in bad_date.json()["detail"]


def test_a_group_gets_a_label(client, log_in, session, channel):
    token = log_in("coordinator")
    question = logged(session, channel, "is er een speeltuin in de buurt van de Kapellekensbaan")
    group_new_questions(session)
    session.refresh(question)

    client.post(f"/staff/questions/groups/{question.group_id}", data={"csrf": token, "label": "Speeltuinen"})

    session.expire_all()
    assert session.get(QuestionGroup, question.group_id).label == "Speeltuinen"
    assert "Speeltuinen" in client.get("/staff/questions", params={"channel": channel}).text


def test_the_nlu_export_marks_questions_and_gives_training_data(client, log_in, session, channel):
    token = log_in("coordinator")
    questions = [logged(session, channel, "kan ik een [kinderopvang] vinden in Erembodegem"),
                 logged(session, channel, "opvang voor mijn baby in Nieuwerkerken")]

    reply = client.post("/staff/questions/bulk", data={"csrf": token, "ids": [q.id for q in questions],
                                                       "action": "export", "intent": "childcare_find_place"})

    assert reply.headers["content-disposition"] == 'attachment; filename="nl-childcare_find_place.yml"'
    data = yaml.safe_load(reply.text)
    assert data["nlu"][0]["intent"] == "childcare_find_place"
    assert data["nlu"][0]["examples"].splitlines() == ["- kan ik een kinderopvang vinden in Erembodegem",
                                                       "- opvang voor mijn baby in Nieuwerkerken"]
    session.expire_all()
    assert {(q.status, q.training_intent) for q in session.scalars(
        select(LoggedQuestion).where(LoggedQuestion.channel == channel))} == {("added_to_training", "childcare_find_place")}


def test_a_wrong_intent_name_is_explained(client, log_in, session, channel):
    token = log_in("coordinator")
    question = logged(session, channel, "vraag")

    reply = client.post("/staff/questions/bulk", data={"csrf": token, "ids": [question.id], "action": "export",
                                                       "new_intent": "Nieuwe Intent!"}, follow_redirects=False)

    assert reply.status_code == 303 and reply.headers["location"].endswith("done=bad_intent")


def test_the_csv_export_keeps_spreadsheets_safe(client, log_in, session, channel):
    log_in("coordinator")
    logged(session, channel, "=HYPERLINK(\"http://x\") kan ik hulp krijgen")
    logged(session, channel, "gewone vraag", language="tr")

    reply = client.get("/staff/questions/export.csv", params={"channel": channel, "status": ""})

    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert reply.headers["content-type"].startswith("text/csv")
    assert [r["text"] for r in rows] == ["'=HYPERLINK(\"http://x\") kan ik hulp krijgen", "gewone vraag"]
    assert rows[1]["language"] == "tr" and rows[0]["status"] == "new"
