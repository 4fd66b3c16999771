"""Each intent gets its answer, services and follow-ups; unclear questions get honest suggestions."""

from __future__ import annotations

import pytest

from api.answers.plan import plan_answer
from api.answers.topics import topic_of_intent

TOPIC_INTENTS = [
    intent for intent, topic in topic_of_intent().items()
    if topic in {"childcare", "uitpas", "housing", "school_costs", "food", "money_debt", "health", "parenting"}
]


@pytest.mark.parametrize("intent", TOPIC_INTENTS)
def test_a_topic_answer_shows_services_and_follow_ups(session, intent):
    plan = plan_answer(session, intent=intent, ranking=[])
    names = [r.name for r in plan.responses]

    assert names[0] == f"utter_{intent}"
    assert plan.services, f"no service for {intent}"
    assert plan.responses[-1].name == "utter_service_cards"
    assert plan.responses[-1].arguments == {"slugs": plan.services, "buttons_from": f"utter_{intent}"}
    assert plan.answered


@pytest.mark.parametrize("intent", ["emergency_urgent", "emergency_violence", "emergency_suicide"])
def test_an_emergency_starts_with_the_helpline(session, intent):
    plan = plan_answer(session, intent=intent, ranking=[])

    assert plan.responses[0].name == f"utter_{intent}"
    assert all(slug.startswith("helpline-") for slug in plan.services)
    assert plan.responses[-1].arguments["topics"] == ["callback"]


def test_out_of_scope_suggests_the_likeliest_topics_and_a_call_back(session):
    ranking = [
        {"name": "out_of_scope", "confidence": 0.5},
        {"name": "housing_energy", "confidence": 0.3},
        {"name": "housing_wait", "confidence": 0.1},
        {"name": "school_trips", "confidence": 0.1},
    ]
    plan = plan_answer(session, intent="out_of_scope", ranking=ranking)

    assert plan.topic == "out_of_scope" and not plan.answered
    assert plan.responses[0].arguments["topics"] == ["housing", "school_costs", "callback"]


def test_a_low_confidence_message_is_asked_again(session):
    plan = plan_answer(session, intent="nlu_fallback", ranking=[{"name": "nlu_fallback", "confidence": 0.45}])

    assert plan.responses[0].name == "utter_please_rephrase"
    assert not plan.answered


def test_choosing_a_language_confirms_it(session):
    chosen = plan_answer(session, intent="choose_language", ranking=[], entities={"language": "ar"})
    asked = plan_answer(session, intent="choose_language", ranking=[])

    assert chosen.responses[0].name == "utter_language_changed"
    assert asked.responses[0].name == "utter_choose_language"


def test_a_plausible_emergency_puts_its_helpline_before_the_answer(session):
    ranking = [{"name": "housing_eviction", "confidence": 0.6}, {"name": "emergency_violence", "confidence": 0.2}]

    plan = plan_answer(session, intent="housing_eviction", ranking=ranking)

    assert (plan.intent, plan.alarm) == ("housing_eviction", "emergency_violence")
    assert [r.name for r in plan.responses[:2]] == ["utter_emergency_violence", "utter_housing_eviction"]


def test_an_unlikely_emergency_raises_no_alarm(session):
    ranking = [{"name": "uitpas_get", "confidence": 0.9}, {"name": "emergency_urgent", "confidence": 0.01}]

    assert plan_answer(session, intent="uitpas_get", ranking=ranking).alarm is None


def test_an_out_of_scope_question_needs_a_stronger_emergency_signal(session):
    weak = [{"name": "out_of_scope", "confidence": 0.7}, {"name": "emergency_urgent", "confidence": 0.2}]
    strong = [{"name": "out_of_scope", "confidence": 0.5}, {"name": "emergency_urgent", "confidence": 0.35}]

    assert plan_answer(session, intent="out_of_scope", ranking=weak).alarm is None
    assert plan_answer(session, intent="out_of_scope", ranking=strong).alarm == "emergency_urgent"


def test_a_danger_word_puts_the_helpline_first_when_the_model_misses_it(session):
    ranking = [{"name": "school_homework", "confidence": 0.8}]
    plan = plan_answer(session, intent="school_homework", ranking=ranking, text="mijn kind ademt niet meer")
    assert plan.alarm == "emergency_urgent"
    assert plan.responses[0].name == "utter_emergency_urgent"
