"""Capture through the running processes: a fallback, an out-of-scope question and a 👎 land in the question log."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from api.nlg.render import render
from api.questions.models import LoggedQuestion, QuestionCount
from tests.e2e.stack import RASA_TOKEN
from tests.e2e.test_conversations import Parent

# Nonsense the model is unsure about; the first one it classifies as nlu_fallback is used.
NONSENSE = ["purple elephant dancing", "blorp fnarg wibble", "zzz qqq vvv", "lamp sky pencil"]
PASSWORD = "a long coordinator password"


def logged(stack) -> list[LoggedQuestion]:
    with Session(create_engine(f"sqlite:///{stack.data_dir / 'app.db'}")) as session:
        return list(session.scalars(select(LoggedQuestion).order_by(LoggedQuestion.id)))


def counted(stack) -> dict[tuple[str, str, str], int]:
    with Session(create_engine(f"sqlite:///{stack.data_dir / 'app.db'}")) as session:
        return {(c.topic, c.language, c.kind): c.count for c in session.scalars(select(QuestionCount))}


def fallback_text(stack) -> str:
    for text in NONSENSE:
        parsed = httpx.post(f"{stack.rasa_url}/model/parse", params={"token": RASA_TOKEN}, json={"text": text}).json()
        if parsed["intent"]["name"] == "nlu_fallback":
            return text
    raise AssertionError("the model is sure about every nonsense text")


def test_fallback_out_of_scope_and_thumbs_down_are_logged(stack, session):
    before = counted(stack)
    parent = Parent(stack, page_language="en")
    nonsense = fallback_text(stack)
    parent.say(nonsense)
    parent.say("who won the football match yesterday, my name is Peter Janssens")
    answer = parent.say("how much does the school trip cost, call me on 0470 12 34 56")

    ratings = [b for b in answer[-1]["buttons"] if b["payload"].startswith("/feedback")]
    assert [b["payload"] for b in ratings] == ['/feedback{"helpful":"yes","intent":"school_trips"}',
                                               '/feedback{"helpful":"no","intent":"school_trips"}']
    thanks = parent.say(payload=ratings[1]["payload"])
    assert thanks[0]["text"] == render(session, name="utter_feedback_not_helpful", arguments={}, language="en").text
    assert thanks[0]["buttons"][0]["payload"] == "/callback_request"
    parent.say(payload=ratings[1]["payload"])
    parent.say(payload=ratings[0]["payload"])

    sender = next(q.sender_id for q in logged(stack) if q.text.startswith("how much does the school trip cost"))
    questions = {q.reason: q for q in logged(stack) if q.sender_id == sender}
    assert questions["fallback"].text == nonsense and questions["fallback"].intent == "nlu_fallback"
    assert questions["out_of_scope"].text == "who won the football match yesterday, my name is [name]"
    assert questions["out_of_scope"].confidence > 0.5 and questions["out_of_scope"].ranking[0]["name"] == "out_of_scope"
    down = questions["not_helpful"]
    assert down.text == "how much does the school trip cost, call me on [phone]"
    assert (down.intent, down.answer, down.topic) == ("school_trips", "utter_school_trips", "school_costs")
    assert down.ranking[0]["name"] == "school_trips" and down.sender_id.startswith("web:")
    assert len([q for q in logged(stack) if q.sender_id == down.sender_id and q.reason == "not_helpful"]) == 1
    after = counted(stack)
    for key, added in [(("school_costs", "en", "answered"), 1), (("school_costs", "en", "not_helpful"), 2),
                       (("school_costs", "en", "helpful"), 1)]:
        assert after.get(key, 0) - before.get(key, 0) == added, key
    unanswered = [after[k] - before.get(k, 0) for k in after if k[1:] == ("en", "unanswered")]
    assert sum(unanswered) == 2

    tracker = httpx.get(f"{stack.rasa_url}/conversations/{down.sender_id}/tracker",
                        params={"token": RASA_TOKEN}).json()
    assert not any((e.get("text") or "").startswith("/feedback") for e in tracker["events"]), "a rating reached Rasa"

    stack.create_staff("noor", "coordinator", PASSWORD)
    staff = httpx.Client(base_url=stack.api_url, timeout=60)
    staff.post("/staff/login", data={"username": "noor", "password": PASSWORD})
    page = staff.get("/staff/questions", params={"reason": "not_helpful", "language": "en"}).text
    assert "how much does the school trip cost, call me on [phone]" in page
    conversation = staff.get(f"/staff/questions/{down.id}/conversation").text
    assert "0470" not in conversation and re.search(r"call me on \[phone\]", conversation)
    assert "who won the football match yesterday, my name is [name]" in conversation
