"""Hostile input, each rejected or neutralised: injections, script tags, big bodies, fixation, guessing, no token."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from api.questions.models import LoggedQuestion
from api.questions.service import log_question
from api.staff.auth import COOKIE, create_user

PASSWORD = "a long coordinator password"
HOSTILE_QUESTIONS = ["'; DROP TABLE logged_questions; --", "{{ 7*7 }} {% raw %}", "<script>alert('x')</script>",
                     "\" OR 1=1 --", "${7*7} #{7*7}"]


def coordinator(client, session) -> str:
    name = f"coordinator-{uuid.uuid4().hex[:6]}"
    create_user(session, username=name, password=PASSWORD, role="coordinator")
    return name


def test_injections_in_questions_are_stored_as_text_and_shown_escaped(client, session):
    marker = uuid.uuid4().hex[:8]
    for text in HOSTILE_QUESTIONS:
        log_question(session, text=f"{marker} {text}", language="en", channel="web", intent="out_of_scope",
                     confidence=0.9, ranking=[], answer="utter_out_of_scope", sender_id=None)
    client.post("/staff/login", data={"username": coordinator(client, session), "password": PASSWORD})

    page = client.get("/staff/questions", params={"q": marker}).text

    assert session.scalar(select(func.count()).select_from(LoggedQuestion).where(
        LoggedQuestion.text.startswith(marker))) == len(HOSTILE_QUESTIONS)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and " 49 " not in page


def test_an_oversized_body_is_refused_with_413(client):
    reply = client.post("/api/chat/messages", content=b'{"text": "' + b"a" * 70_000 + b'"}',
                        headers={"Content-Type": "application/json"})

    assert reply.status_code == 413 and reply.json()["error"] == "too_large"


def test_a_streamed_oversized_body_is_refused_too(client):
    def chunks():
        for _ in range(80):
            yield b"a" * 1024

    assert client.post("/api/ask", content=chunks(), headers={"Content-Type": "application/json"}).status_code == 413


def test_a_session_cookie_set_before_log_in_is_not_honoured(client, session):
    client.cookies.set(COOKIE, "chosen-by-the-attacker")
    name = coordinator(client, session)

    reply = client.post("/staff/login", data={"username": name, "password": PASSWORD}, follow_redirects=False)

    assert reply.status_code == 303 and "chosen-by-the-attacker" not in reply.headers["set-cookie"]
    client.cookies.clear()
    client.cookies.set(COOKIE, "chosen-by-the-attacker")
    assert client.get("/staff/questions", follow_redirects=False).status_code == 303


def test_guessing_passwords_from_one_address_is_slowed_down(client, session):
    name = coordinator(client, session)
    statuses = [client.post("/staff/login", data={"username": f"{name}-{i}", "password": "guess" * 3},
                            follow_redirects=False).status_code for i in range(125)]

    assert statuses[0] == 303 and statuses[-1] == 429


def test_new_cookies_do_not_escape_the_limit_per_address(client):
    statuses = []
    for _ in range(125):
        client.cookies.clear()
        statuses.append(client.post("/api/chat/messages", json={"text": ""}).status_code)

    assert 429 in statuses and statuses.index(429) >= 100


@pytest.mark.parametrize("path, body", [
    ("/nlg", {"response": "utter_intro", "arguments": {}, "tracker": {}, "channel": {}}),
    ("/internal/answers", {}), ("/internal/questions", {}), ("/internal/callbacks", {}),
    ("/internal/callbacks/phone", {"text": "0470123456"}), ("/internal/callbacks/withdraw", {"sender_id": "web:x"}),
])
def test_internal_endpoints_refuse_calls_without_the_token(client, path, body):
    assert client.post(path, json=body).status_code == 401
    assert client.post(path, json=body, headers={"X-Internal-Token": "guessed"}).status_code == 401
