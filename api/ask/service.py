"""One stateless question: understood with Rasa's NLU, answered with the chat's plan and rendering."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from api.answers.plan import plan_answer
from api.catalogue.schemas import ServiceOut
from api.catalogue.service import shown_service
from api.channels.pipeline import clean
from api.channels.rasa import RasaClient
from api.i18n import ERRORS, gettext
from api.languages import guess
from api.nlg.render import Rendered, render
from api.settings import get_settings


class QuestionRefused(ValueError):
    """A question that cannot be answered as typed (empty or too long), explained in its language."""


@dataclass
class Understood:
    """What the NLU made of a question: its language, intent, confidence, ranking and entities."""

    text: str
    language: str
    intent: str
    confidence: float
    ranking: list[dict] = field(default_factory=list)
    entities: dict[str, str] = field(default_factory=dict)


@dataclass
class Answer:
    """The chat's answer to an intent in one language: topic, messages and the services shown."""

    language: str
    intent: str
    topic: str
    responses: list[str]
    messages: list[Rendered]
    services: list[ServiceOut]


def question_language(text: str, language: str | None) -> str:
    """Returns the chosen language, else the detected one, else the default."""
    return language or guess(text).language or get_settings().default_language


async def understand(rasa: RasaClient, *, text: str, language: str | None) -> Understood:
    """Cleans a question, finds its language and classifies it; raises QuestionRefused or RasaUnavailable."""
    settings = get_settings()
    text = clean(text)
    language = question_language(text, language)
    if not text:
        raise QuestionRefused(gettext(ERRORS["empty"], language))
    if len(text) > settings.max_message_chars:
        raise QuestionRefused(gettext(ERRORS["too_long"], language).format(limit=settings.max_message_chars))
    parsed = await rasa.parse(text)
    return Understood(
        text=text,
        language=language,
        intent=parsed["intent"]["name"],
        confidence=round(parsed["intent"]["confidence"], 4),
        ranking=parsed.get("intent_ranking", []),
        entities={e["entity"]: e["value"] for e in parsed.get("entities", [])},
    )


def answer(session: Session, *, intent: str, language: str, ranking: list[dict] | None = None,
           entities: dict | None = None, text: str = "") -> Answer:
    """Plans the answer to an intent as the chat does and renders it in a language."""
    plan = plan_answer(session, intent=intent, ranking=ranking or [], entities=entities, text=text)
    messages = [render(session, name=r.name, arguments=r.arguments, language=language) for r in plan.responses]
    services = [s for s in (shown_service(session, slug=slug) for slug in plan.services) if s is not None]
    return Answer(language=language, intent=intent, topic=plan.topic, responses=[r.name for r in plan.responses],
                  messages=messages, services=[ServiceOut.of(s, language) for s in services])
