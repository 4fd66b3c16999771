"""The web chat answers bad input kindly, in JSON, and never with a 500."""

from __future__ import annotations

import pytest


def post(client, **body):
    return client.post("/api/chat/messages", json=body)


def test_the_chat_page_is_served_with_its_script(client):
    page = client.get("/chat?lang=ar")

    assert page.status_code == 200
    assert 'dir="rtl"' in page.text and "/static/chat.js" in page.text
    assert "<script>" not in page.text


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u0000"])
def test_an_empty_message_gets_a_kind_error(client, text):
    reply = post(client, text=text, language="fr")

    assert reply.status_code == 422
    assert reply.json()["error"] == "empty"
    assert reply.json()["message"]


def test_a_huge_message_gets_a_kind_error(client):
    reply = post(client, text="a" * 10_000, language="en")

    assert reply.status_code == 422
    assert reply.json()["error"] == "too_long"
    assert "2000" in reply.json()["message"]


def test_a_body_beyond_the_transport_limit_is_refused_without_echo(client):
    reply = post(client, text="a" * 50_000)

    assert reply.status_code == 422
    assert reply.json() == {"error": "invalid_request", "fields": ["text"]}


def test_a_forged_button_payload_is_refused(client):
    reply = post(client, payload='/choose_language{"language": "xx"}{"evil": 1}')

    assert reply.status_code == 422


def test_malformed_json_is_a_4xx(client):
    reply = client.post("/api/chat/messages", content=b"{not json", headers={"Content-Type": "application/json"})

    assert reply.status_code == 422


def test_rasa_down_gives_a_polite_503(client):
    reply = post(client, text="ik zoek kinderopvang voor mijn zoon", message_id="m-503")

    assert reply.status_code == 503
    assert reply.json()["error"] == "unavailable"


def test_a_duplicate_message_is_processed_once(client):
    post(client, text="", message_id="dup-1")
    again = post(client, text="hallo", message_id="dup-1")

    assert again.status_code == 200
    assert again.json() == {"messages": [], "duplicate": True}


def test_a_flood_from_one_sender_is_slowed_down(client):
    statuses = [post(client, text="", message_id=f"flood-{i}").status_code for i in range(40)]

    assert 429 in statuses
    assert 500 not in statuses


def test_pages_forbid_inline_scripts_and_framing(client):
    headers = client.get("/chat").headers

    policy = headers["content-security-policy"]
    assert policy.startswith("default-src 'self'") and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"


def test_a_message_that_failed_because_rasa_was_down_can_be_sent_again(client):
    first = post(client, text="ik zoek kinderopvang voor mijn zoon", message_id="retry-1")
    again = post(client, text="ik zoek kinderopvang voor mijn zoon", message_id="retry-1")

    assert first.status_code == 503
    assert again.status_code == 503 and again.json()["error"] == "unavailable"
