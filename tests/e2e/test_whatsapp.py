"""Parents on WhatsApp: verification, signatures, batches, duplicates, buttons and lists, statuses, STOP, forget."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import time

import httpx
import pytest

from api.channels.senders import message_key, sender_id
from tests.e2e.conftest import WHATSAPP_SECRET, WHATSAPP_VERIFY
from tests.fakes.whatsapp_graph import Meta, button_reply, list_reply, media, notification, status, text

_numbers = itertools.count(32470100001)


@pytest.fixture
def meta(stack):
    return Meta(stack.api_url, WHATSAPP_SECRET)


@pytest.fixture
def parent(stack, fake_graph, meta):
    """A new parent writing from their WhatsApp number."""
    return WhatsAppParent(stack, fake_graph, meta, str(next(_numbers)))


class WhatsAppParent:
    """Sends signed notifications as Meta would and reads what api sent to the fake Graph API."""

    def __init__(self, stack, fake, meta: Meta, number: str) -> None:
        self.stack, self.fake, self.meta, self.number = stack, fake, meta, number

    def say(self, body: str, expect: int = 1) -> list[dict]:
        return self.deliver(text(self.number, body, self.meta.message_id()), expect)

    def deliver(self, message: dict, expect: int = 1) -> list[dict]:
        before = len(self.fake.messages_to(self.number))
        assert self.meta.deliver(notification(message)).status_code == 200
        return self.settle(before + expect)[before:]

    def settle(self, count: int) -> list[dict]:
        """Waits for `count` messages to this parent, then until no more arrive for a moment."""
        return self.fake.settle(count, self.number)

    @property
    def sender(self) -> str:
        return sender_id("whatsapp", self.number)


def body_text(message: dict) -> str:
    if message["type"] == "text":
        return message["text"]["body"]
    if message["type"] == "template":
        return message["template"]["components"][0]["parameters"][0]["text"]
    return message["interactive"]["body"]["text"]


def choices(message: dict) -> list[tuple[str, str]]:
    """Returns (title, id) of reply buttons or list rows."""
    interactive = message.get("interactive") or {}
    if interactive.get("type") == "button":
        return [(b["reply"]["title"], b["reply"]["id"]) for b in interactive["action"]["buttons"]]
    if interactive.get("type") == "list":
        return [(r["title"], r["id"]) for s in interactive["action"]["sections"] for r in s["rows"]]
    return []


def test_verification_answers_the_challenge_only_with_the_right_token(stack):
    url = f"{stack.api_url}/webhooks/whatsapp"
    ok = httpx.get(url, params={"hub.mode": "subscribe", "hub.verify_token": WHATSAPP_VERIFY, "hub.challenge": "1158201444"})
    assert (ok.status_code, ok.text) == (200, "1158201444")
    wrong = httpx.get(url, params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"})
    assert wrong.status_code == 403


def test_unsigned_wrongly_signed_and_malformed_notifications_are_refused(parent, meta, fake_graph):
    message = notification(text(parent.number, "hallo", meta.message_id()))
    assert meta.deliver(message, signature=None).status_code == 403
    assert meta.deliver(message, signature="sha256=" + "0" * 64).status_code == 403
    raw = b'{"object": "whatsapp_business_account", "entry": '
    from api.channels.whatsapp.signature import sign
    broken = httpx.post(meta.url, content=raw, headers={"X-Hub-Signature-256": sign(raw, WHATSAPP_SECRET)})
    assert broken.status_code == 400
    not_a_notification = httpx.post(meta.url, content=b'{"entry": 5}',
                                    headers={"X-Hub-Signature-256": sign(b'{"entry": 5}', WHATSAPP_SECRET)})
    assert not_a_notification.status_code == 400
    time.sleep(2)
    assert fake_graph.messages_to(parent.number) == []


def test_an_english_conversation_with_a_list_and_reply_buttons(parent, fake_graph):
    greeting = parent.say("Hello!")
    assert "Wegwijs" in body_text(greeting[0])
    menu = greeting[-1]
    assert menu["interactive"]["type"] == "list"  # four topics: more than three buttons
    rows = dict(choices(menu))
    assert rows["UiTPAS"] == "/uitpas_what"
    assert menu["interactive"]["action"]["button"] == "Choose"

    answer = parent.deliver(list_reply(parent.number, rows["UiTPAS"], "UiTPAS", parent.meta.message_id()))
    assert "UiTPAS" in " ".join(body_text(m) for m in answer)
    assert fake_graph.read, "messages are marked as read"

    asked = parent.say("can someone call me back please")
    phone_question = asked[-1]
    assert f"+{parent.number}" in body_text(phone_question)
    (title, payload), = choices(phone_question)
    assert phone_question["interactive"]["type"] == "button" and len(title) <= 20
    time_question = parent.deliver(button_reply(parent.number, payload, title, parent.meta.message_id()))[-1]
    # "In the morning (9-12)" is 21 characters: too long for a reply button, so the three choices come as a list.
    assert time_question["interactive"]["type"] == "list"
    assert [payload for _, payload in choices(time_question)] == ["morning", "afternoon", "anytime"]
    assert all(len(title) <= 24 for title, _ in choices(time_question))


def test_a_turkish_conversation_switching_to_french_and_a_voice_note(parent):
    turkish = parent.say("Merhaba, çocuğum için kreş arıyorum, nasıl kayıt olabilirim?")
    assert any(w in " ".join(body_text(m) for m in turkish).lower() for w in ("kreş", "çocuk", "bakım"))
    french = parent.say("Bonjour, j'ai reçu une lettre d'expulsion de mon propriétaire, que faire ?")
    french_text = " ".join(body_text(m) for m in french).lower()
    assert any(w in french_text for w in ("expulsion", "propriétaire", "logement", "loyer"))
    voice = parent.deliver(media(parent.number, "audio", parent.meta.message_id()))
    assert body_text(voice[0]).startswith("Pour l'instant, je ne peux lire que du texte")
    for kind in ("image", "sticker", "document", "location"):
        assert body_text(parent.deliver(media(parent.number, kind, parent.meta.message_id()))[0]).startswith("Pour")


def test_a_batch_from_several_parents_is_answered_for_each(stack, meta, fake_graph):
    numbers = [str(next(_numbers)) for _ in range(3)]
    batch = notification(*(text(n, "Hoe vraag ik een sociale woning aan?", meta.message_id()) for n in numbers))
    assert meta.deliver(batch).status_code == 200
    for number in numbers:
        assert fake_graph.wait_for(1, number)


def test_a_duplicate_delivery_is_answered_once(parent, meta, fake_graph):
    message = text(parent.number, "waar kan ik mijn uitpas gebruiken", meta.message_id())
    assert meta.deliver(notification(message)).status_code == 200
    first = parent.settle(1)
    assert meta.deliver(notification(message)).status_code == 200
    time.sleep(3)
    assert fake_graph.messages_to(parent.number) == first


def test_statuses_are_recorded_not_answered(stack, parent, meta, fake_graph):
    update = notification(statuses=[status("wamid.OUT1", "delivered", parent.number),
                                    status("wamid.OUT1", "read", parent.number),
                                    status("wamid.OUT2", "failed", parent.number, error_code=131026)])
    assert meta.deliver(update).status_code == 200
    assert meta.deliver(update).status_code == 200
    time.sleep(1)
    one, two = message_key("wamid.OUT1"), message_key("wamid.OUT2")
    rows = sqlite3.connect(stack.data_dir / "app.db").execute(
        "SELECT message_id, status, error_code FROM delivery_statuses WHERE message_id IN (?, ?) ORDER BY id",
        (one, two)).fetchall()
    assert rows == [(one, "delivered", None), (one, "read", None), (two, "failed", 131026)]
    assert fake_graph.messages_to(parent.number) == []


def test_a_429_from_whatsapp_is_retried(parent, fake_graph):
    fake_graph.too_many_requests = 1
    assert body_text(parent.say("Ik heb schulden en kan mijn rekeningen niet betalen")[0])


def test_outside_the_24_hour_window_a_follow_up_waits_with_a_log_line(stack, parent):
    parent.say("hallo")
    database = sqlite3.connect(stack.data_dir / "app.db")
    two_days_ago = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)).isoformat(sep=" ")
    database.execute("UPDATE channel_contacts SET last_inbound_at = ? WHERE sender_id = ?", (two_days_ago, parent.sender))
    database.execute(
        "INSERT INTO outbound_messages (sender_id, channel, response, arguments, language, attempts) "
        "VALUES (?, 'whatsapp', 'utter_callback_follow_up_closed', '{\"reference\": \"WIN123\"}', 'nl', 0)",
        (parent.sender,))
    database.commit()
    time.sleep(5)
    held = database.execute("SELECT held_reason, delivered_at FROM outbound_messages WHERE sender_id = ?",
                            (parent.sender,)).fetchone()
    assert held == ("outside_window", None)
    assert "held: outside_window" in stack.log("api")

    before = len(parent.fake.messages_to(parent.number))
    parent.say("ik ben er weer")
    assert "WIN123" in " ".join(body_text(m) for m in parent.settle(before + 2)[before:])


def test_stop_and_forget(stack, parent):
    parent.say("Hoi, hoe werkt het kansentarief van de uitpas?")
    stopped = parent.say("stop")
    assert "geen berichten" in body_text(stopped[-1]).lower()
    contact = sqlite3.connect(stack.data_dir / "app.db").execute(
        "SELECT opted_out_at FROM channel_contacts WHERE sender_id = ?", (parent.sender,)).fetchone()
    assert contact[0] is not None

    privacy = parent.say("wat doen jullie met mijn gegevens?")
    title, payload = choices(privacy[-1])[-1]
    question = parent.deliver(button_reply(parent.number, payload, title, parent.meta.message_id()))
    yes = dict(choices(question[-1]))["Ja, verwijder het"]
    done = parent.deliver(button_reply(parent.number, yes, "Ja, verwijder het", parent.meta.message_id()))
    assert "verwijderd" in body_text(done[-1])
    tracker = sqlite3.connect(stack.data_dir / "tracker.db")
    assert tracker.execute("SELECT count(*) FROM events WHERE sender_id = ?", (parent.sender,)).fetchone() == (0,)
    app_db = sqlite3.connect(stack.data_dir / "app.db")
    for table in ("channel_contacts", "outbound_messages", "logged_questions", "callback_requests"):
        assert app_db.execute(f"SELECT count(*) FROM {table} WHERE sender_id = ?", (parent.sender,)).fetchone() == (0,)
