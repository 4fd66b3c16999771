"""Faults in the production topology: each is survived with a kind message, then the service recovers."""

from __future__ import annotations

import time

import httpx

from api.i18n import ERRORS, gettext
from tests.integration.parents import Parent, callback_requests

KIND = {language: gettext(ERRORS["unavailable"], language) for language in ("nl", "en")}


def kind_refusal(reply: httpx.Response, language: str = "en") -> bool:
    """Says whether a reply is the polite 'try again in a moment' in the parent's language."""
    return reply.status_code == 503 and reply.json() == {"error": "unavailable", "message": KIND[language]}


def until_answered(parent: Parent, language: str = "en", seconds: float = 60, **message) -> list[dict]:
    """Sends a message again, as a parent would, until it is answered; every refusal on the way must be kind."""
    deadline = time.monotonic() + seconds
    while True:
        reply = parent.send(**message)
        if reply.status_code == 200:
            return reply.json()["messages"]
        assert kind_refusal(reply, language), reply.text
        assert time.monotonic() < deadline, "no recovery"
        time.sleep(1)


def fill_callback_form(parent: Parent, phone: str) -> list[dict]:
    """Goes through the call-back form up to the consent question."""
    parent.say("can someone call me back please")
    parent.say(phone)
    parent.say(payload="afternoon")
    parent.say(payload="en")
    return parent.say(payload="skip")


def test_a_postgresql_restart_is_met_kindly_and_loses_no_call_back(topology):
    earlier = Parent(topology)
    fill_callback_form(earlier, "0470 10 20 30")
    earlier.say(payload="yes")
    parent = Parent(topology)
    consent = fill_callback_form(parent, "0470 40 50 60")
    assert "+32470405060" in consent[-1]["text"]
    before = {r.reference for r in callback_requests(topology)}

    topology.postgres.stop()
    try:
        assert kind_refusal(parent.send(payload="yes"))
        # Without a message id the api lets it through to rasa, which must not answer from an empty conversation.
        assert kind_refusal(parent.client.post("/api/chat/messages", json={"payload": "yes", "language": "en"}))
        assert httpx.get(f"{topology.api_url}/ready", timeout=10).status_code == 503
    finally:
        topology.postgres.start()
    confirmed = until_answered(parent, payload="yes")

    after = callback_requests(topology)
    assert before <= {r.reference for r in after}
    stored = [r for r in after if r.phone == "+32470405060"]
    assert len(stored) == 1 and stored[0].reference in confirmed[-1]["text"]
    assert httpx.get(f"{topology.api_url}/ready", timeout=10).status_code == 200


def test_redis_down_stops_conversations_kindly_until_it_is_back(topology):
    parent = Parent(topology, language="nl")
    parent.say("hallo")

    topology.redis.stop()
    try:
        assert kind_refusal(parent.send("waar vind ik kinderopvang"), "nl")
    finally:
        topology.redis.start()
    answer = until_answered(parent, "nl", text="waar vind ik kinderopvang")

    assert answer[-1]["buttons"]


def test_the_action_server_down_is_met_kindly_then_answers_again(topology):
    parent = Parent(topology)
    parent.say("hello")

    topology.stop("actions")
    try:
        assert kind_refusal(parent.send("how do i get an uitpas"))
    finally:
        topology.start_actions()
        topology.wait_ready(names=["actions"])
    answer = until_answered(parent, text="how do i get an uitpas")

    assert answer[-1]["buttons"]
