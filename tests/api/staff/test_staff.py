"""Staff pages and the call-back API: log-in with lock-out, roles, CSRF, and the inbox actions."""

from __future__ import annotations

import re
import uuid

import pytest

from api.callbacks.service import create_request
from api.staff.auth import create_user

PASSWORD = "correct horse battery staple"


@pytest.fixture
def user(session):
    def make(role: str) -> str:
        name = f"{role}-{uuid.uuid4().hex[:6]}"
        create_user(session, username=name, password=PASSWORD, role=role)
        return name
    return make


@pytest.fixture
def request_ref(session) -> str:
    request, _ = create_request(
        session, idempotency_key=str(uuid.uuid4()), sender_id="web:x", channel="web", phone="+32470123456",
        preferred_time="morning", language="ar", note="أعمل صباحا", questions=[{"text": "uitpas?", "intent": "uitpas_get"}],
    )
    return request.reference


def log_in(client, username: str, password: str = PASSWORD):
    return client.post("/staff/login", data={"username": username, "password": password}, follow_redirects=False)


def csrf_of(client, path: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)


def test_anonymous_visitors_are_sent_to_the_log_in(client):
    reply = client.get("/staff/callbacks", follow_redirects=False)

    assert reply.status_code == 303 and reply.headers["location"].startswith("/staff/login")
    assert client.get("/api/callbacks").status_code == 401


def test_a_trusted_person_logs_in_and_sees_the_request(client, user, request_ref):
    reply = log_in(client, user("trusted_person"))
    cookie = reply.headers["set-cookie"]

    assert reply.status_code == 303 and "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    page = client.get("/staff/callbacks").text
    assert request_ref in page and "العربية" in page
    detail = client.get(f"/staff/callbacks/{request_ref}").text
    assert "+32470123456" in detail and 'dir="auto"' in detail


def test_a_front_desk_user_cannot_see_call_back_details(client, user, request_ref):
    log_in(client, user("frontdesk"))

    assert client.get(f"/staff/callbacks/{request_ref}").status_code == 403
    assert client.get("/api/callbacks").status_code == 403


def test_repeated_wrong_passwords_lock_the_account(client, user):
    name = user("coordinator")
    for _ in range(5):
        log_in(client, name, "wrong password!!")

    reply = log_in(client, name)

    assert "failed=1" in reply.headers["location"]


def test_a_form_without_the_csrf_token_is_rejected(client, user, request_ref):
    log_in(client, user("trusted_person"))

    reply = client.post(f"/staff/callbacks/{request_ref}", data={"action": "claim", "version": 1, "csrf": "forged"})

    assert reply.status_code == 403


def test_claim_attempt_and_close_through_the_inbox(client, user, request_ref):
    name = user("trusted_person")
    log_in(client, name)
    path = f"/staff/callbacks/{request_ref}"

    for version, action in enumerate(["claim", "no_answer", "reached"], start=1):
        reply = client.post(path, data={"action": action, "version": version, "csrf": csrf_of(client, path),
                                        "note": "voicemail" if action == "no_answer" else ""})
        assert reply.status_code == 200

    page = client.get(path).text
    assert "done" in page and f"{name} · no_answer · " in page


def test_a_stale_form_is_explained(client, user, request_ref):
    log_in(client, user("trusted_person"))
    path = f"/staff/callbacks/{request_ref}"
    token = csrf_of(client, path)
    client.post(path, data={"action": "claim", "version": 1, "csrf": token})

    reply = client.post(path, data={"action": "close", "version": 1, "csrf": token}, follow_redirects=False)

    assert reply.headers["location"].endswith("error=stale")


def test_the_api_creates_with_consent_and_changes_with_the_version(client, user):
    log_in(client, user("coordinator"))
    token = csrf_of(client, "/staff/callbacks")
    headers = {"X-CSRF-Token": token}
    body = {"phone": "0470 99 88 77", "preferred_time": "afternoon", "language": "tr", "consent_recorded": True,
            "idempotency_key": "desk-1"}

    created = client.post("/api/callbacks", json=body, headers=headers)
    again = client.post("/api/callbacks", json=body, headers=headers)
    refused = client.post("/api/callbacks", json={**body, "consent_recorded": False, "idempotency_key": "desk-2"},
                          headers=headers)

    assert created.status_code == 201 and created.json()["phone"] == "+32470998877"
    assert again.json()["reference"] == created.json()["reference"]
    assert refused.status_code == 422
    reference = created.json()["reference"]
    claimed = client.patch(f"/api/callbacks/{reference}", json={"action": "claim", "version": 1}, headers=headers)
    stale = client.patch(f"/api/callbacks/{reference}", json={"action": "close", "version": 1}, headers=headers)
    assert claimed.status_code == 200 and stale.status_code == 409
    assert client.patch(f"/api/callbacks/{reference}", json={"action": "close", "version": 2}).status_code == 403
