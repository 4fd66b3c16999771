"""Renders a response by name in a language: translated text, filled placeholders, translated buttons."""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from api.answers.topics import MAIN_INTENT
from api.catalogue.models import Fact, Service
from api.catalogue.service import facts_by_key, shown_service
from api.catalogue.snapshot import catalogue_snapshot
from api.i18n import CARD_LABELS, TIME_LABELS, TOPIC_LABELS, format_amount, format_day, gettext
from api.nlg.domain import responses
from api.questions.rating import rating_buttons
from api.settings import get_settings

PHONE_PREFIX = "phone_"
QUOTED_SETTINGS = {"conversation_retention_days", "phone_retention_days"}


class UnknownResponse(KeyError):
    """A response name that bot/responses/ does not declare."""


@dataclass
class Rendered:
    """A message ready for a channel: text and buttons."""

    text: str
    buttons: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        """Returns the message in Rasa's NLG reply format."""
        return {"text": self.text, "buttons": self.buttons}


def render(session: Session, *, name: str, arguments: dict, language: str, slots: dict | None = None) -> Rendered:
    """Renders a response in a language; placeholders come from the arguments, the slots, facts and settings."""
    if name == "utter_service_cards":
        shown = catalogue_snapshot(session).by_slug  # one look at the catalogue for all the cards
        cards = "\n\n".join(_render_card(shown.get(slug), slug=slug, language=language) for slug in arguments["slugs"])
        return Rendered(cards, _buttons(None, arguments, language))
    source = responses().get(name)
    if source is None:
        raise UnknownResponse(name)
    values = {**_slot_values(slots or {}, language), **arguments}
    text, facts = _fill(session, gettext(source.text, language), values, language)
    if facts:
        text += "\n" + _facts_line(facts, language)
    return Rendered(text, _buttons(source, arguments, language))


def _slot_values(slots: dict, language: str) -> dict:
    """Returns the slot values an answer may quote, with codes turned into words of the language."""
    values = {k: v for k, v in slots.items() if isinstance(v, str)}
    if slots.get("callback_time") in TIME_LABELS:
        values["callback_time_label"] = gettext(TIME_LABELS[slots["callback_time"]], language)
    return values


def _fill(session: Session, text: str, arguments: dict, language: str) -> tuple[str, list[Fact]]:
    """Fills the placeholders of a translated text; returns the text and the facts it quotes."""
    names = {field for _, field, _, _ in string.Formatter().parse(text) if field}
    if not names:
        return text, []
    facts = facts_by_key(session)
    values: dict[str, str] = {}
    used: list[Fact] = []
    for placeholder in names:
        if placeholder in arguments and placeholder.endswith("_date"):
            values[placeholder] = format_day(dt.date.fromisoformat(arguments[placeholder]), language)
        elif placeholder in arguments:
            values[placeholder] = str(arguments[placeholder])
        elif placeholder in facts:
            fact = facts[placeholder]
            values[placeholder] = format_amount(fact.value, fact.unit, language)
            used.append(fact)
        elif placeholder in QUOTED_SETTINGS:
            values[placeholder] = str(getattr(get_settings(), placeholder))
        elif placeholder.startswith(PHONE_PREFIX):
            service = shown_service(session, slug=placeholder[len(PHONE_PREFIX):].replace("_", "-"))
            if service is None or not service.phone:
                raise KeyError(placeholder)
            values[placeholder] = service.phone
        else:
            raise KeyError(placeholder)
    return text.format(**values), used


def _facts_line(facts: list[Fact], language: str) -> str:
    """Says when the quoted amounts were checked, for which period, and where they come from."""
    lines = []
    for source in dict.fromkeys(f.source for f in facts):
        group = [f for f in facts if f.source == source]
        lines.append(gettext(CARD_LABELS["facts_checked"], language).format(
            date=format_day(min(f.checked_on for f in group), language),
            source=source,
        ))
    return "\n".join(lines)


def _buttons(source, arguments: dict, language: str) -> list[dict]:
    """Returns the buttons of a response, with 👍/👎 under a topic answer."""
    buttons = _response_buttons(source, arguments, language)
    if arguments.get("rate_intent"):
        buttons += rating_buttons(arguments["rate_intent"], language)
    return buttons


def _response_buttons(source, arguments: dict, language: str) -> list[dict]:
    """Translates the buttons of a response, or builds them from its arguments."""
    if arguments.get("without_buttons"):
        return []
    if "topics" in arguments:
        return [
            {"title": gettext(TOPIC_LABELS[t], language), "payload": f"/{MAIN_INTENT.get(t, 'callback_request')}"}
            for t in arguments["topics"]
        ]
    if "buttons_from" in arguments:
        source = responses()[arguments["buttons_from"]]
    if source is None:
        return []
    buttons = [{"title": gettext(title, language), "payload": payload} for title, payload in source.buttons]
    if source.name == "utter_ask_callback_language":
        # The team's languages are a setting; the conversation's own language comes first.
        spoken = get_settings().callback_languages
        buttons = sorted((b for b in buttons if b["payload"] in spoken), key=lambda b: b["payload"] != language)
    return buttons


def _render_card(service: Service | None, *, slug: str, language: str) -> str:
    """Renders a service from the catalogue: name, summary, how to reach it, and when it was checked."""
    if service is None:
        raise UnknownResponse(f"service {slug}")
    lines = [service.name[language], service.summary[language]]
    contact = {
        "phone": service.phone,
        "email": service.email,
        "url": service.url,
        "address": service.address,
        "opening_hours": (service.opening_hours or {}).get(language),
    }
    for key, value in contact.items():
        if value:
            lines.append(gettext(CARD_LABELS[key], language).format(**{key: value}))
    if not any(contact.values()):
        lines.append(gettext(CARD_LABELS["no_contact"], language))
    lines.append(gettext(CARD_LABELS["checked_on"], language).format(date=format_day(service.checked_on, language)))
    return "\n".join(lines)
