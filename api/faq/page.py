"""What the desk pages show: the chat's answer in Dutch and in the parent's language, with services and follow-ups."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from api.ask.service import Answer, answer
from api.catalogue.schemas import ServiceOut
from api.faq.questions import COMMON_QUESTIONS
from api.i18n import CARD_LABELS, TOPIC_LABELS, format_day, gettext
from api.staff.views import LANGUAGE_NAMES, STAFF_LANGUAGE

CALLBACK_INTENT = "callback_request"
SERVICE_CARDS = "utter_service_cards"


@dataclass
class Card:
    """A service as the desk shows it: name, summary, contact lines and when it was checked."""

    slug: str
    name: str
    summary: str
    contact: list[str]
    checked: str


@dataclass
class FollowUp:
    """A follow-up question of the answer, as a link on the desk page."""

    title: str
    href: str


@dataclass
class Column:
    """The answer in one language, as the desk page shows it."""

    language: str
    direction: str
    topic_label: str
    question: str
    answer: Answer
    cards: list[Card] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The language's own name."""
        return LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def texts(self) -> list[str]:
        """The answer's messages, without the service cards the page shows as cards."""
        return [m.text for name, m in zip(self.answer.responses, self.answer.messages) if name != SERVICE_CARDS]


def direction(language: str) -> str:
    """Returns the writing direction of a language."""
    return "rtl" if language == "ar" else "ltr"


def page_languages(language: str) -> list[str]:
    """Returns the languages shown side by side: Dutch for the staff, then the parent's."""
    return list(dict.fromkeys([STAFF_LANGUAGE, language]))


def isolated(value: str) -> str:
    """Isolates a value's writing direction, so "053 72 36 54" is not read backwards inside Arabic text."""
    return f"\u2068{value}\u2069"


def card(service: ServiceOut, language: str) -> Card:
    """Builds the card of a service in a language, with the chat's labels."""
    values = {"phone": service.phone, "email": service.email, "url": service.url, "address": service.address,
              "opening_hours": service.opening_hours}
    contact = [gettext(CARD_LABELS[key], language).format(**{key: isolated(value)})
               for key, value in values.items() if value]
    if not contact:
        contact = [gettext(CARD_LABELS["no_contact"], language)]
    checked = gettext(CARD_LABELS["checked_on"], language).format(date=format_day(service.checked_on, language))
    return Card(service.slug, service.name, service.summary, contact, checked)


def follow_up_href(payload: str, parent_language: str) -> str | None:
    """Turns a button payload into a desk link: another answer, or the call-back form; None for other buttons."""
    intent = payload.removeprefix("/").split("{", 1)[0]
    query = urlencode({"intent": intent, "language": parent_language})
    if intent == CALLBACK_INTENT:
        return f"/staff/faq/callback?{query}"
    if intent in COMMON_QUESTIONS:
        return f"/staff/faq?{query}"
    return None


def column(session: Session, *, intent: str, language: str, parent_language: str, ranking: list[dict] | None = None,
           entities: dict | None = None, text: str = "") -> Column:
    """Answers an intent in one language as the chat does, and lays it out for the desk."""
    found = answer(session, intent=intent, language=language, ranking=ranking, entities=entities, text=text)
    follow_ups = [
        FollowUp(button["title"], href)
        for message in found.messages for button in message.buttons
        if (href := follow_up_href(button["payload"], parent_language))
    ]
    return Column(
        language=language,
        direction=direction(language),
        topic_label=gettext(TOPIC_LABELS[found.topic], language) if found.topic in TOPIC_LABELS else "",
        question=gettext(COMMON_QUESTIONS[intent], language) if intent in COMMON_QUESTIONS else "",
        answer=found,
        cards=[card(s, language) for s in found.services],
        follow_ups=follow_ups,
    )


def columns(session: Session, *, intent: str, language: str, ranking: list[dict] | None = None,
            entities: dict | None = None, text: str = "") -> list[Column]:
    """Answers an intent in Dutch and in the parent's language."""
    return [column(session, intent=intent, language=shown, parent_language=language, ranking=ranking,
                   entities=entities, text=text) for shown in page_languages(language)]
