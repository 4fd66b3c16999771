"""Every response renders in every language, with amounts, dates and buttons translated."""

from __future__ import annotations

import re

import pytest

from api.channels.pipeline import BUTTON_PAYLOAD
from api.i18n import format_amount
from api.nlg.domain import responses
from api.nlg.render import render
from api.settings import get_settings

LANGUAGES = get_settings().languages
PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")
# Responses that quote the conversation: their arguments and slots as the actions and the form fill them.
ARGUMENTS = {
    "utter_callback_confirmed": {"reference": "WW-ABCDE", "expected_date": "2026-12-03"},
    "utter_callback_withdrawn": {"references": "WW-ABCDE"},
    "utter_callback_follow_up_missed": {"reference": "WW-ABCDE"},
    "utter_callback_follow_up_unreachable": {"reference": "WW-ABCDE"},
    "utter_callback_follow_up_closed": {"reference": "WW-ABCDE"},
}
SLOTS = {"callback_phone": "+32470123456", "callback_time": "morning"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(responses()))
def test_every_response_renders_in_every_language(session, name, language):
    rendered = render(session, name=name, arguments=ARGUMENTS.get(name, {}), language=language, slots=SLOTS)

    assert rendered.text.strip()
    assert not PLACEHOLDER.search(rendered.text), rendered.text
    assert all(b["title"].strip() and BUTTON_PAYLOAD.match(b["payload"]) for b in rendered.buttons)
    if language != "en" and len(responses()[name].text.split()) > 3:
        assert rendered.text.split("\n")[0] != responses()[name].text, f"{name} is not translated into {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_stay_short(session, language):
    for name in responses():
        first = render(session, name=name, arguments=ARGUMENTS.get(name, {}), language=language,
                       slots=SLOTS).text.split("\n")[0]
        assert len(first.split()) <= 75, (name, language, len(first.split()))


def test_amounts_are_formatted_for_the_locale():
    assert format_amount(105, "EUR", "nl") == "€\xa0105"
    assert format_amount(1.97, "EUR_per_day", "fr") == "1,97\xa0€"
    assert format_amount(29515, "EUR", "en") == "29.515\xa0€"
    assert format_amount(25, "percent", "tr") == "%25"


def test_quoted_amounts_carry_their_check_date_and_source(session):
    rendered = render(session, name="utter_school_max_bill", arguments={}, language="fr")

    assert "105" in rendered.text
    assert "2026" in rendered.text and "http" in rendered.text


def test_service_cards_show_contact_and_check_date_with_the_follow_ups(session):
    rendered = render(session, name="utter_service_cards", language="tr",
                      arguments={"slugs": ["huis-van-het-kind-aalst", "helpline-1712"],
                                 "buttons_from": "utter_childcare_find_place"})

    first, second = rendered.text.split("\n\n")
    assert "053 72 36 54" in first and "2026" in first and "1712" in second
    assert rendered.buttons[0]["payload"] == "/childcare_price"


def test_an_answer_followed_by_cards_leaves_its_buttons_to_them(session):
    assert render(session, name="utter_childcare_find_place", arguments={"without_buttons": True}, language="nl").buttons == []


def test_buttons_are_translated(session):
    rendered = render(session, name="utter_childcare_find_place", arguments={}, language="nl")

    assert rendered.buttons[0]["payload"] == "/childcare_price"
    assert rendered.buttons[0]["title"] != "What does it cost?"


def test_topic_suggestions_become_buttons(session):
    rendered = render(
        session, name="utter_out_of_scope", arguments={"topics": ["housing", "callback"]}, language="ar"
    )

    assert [b["payload"] for b in rendered.buttons] == ["/housing_register", "/callback_request"]


def test_nlg_endpoint_renders_in_the_conversation_language(client):
    body = {
        "response": "utter_greet",
        "arguments": {},
        "tracker": {"slots": {"language": "tr"}, "latest_message": {"metadata": {"language_hint": "fr"}}},
        "channel": {"name": "collector"},
    }
    reply = client.post("/nlg", json=body, params={"token": "development-only-secret"}).json()

    assert reply["text"] != "Hello! What can I help you with?"
    assert len(reply["buttons"]) == 4


def test_nlg_endpoint_needs_the_internal_token(client):
    assert client.post("/nlg", json={"response": "utter_greet"}).status_code == 401


def test_the_consent_question_quotes_the_number_and_time_in_the_language(session):
    rendered = render(session, name="utter_ask_callback_consent", arguments={}, language="en", slots=SLOTS)

    assert "+32470123456" in rendered.text and "in the morning" in rendered.text
    assert [b["payload"] for b in rendered.buttons] == ["yes", "change_phone", "change_time", "no"]


def test_the_confirmation_formats_the_expected_date(session):
    rendered = render(session, name="utter_callback_confirmed", language="nl",
                      arguments={"reference": "WW-ABCDE", "expected_date": "2026-12-03"})

    assert "WW-ABCDE" in rendered.text and "3 december 2026" in rendered.text


def test_the_language_question_starts_with_the_conversation_language(session):
    rendered = render(session, name="utter_ask_callback_language", arguments={}, language="tr")

    assert rendered.buttons[0]["payload"] == "tr"
    assert len(rendered.buttons) == 5
