"""👍/👎 buttons come under topic answers only, and a rating finds the question its answer was for."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.answers.plan import plan_answer
from api.channels.pipeline import BUTTON_PAYLOAD
from api.nlg.render import render
from api.questions.feedback import rated_question
from api.questions.models import QuestionCount
from api.questions.rating import Rating, parse_rating


def rendered_buttons(session, intent: str, language: str) -> list[dict]:
    plan = plan_answer(session, intent=intent, ranking=[], rated=True)
    return [b for r in plan.responses
            for b in render(session, name=r.name, arguments=r.arguments, language=language).buttons]


@pytest.mark.parametrize("language", ["nl", "fr", "en", "ar", "tr"])
def test_a_topic_answer_ends_with_thumbs_up_and_down(session, language):
    buttons = rendered_buttons(session, "school_trips", language)

    assert [b["payload"] for b in buttons[-2:]] == ['/feedback{"helpful":"yes","intent":"school_trips"}',
                                                    '/feedback{"helpful":"no","intent":"school_trips"}']
    assert buttons[-2]["title"].startswith("👍") and buttons[-1]["title"].startswith("👎")
    assert all(BUTTON_PAYLOAD.match(b["payload"]) for b in buttons)


@pytest.mark.parametrize("intent", ["emergency_violence", "greet", "out_of_scope", "callback_request"])
def test_other_answers_are_not_rated(session, intent):
    assert not any(b["payload"].startswith("/feedback") for b in rendered_buttons(session, intent, "nl"))


def test_the_stateless_front_desk_answer_is_not_rated(session):
    plan = plan_answer(session, intent="school_trips", ranking=[])

    assert not any("rate_intent" in r.arguments for r in plan.responses)


def test_only_well_formed_ratings_are_read():
    assert parse_rating('/feedback{"helpful":"no","intent":"housing_wait"}') == Rating(False, "housing_wait")
    assert parse_rating('/feedback{"helpful": "yes", "intent": "uitpas_get"}') == Rating(True, "uitpas_get")
    assert parse_rating('/feedback{"helpful":"maybe","intent":"uitpas_get"}') is None
    assert parse_rating('/feedback{"helpful":"no","intent":"x"}"') is None
    assert parse_rating("/uitpas_get") is None


def test_the_rated_question_is_the_latest_typed_message_of_that_intent():
    def user(text, intent):
        return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": 0.7}}}

    tracker = {"events": [
        user("hoeveel kost de skiklas", "school_trips"),
        {"event": "bot", "text": "..."},
        user("/school_trips", "school_trips"),
        user("en de zeeklas dan, dat is ook zo duur", "school_trips"),
        user("hallo", "greet"),
    ]}

    assert rated_question(tracker, "school_trips")["text"] == "en de zeeklas dan, dat is ook zo duur"
    assert rated_question(tracker, "uitpas_get") == {}


def test_a_rating_is_counted_and_thanked_even_while_rasa_is_down(client, session):
    def helpful() -> int:
        session.expire_all()
        return session.scalar(select(QuestionCount.count).where(
            QuestionCount.topic == "uitpas", QuestionCount.language == "tr", QuestionCount.kind == "helpful")) or 0

    before = helpful()
    reply = client.post("/api/chat/messages", json={
        "payload": '/feedback{"helpful":"yes","intent":"uitpas_get"}', "language": "tr", "message_id": "rating-1"})

    assert reply.status_code == 200
    assert reply.json()["messages"][0]["text"] == render(session, name="utter_feedback_helpful", arguments={},
                                                         language="tr").text
    assert helpful() == before + 1
