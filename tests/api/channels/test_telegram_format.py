"""Telegram's formats: inline keyboards, payloads over 64 bytes through the short-id map, the share-number button."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, ReplyKeyboardMarkup

from api.channels.links import parse_start, start_intent, start_payload
from api.channels.payloads import expand
from api.channels.telegram.render import after_press, render
from api.questions.rating import rating_buttons


def test_buttons_become_an_inline_keyboard_with_one_button_per_row(session):
    message = {"text": "Waarmee kan ik helpen?", "buttons": [{"title": "UiTPAS", "payload": "/uitpas_what"},
                                                              {"title": "Wonen", "payload": "/housing_register"}]}

    rendered, = render(session, message)
    assert isinstance(rendered.reply_markup, InlineKeyboardMarkup)
    assert [[b.callback_data for b in row] for row in rendered.reply_markup.inline_keyboard] == [
        ["/uitpas_what"], ["/housing_register"]]


def test_payloads_over_64_bytes_travel_as_short_ids_that_survive_in_the_database(session):
    long_payload = '/feedback{"helpful": "no", "intent": "housing_private_rental", "x": "ééééé"}'
    assert len(long_payload.encode()) > 64

    rendered, = render(session, {"text": "Was dit nuttig?", "buttons": [{"title": "👎", "payload": long_payload}]})
    data = rendered.reply_markup.inline_keyboard[0][0].callback_data
    assert len(data.encode()) <= 64
    assert expand(session, data) == long_payload
    assert expand(session, "~unknown") is None


def test_the_share_number_button_asks_for_the_contact():
    rendered, = render(None, {"text": "Op welk nummer?", "buttons": [{"title": "Deel mijn nummer",
                                                                     "payload": "share_phone"}]})
    assert isinstance(rendered.reply_markup, ReplyKeyboardMarkup)
    assert rendered.reply_markup.keyboard[0][0].request_contact is True


def test_long_answers_are_split_under_telegrams_limit():
    parts = render(None, {"text": "Een zin. " * 1000, "buttons": [{"title": "Ja", "payload": "yes"}]})
    assert len(parts) == 3 and all(len(p.text) <= 4096 for p in parts)
    assert parts[0].reply_markup is None and parts[-1].reply_markup is not None


def test_start_payloads_name_a_question_a_topic_or_a_referral():
    assert start_intent(parse_start(start_payload("school_trips", "tr"))) == "school_trips"
    assert start_intent(parse_start("housing")) == "housing_register"
    assert parse_start("ref-AB12CD").referral == "AB12CD"
    assert parse_start("../etc/passwd") is None
    assert start_intent(parse_start("no_such_thing")) is None


def test_a_rating_takes_away_the_rating_buttons_only_and_any_other_button_the_whole_keyboard(session):
    buttons = [{"title": "UiTPAS", "payload": "/uitpas_get"}, *rating_buttons("uitpas_what", "nl")]
    markup = render(session, {"text": "UiTPAS is …", "buttons": buttons})[0].reply_markup
    rated = buttons[-1]["payload"]

    left = after_press(markup, rated)
    assert [[b.callback_data for b in row] for row in left.inline_keyboard] == [["/uitpas_get"]]
    assert after_press(markup, "/uitpas_get") is None
    assert after_press(None, rated) is None
