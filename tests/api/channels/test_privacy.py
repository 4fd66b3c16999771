"""Privacy on the channels: forget me everywhere, retention of contacts, STOP words, channel secrets refused."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from pydantic import ValidationError
from sqlalchemy import create_engine, func, select, text

from api.callbacks.models import CallbackRequest
from api.callbacks.service import create_request
from api.channels.cleanup import purge_channel_data
from api.channels.commands import is_stop
from api.channels.contacts import opt_out, remember, within_window
from api.channels.models import Contact
from api.privacy.forget import forget_sender
from api.questions.models import LoggedQuestion
from api.settings import DEVELOPMENT_SECRET, Settings, get_settings


def _tracker_events(sender: str, count: int) -> None:
    tracker = create_engine(get_settings().tracker_database_url)
    with tracker.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                                "type_name TEXT, timestamp FLOAT, data TEXT)"))
        for _ in range(count):
            connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) "
                                    "VALUES (:s, 'user', 1, '{\"text\": \"mijn vraag\"}')"), {"s": sender})


def test_forget_deletes_everything_about_one_parent_and_nothing_about_others(session):
    parent, other = f"whatsapp:{uuid.uuid4().hex}", f"whatsapp:{uuid.uuid4().hex}"
    for sender in (parent, other):
        _tracker_events(sender, 3)
        remember(session, sender_id=sender, channel="whatsapp", address="32470000000")
        session.add(LoggedQuestion(text="vraag", language="nl", channel="whatsapp", intent="out_of_scope",
                                   confidence=0.5, ranking=[], answer="utter_out_of_scope", sender_id=sender))
        create_request(session, idempotency_key=str(uuid.uuid4()), sender_id=sender, channel="whatsapp",
                       phone="+32470123456", preferred_time="morning", language="nl", note="mijn zoon",
                       questions=[{"text": "waar vind ik opvang", "intent": "childcare_find_place"}])
    session.commit()

    forgotten = forget_sender(session, parent)

    assert (forgotten.messages, forgotten.contacts, forgotten.callbacks, forgotten.questions) == (3, 1, 1, 1)
    assert session.get(Contact, parent) is None and session.get(Contact, other) is not None
    request = session.scalar(select(CallbackRequest).where(CallbackRequest.events.any(action="forgotten")))
    assert (request.sender_id, request.phone, request.note, request.summary, request.status) == (
        None, None, None, {}, "withdrawn")
    assert session.scalar(select(func.count()).select_from(LoggedQuestion).where(LoggedQuestion.sender_id == parent)) == 0
    assert session.scalar(select(func.count()).select_from(LoggedQuestion).where(LoggedQuestion.sender_id == other)) == 1
    assert request.idempotency_key == f"anonymised:{request.reference}"
    with create_engine(get_settings().tracker_database_url).connect() as connection:
        counts = dict(connection.execute(text("SELECT sender_id, count(*) FROM events WHERE sender_id IN (:a, :b) "
                                              "GROUP BY sender_id"), {"a": parent, "b": other}).all())
    assert counts == {other: 3}


def test_contacts_of_parents_gone_quiet_are_deleted(session):
    sender = f"telegram:{uuid.uuid4().hex}"
    remember(session, sender_id=sender, channel="telegram", address="42")
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=get_settings().conversation_retention_days + 1)

    assert purge_channel_data(session, now=later) >= 1
    assert session.get(Contact, sender) is None


def test_the_window_and_opting_out_follow_the_parents_last_message(session):
    sender = f"whatsapp:{uuid.uuid4().hex}"
    contact = remember(session, sender_id=sender, channel="whatsapp", address="3247")
    assert within_window(contact)
    assert not within_window(contact, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=25))

    opt_out(session, sender_id=sender)
    assert session.get(Contact, sender).opted_out_at is not None
    remember(session, sender_id=sender, channel="whatsapp", address="3247")
    assert session.get(Contact, sender).opted_out_at is None


@pytest.mark.parametrize("message", ["STOP", "stop", "Stop!", "/stop", "arrête", "STOPPEN", "توقف", "dur", "DURDUR"])
def test_stop_words_in_five_languages(message):
    assert is_stop(message)


@pytest.mark.parametrize("message", ["stop met roken", "bus stop", "duren", "ik wil stoppen met school"])
def test_sentences_with_stop_are_ordinary_messages(message):
    assert not is_stop(message)


def test_a_channel_without_its_secret_does_not_start():
    with pytest.raises(ValidationError, match="WHATSAPP_APP_SECRET"):
        Settings(whatsapp_access_token="token", whatsapp_verify_token="v", whatsapp_phone_number_id="1")
    with pytest.raises(ValidationError, match="TELEGRAM_WEBHOOK_SECRET"):
        Settings(telegram_bot_token="1:x", telegram_webhook_url="https://wegwijs.example/webhooks/telegram")


def test_development_secrets_are_refused_in_production():
    secrets = {"rasa_token": "r" * 32, "internal_token": "i" * 32, "sender_secret": "s" * 32}
    with pytest.raises(ValidationError, match="WHATSAPP_APP_SECRET"):
        Settings(environment="production", **secrets, whatsapp_access_token="token",
                 whatsapp_app_secret=DEVELOPMENT_SECRET, whatsapp_verify_token="v" * 20, whatsapp_phone_number_id="1")
    assert Settings(environment="production", **secrets).environment == "production"
