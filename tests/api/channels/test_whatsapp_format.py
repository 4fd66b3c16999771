"""WhatsApp's formats: signatures over raw bytes, webhook bodies read, answers rendered within the platform's limits."""

from __future__ import annotations

import json

import pytest

from api.channels.pipeline import NON_TEXT
from api.channels.whatsapp.inbound import MalformedWebhook, read
from api.channels.whatsapp.render import render
from api.channels.whatsapp.signature import is_valid, sign
from tests.fakes.whatsapp_graph import button_reply, list_reply, media, notification, status, text


def test_the_signature_is_checked_over_the_exact_bytes():
    raw = json.dumps({"text": "çocuğum"}, ensure_ascii=True).encode()
    header = sign(raw, "secret")

    assert is_valid(raw, header, "secret")
    assert not is_valid(json.dumps({"text": "çocuğum"}, ensure_ascii=False).encode(), header, "secret")
    assert not is_valid(raw, header, "other-secret")
    assert not is_valid(raw, None, "secret")
    assert not is_valid(raw, header.removeprefix("sha256="), "secret")
    assert not is_valid(raw, header, "")


def test_a_batch_is_read_in_order_with_every_kind_of_message():
    body = notification(
        text("3247", "hallo", "w1"), button_reply("3247", "/uitpas_what", "UiTPAS", "w2"),
        list_reply("3248", "morning", "Morning", "w3"), media("3248", "audio", "w4"),
        button_reply("3248", "use_my_number", "This number", "w5"),
        {"from": "3248", "id": "w6", "timestamp": "1", "type": "reaction", "reaction": {"emoji": "👍"}},
        statuses=[status("wamid.OUT9", "failed", "3247", error_code=131047)],
    )
    messages, statuses = read(body)

    assert [(m.message_id, m.text, m.payload, m.kind) for m in messages] == [
        ("w1", "hallo", None, "text"), ("w2", "", "/uitpas_what", "text"), ("w3", "", "morning", "text"),
        ("w4", "", None, NON_TEXT), ("w5", "+3248", None, "text"),
    ]
    assert [(s.message_id, s.status, s.error_code) for s in statuses] == [("wamid.OUT9", "failed", 131047)]


def test_a_deep_link_message_asks_its_question_in_its_language():
    messages, _ = read(notification(text("3247", "START uitpas_kansentarief-ar", "w1")))

    assert (messages[0].payload, messages[0].language_prior) == ("/uitpas_kansentarief", "ar")


@pytest.mark.parametrize("body", [[], {"entry": 5}, {"entry": [{"changes": [{"value": {"messages": [{}]}}]}]},
                                  {"entry": [{"changes": [{"value": {"statuses": [{"id": "x"}]}}]}]}])
def test_malformed_bodies_are_refused(body):
    with pytest.raises(MalformedWebhook):
        read(body)


def test_up_to_three_short_buttons_become_reply_buttons():
    message = {"text": "Akkoord?", "buttons": [{"title": "Ja", "payload": "yes"}, {"title": "Nee", "payload": "no"}]}

    rendered, = render(message)
    assert rendered["interactive"]["type"] == "button"
    assert [b["reply"] for b in rendered["interactive"]["action"]["buttons"]] == [
        {"id": "yes", "title": "Ja"}, {"id": "no", "title": "Nee"}]


def test_long_titles_or_more_buttons_become_lists_within_the_limits():
    buttons = [{"title": f"Een heel lange keuze nummer {i} met uitleg", "payload": f"/choice_{i}"} for i in range(12)]

    first, second = render({"text": "Kies een onderwerp uit de lijst hieronder.", "buttons": buttons})
    rows = first["interactive"]["action"]["sections"][0]["rows"]
    assert first["interactive"]["type"] == "list" and len(rows) == 10
    assert len(second["interactive"]["action"]["sections"][0]["rows"]) == 2
    assert all(len(r["title"]) <= 24 and len(r["description"]) <= 72 for r in rows)
    assert first["interactive"]["action"]["button"] == "Kies"


def test_long_texts_are_split_and_plain_texts_stay_plain():
    long_text = ("Dit is een zin van een lang antwoord. " * 200).strip()

    parts = render({"text": long_text, "buttons": []})
    assert len(parts) == 2 and all(len(p["text"]["body"]) <= 4096 for p in parts)
    with_buttons = render({"text": long_text[:3000], "buttons": [{"title": "Ja", "payload": "yes"}]})
    assert with_buttons[0]["type"] == "text" and len(with_buttons[-1]["interactive"]["body"]["text"]) <= 1024
