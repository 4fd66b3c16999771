"""GDPR access: admins download everything kept about one parent; parents get a summary with /export."""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import create_engine, text

from api.callbacks.service import create_request
from api.channels.contacts import remember
from api.channels.outbound import send_to_parent
from api.channels.senders import sender_id
from api.questions.service import log_question
from api.settings import get_settings
from api.staff.auth import create_user

PASSWORD = "a long admin password"


@pytest.fixture
def parent(session) -> str:
    """A WhatsApp parent with a conversation, a contact, a call-back request, a logged question and a follow-up."""
    sender = f"whatsapp:{uuid.uuid4().hex}"
    with create_engine(get_settings().tracker_database_url).begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                                "type_name TEXT, timestamp FLOAT, data TEXT)"))
        connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES "
                                "(:s, 'user', :now, '{\"text\": \"waar vind ik opvang\"}')"),
                           {"s": sender, "now": time.time()})
    remember(session, sender_id=sender, channel="whatsapp", address="32470555111")
    create_request(session, idempotency_key=str(uuid.uuid4()), sender_id=sender, channel="whatsapp",
                   phone="+32470555111", preferred_time="morning", language="nl", note="na vijf uur",
                   questions=[{"text": "waar vind ik opvang", "intent": "childcare_find_place"}])
    log_question(session, text="wie wint de match", language="nl", channel="whatsapp", intent="out_of_scope",
                 confidence=0.9, ranking=[], answer="utter_out_of_scope", sender_id=sender)
    send_to_parent(session, sender_id=sender, channel="whatsapp", response="utter_callback_follow_up_closed",
                   arguments={"reference": "WW-AAAAA"}, language="nl")
    session.commit()
    return sender


def staff(client, session, role: str):
    name = f"{role}-{uuid.uuid4().hex[:6]}"
    create_user(session, username=name, password=PASSWORD, role=role)
    client.post("/staff/login", data={"username": name, "password": PASSWORD}, follow_redirects=False)
    return client


def test_an_admin_downloads_everything_about_one_parent(client, session, parent):
    reply = staff(client, session, "admin").get("/api/privacy/export", params={"sender": parent})

    assert reply.status_code == 200
    assert reply.headers["content-disposition"] == f'attachment; filename="wegwijs-export-{parent[9:21]}.json"'
    data = reply.json()
    assert data["sender"] == parent
    assert [e["text"] for e in data["conversation"]] == ["waar vind ik opvang"]
    assert data["contact"]["address"] == "32470555111"
    (request,) = data["callbacks"]
    assert (request["phone"], request["note"], request["history"][0]["action"]) == ("+32470555111", "na vijf uur",
                                                                                   "created")
    assert [q["text"] for q in data["questions"]] == ["wie wint de match"]
    assert data["outbound_messages"][0]["arguments"] == {"reference": "WW-AAAAA"}


def test_the_export_by_call_back_reference_is_the_same_parent(client, session, parent):
    admin = staff(client, session, "admin")
    reference = admin.get("/api/privacy/export", params={"sender": parent}).json()["callbacks"][0]["reference"]

    assert admin.get("/api/privacy/export", params={"reference": reference}).json()["sender"] == parent
    assert admin.get("/api/privacy/export", params={"reference": "WW-22222"}).status_code == 404


@pytest.mark.parametrize("params", [{"sender": "../../etc/passwd"}, {"sender": "web:..%2F..%2Fetc"},
                                    {"reference": "WW-../.."}, {}, {"sender": f"web:{'a' * 32}", "reference": "WW-AAAAA"}])
def test_malformed_or_ambiguous_requests_are_refused(client, session, params):
    assert staff(client, session, "admin").get("/api/privacy/export", params=params).status_code == 422


def test_only_admins_may_export(client, session, parent):
    assert client.get("/api/privacy/export", params={"sender": parent}).status_code == 401
    assert staff(client, session, "coordinator").get("/api/privacy/export", params={"sender": parent}).status_code == 403


def test_a_parent_asks_what_is_kept_and_gets_a_summary(client, session):
    first = client.post("/api/chat/messages", json={"text": "", "payload": "/export", "language": "fr"})
    sender = sender_id("web", client.cookies["wegwijs_web"])
    remember(session, sender_id=sender, channel="web", address="-")
    log_question(session, text="une question", language="fr", channel="web", intent="out_of_scope", confidence=0.9,
                 ranking=[], answer="utter_out_of_scope", sender_id=sender)

    second = client.post("/api/chat/messages", json={"text": "", "payload": "/export", "language": "fr"})

    assert first.status_code == second.status_code == 200
    (message,) = second.json()["messages"]
    assert message["text"].startswith("Voici ce que Wegwijs garde sur vous")
    assert "coordonnées : 1" in message["text"] and "questions enregistrées : 1" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/forget"]
