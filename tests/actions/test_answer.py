"""action_answer sends the planned responses by name, introduces Wegwijs once and logs what it cannot answer."""

from __future__ import annotations

import asyncio

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.answer import ActionAnswer
from api.questions.models import LoggedQuestion
from tests.actions.trackers import tracker_for


def run(tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswer().run(dispatcher, tracker, {}))
    return [m["response"] for m in dispatcher.messages], dispatcher.messages, events


def test_the_first_answer_introduces_wegwijs_once_in_the_parents_language():
    tracker = tracker_for("childcare_price", metadata={"language_hint": "fr", "language_reliable": True})
    names, messages, events = run(tracker)

    assert names[:2] == ["utter_intro", "utter_childcare_price"]
    assert names[-1] == "utter_service_cards"
    assert all(m["language"] == "fr" for m in messages)
    assert events == [{"event": "slot", "timestamp": None, "name": "language", "value": "fr"},
                      {"event": "slot", "timestamp": None, "name": "introduced", "value": True}]


def test_later_answers_do_not_repeat_the_introduction():
    names, _, events = run(tracker_for("uitpas_kansentarief", slots={"introduced": True, "language": "nl"}))

    assert names[0] == "utter_uitpas_kansentarief"
    assert events == []


def test_an_emergency_comes_before_the_introduction():
    names, messages, _ = run(tracker_for("emergency_violence"))

    assert names[0] == "utter_emergency_violence"
    assert names[-1] == "utter_intro"
    assert "helpline-1712" in next(m["slugs"] for m in messages if m["response"] == "utter_service_cards")


def test_danger_words_the_model_missed_still_put_the_helpline_first():
    tracker = tracker_for("school_homework", text="mijn zoon is bewusteloos", slots={"introduced": True, "language": "nl"})
    names, _, _ = run(tracker)

    assert names[0] == "utter_emergency_urgent"
    assert "utter_school_homework" in names


def test_an_out_of_scope_question_is_logged_scrubbed(session):
    text = "what is the weather in Ostend, my number is 0470 12 34 56"
    ranking = [{"name": "out_of_scope", "confidence": 0.8}, {"name": "housing_energy", "confidence": 0.1}]
    names, messages, _ = run(tracker_for("out_of_scope", text=text, ranking=ranking, slots={"introduced": True, "language": "en"}))

    assert names == ["utter_out_of_scope"]
    assert messages[0]["topics"] == ["housing", "callback"]
    logged = session.scalars(select(LoggedQuestion).order_by(LoggedQuestion.id.desc())).first()
    assert logged.text == "what is the weather in Ostend, my number is [phone]"
    assert (logged.language, logged.channel, logged.intent) == ("en", "web", "out_of_scope")
    assert logged.ranking[0] == {"name": "out_of_scope", "confidence": 0.8}
