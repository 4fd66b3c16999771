"""What to answer to an intent: response names with arguments, and the services to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from api.answers.safety import emergency_alarm
from api.answers.topics import FALLBACK_INTENT, MAIN_INTENT, topic_for
from api.catalogue.service import services_for_intent

SMALLTALK_RESPONSES = {
    "greet": "utter_greet",
    "thanks": "utter_thanks",
    "goodbye": "utter_goodbye",
    "bot_capabilities": "utter_bot_capabilities",
    "privacy_question": "utter_privacy_question",
    "choose_language": "utter_choose_language",
    "affirm": "utter_anything_else",
    "deny": "utter_anything_else",
    "cancel": "utter_anything_else",
}
EXTRA_RESPONSES = {"housing_register": ["utter_housing_income_limits"]}
MAX_SUGGESTIONS = 2


@dataclass
class Response:
    """One response to render: its name and arguments."""

    name: str
    arguments: dict = field(default_factory=dict)


@dataclass
class AnswerPlan:
    """The responses for one user message, and the services they show."""

    intent: str
    topic: str
    responses: list[Response]
    services: list[str]
    answered: bool
    alarm: str | None = None


def plan_answer(session: Session, *, intent: str, ranking: list[dict], entities: dict | None = None,
                rated: bool = False, text: str = "") -> AnswerPlan:
    """Plans the answer to a classified message; a plausible emergency puts its helpline first.

    In a conversation (rated), a topic answer ends with 👍/👎 buttons (api/questions/rating.py).
    """
    plan = _plan(session, intent=intent, ranking=ranking, entities=entities)
    if rated and plan.topic in MAIN_INTENT:
        plan.responses[-1].arguments["rate_intent"] = intent
    alarm = emergency_alarm(ranking, text)
    if alarm and plan.topic != "emergency":
        plan.responses.insert(0, Response(f"utter_{alarm}"))
        plan.alarm = alarm
    return plan


def _plan(session: Session, *, intent: str, ranking: list[dict], entities: dict | None) -> AnswerPlan:
    """Plans the answer to the classified intent."""
    topic = topic_for(intent)
    if intent == "choose_language" and (entities or {}).get("language"):
        return AnswerPlan(intent, topic, [Response("utter_language_changed")], [], answered=True)
    if intent in SMALLTALK_RESPONSES:
        return AnswerPlan(intent, topic, [Response(SMALLTALK_RESPONSES[intent])], [], answered=True)
    if intent == FALLBACK_INTENT or topic == "out_of_scope":
        return _plan_not_understood(intent, ranking)
    if topic == "callback":
        return AnswerPlan(intent, topic, [Response("utter_callback_request")], [], answered=True)
    services = [s.slug for s in services_for_intent(session, intent=intent)]
    # The follow-up buttons travel with the last message, the service cards, so every answer costs two renders.
    follow_ups = {"topics": ["callback"]} if topic == "emergency" else {"buttons_from": f"utter_{intent}"}
    responses = [Response(f"utter_{intent}", {"without_buttons": True} if services else {})]
    responses += [Response(name) for name in EXTRA_RESPONSES.get(intent, [])]
    if services:
        responses.append(Response("utter_service_cards", {"slugs": services, **follow_ups}))
    return AnswerPlan(intent, topic, responses, services, answered=True)


def _plan_not_understood(intent: str, ranking: list[dict]) -> AnswerPlan:
    """Plans the honest answer to a question outside what Wegwijs knows, with suggested topics."""
    suggestions: list[str] = []
    for candidate in ranking:
        topic = topic_for(candidate.get("name"))
        if topic in MAIN_INTENT and topic not in suggestions and candidate.get("confidence", 0) >= 0.1:
            suggestions.append(topic)
        if len(suggestions) == MAX_SUGGESTIONS:
            break
    name = "utter_please_rephrase" if intent == FALLBACK_INTENT else "utter_out_of_scope"
    topics = (suggestions or ["childcare", "housing"]) + ["callback"]
    return AnswerPlan(intent, "out_of_scope", [Response(name, {"topics": topics})], [], answered=False)
