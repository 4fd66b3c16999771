"""Parents on Telegram: the webhook, commands, buttons, languages, non-text, STOP and /forget, on the real stack."""

from __future__ import annotations

import itertools
import re
import sqlite3
import time

import httpx
import pytest

from api.channels.senders import sender_id
from tests.e2e.conftest import TELEGRAM_SECRET
from tests.fakes.telegram_api import button_update, contact_update, media_update, text_update

_ids = itertools.count(1000)
_chats = itertools.count(55_000_001)


@pytest.fixture
def chat(stack, fake_telegram):
    """A new Telegram chat with the bot."""
    return TelegramChat(stack, fake_telegram, next(_chats))


class TelegramChat:
    """A parent's Telegram chat: sends updates to api's webhook, reads what the bot sent to the fake Bot API."""

    def __init__(self, stack, fake, chat_id: int) -> None:
        self.stack, self.fake, self.chat_id = stack, fake, chat_id
        self.url = f"{stack.api_url}/webhooks/telegram"

    def post(self, update: dict, secret: str | None = TELEGRAM_SECRET) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        return httpx.post(self.url, json=update, headers=headers, timeout=30)

    def say(self, text: str, language_code: str | None = "nl", expect: int = 1) -> list[dict]:
        """Sends a message and returns the new messages the bot sent to this chat."""
        return self._exchange(text_update(next(_ids), self.chat_id, text, language_code), expect)

    def press(self, data: str, expect: int = 1) -> list[dict]:
        return self._exchange(button_update(next(_ids), self.chat_id, data), expect)

    def send(self, update_factory, *args, expect: int = 1) -> list[dict]:
        return self._exchange(update_factory(next(_ids), self.chat_id, *args), expect)

    def _exchange(self, update: dict, expect: int) -> list[dict]:
        before = len(self.fake.sent(self.chat_id))
        assert self.post(update).status_code == 200
        # Answers of several messages arrive paced, one per second.
        return self.fake.settle(before + expect, self.chat_id)[before:]

    @property
    def sender(self) -> str:
        return sender_id("telegram", str(self.chat_id))


def buttons(message: dict) -> list[tuple[str, str]]:
    """Returns (title, callback data) of a message's inline keyboard."""
    markup = message.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


def test_a_dutch_conversation_with_commands_and_buttons(chat, fake_telegram):
    greeting = chat.say("/start")
    assert "Wegwijs" in greeting[0]["text"]
    choices = buttons(greeting[-1])
    assert ("Kinderopvang", "/childcare_find_place") in choices

    before_edits = len(fake_telegram.calls_of("editMessageReplyMarkup"))
    answer = chat.press("/childcare_find_place")
    assert "opvang" in " ".join(m["text"] for m in answer).lower()
    assert fake_telegram.calls_of("answerCallbackQuery")[-1].params["callback_query_id"].startswith("cq")
    assert len(fake_telegram.calls_of("editMessageReplyMarkup")) == before_edits + 1
    assert any(c.params["action"] == "typing" for c in fake_telegram.calls_of("sendChatAction"))

    help_text = chat.say("/help")
    assert "UiTPAS" in help_text[0]["text"]


def test_deep_link_language_switch_and_language_command(chat):
    turkish = chat.say("/start uitpas_get-tr", language_code="nl")
    assert "UiTPAS" in turkish[-1]["text"] and any(w in " ".join(m["text"] for m in turkish) for w in ("kart", "Kart"))

    french = chat.say("Bonjour, combien coûte la crèche pour mon bébé ?", language_code="nl", expect=1)
    assert any(w in " ".join(m["text"] for m in french) for w in ("crèche", "garde", "accueil"))

    menu = chat.say("/language", language_code="nl")
    arabic = dict(buttons(menu[-1]))["العربية"]
    switched = chat.press(arabic)
    assert switched[0]["text"].count("ا") > 3


def test_non_text_messages_get_a_kind_answer_in_the_parents_language(chat):
    chat.say("Hello, how do I get an UiTPAS card for my son?", language_code="en")
    for kind in ("voice", "photo", "sticker", "document", "location"):
        reply = chat.send(media_update, kind, "en")
        assert reply[0]["text"].startswith("I can only read text")
        assert ("Call me back", "/callback_request") in buttons(reply[0])


def test_a_shared_phone_number_answers_the_call_back_form(chat):
    asked = chat.say("/human")
    keyboard = asked[-1]["reply_markup"]["keyboard"]
    assert keyboard[0][0]["request_contact"] is True

    next_question = chat.send(contact_update, "32470123456")
    assert buttons(next_question[-1])  # the time question, with buttons: the number was accepted
    assert "ochtend" in next_question[-1]["text"].lower() or "wanneer" in next_question[-1]["text"].lower()


def test_webhook_refuses_missing_or_wrong_secret_and_malformed_bodies(chat, fake_telegram):
    update = text_update(next(_ids), chat.chat_id, "hallo")
    assert chat.post(update, secret=None).status_code == 403
    assert chat.post(update, secret="wrong").status_code == 403
    malformed = httpx.post(chat.url, content=b"{not json", timeout=10,
                           headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
    assert malformed.status_code == 400
    time.sleep(1)
    assert fake_telegram.sent(chat.chat_id) == []


def test_a_repeated_update_is_answered_once(chat, fake_telegram):
    update = text_update(next(_ids), chat.chat_id, "hoe kom ik aan een uitpas", "nl")
    assert chat.post(update).status_code == 200
    assert chat.post(update).status_code == 200
    fake_telegram.wait_for(1, chat.chat_id)
    time.sleep(3)
    replies = fake_telegram.sent(chat.chat_id)
    assert len(replies) == len({m["text"] for m in replies})


def test_answers_are_paced_per_chat_and_survive_a_429(chat, fake_telegram):
    fake_telegram.too_many_requests = 1
    answer = chat.say("Ik zoek kinderopvang voor mijn baby", expect=2)
    assert len(answer) >= 2
    times = [c.at for c in fake_telegram.calls_of("sendMessage") if str(c.params["chat_id"]) == str(chat.chat_id)]
    assert all(later - earlier >= 0.95 for earlier, later in zip(times, times[1:]))


def test_stop_holds_messages_until_the_parent_writes_again(chat, stack, fake_telegram):
    chat.say("hallo")
    stopped = chat.say("STOP", expect=1)
    assert "geen berichten" in stopped[-1]["text"].lower()
    database = sqlite3.connect(stack.data_dir / "app.db")
    database.execute(
        "INSERT INTO outbound_messages (sender_id, channel, response, arguments, language, attempts) "
        "VALUES (?, 'telegram', 'utter_callback_follow_up_closed', '{\"reference\": \"ABC123\"}', 'nl', 0)",
        (chat.sender,))
    database.commit()
    time.sleep(5)
    held = database.execute("SELECT held_reason, delivered_at FROM outbound_messages WHERE sender_id = ?",
                            (chat.sender,)).fetchone()
    assert held == ("opted_out", None)

    before = len(fake_telegram.sent(chat.chat_id))
    chat.say("dank je")
    fake_telegram.wait_for(before + 2, chat.chat_id)
    delivered = database.execute("SELECT delivered_at FROM outbound_messages WHERE sender_id = ?",
                                 (chat.sender,)).fetchone()
    assert delivered[0] is not None


def test_forget_deletes_the_conversation_contact_and_call_backs_after_confirmation(chat, stack):
    chat.say("Ik wil graag teruggebeld worden")
    chat.send(contact_update, "32470123499")
    tracker = sqlite3.connect(stack.data_dir / "tracker.db")
    app_db = sqlite3.connect(stack.data_dir / "app.db")
    count = lambda db, table: db.execute(f"SELECT count(*) FROM {table} WHERE sender_id = ?",  # noqa: E731
                                         (chat.sender,)).fetchone()[0]
    assert count(tracker, "events") > 0 and count(app_db, "channel_contacts") == 1

    question = chat.say("/forget")
    yes, no = buttons(question[-1])
    assert count(tracker, "events") > 0  # nothing happens before the confirmation
    done = chat.press(yes[1])
    assert "verwijderd" in done[-1]["text"].lower()
    assert count(tracker, "events") == 0
    assert count(app_db, "channel_contacts") == 0

    state = httpx.get(f"{stack.rasa_url}/conversations/{chat.sender}/tracker",
                      params={"token": "e2e-rasa-token"}, timeout=10).json()
    assert not state["slots"].get("callback_phone") and not state.get("active_loop", {}).get("name")


def test_polling_mode_answers_without_a_webhook(stack, fake_telegram):
    chat_id = next(_chats)
    worker = stack.spawn_extra("telegram", [".venv/bin/python", "-m", "api.channels.telegram.worker"])
    try:
        fake_telegram.updates.append(text_update(next(_ids), chat_id, "Bonjour, c'est quoi l'UiTPAS ?", "fr"))
        answer = fake_telegram.settle(1, chat_id)
        assert "UiTPAS" in answer[-1]["text"]
        assert fake_telegram.calls_of("deleteWebhook") and fake_telegram.calls_of("getUpdates")
        registered = {c.params.get("language_code") for c in fake_telegram.calls_of("setMyCommands")}
        assert {"nl", "fr", "en", "ar", "tr"} <= registered
        arabic_menu = next(c.params["commands"] for c in fake_telegram.calls_of("setMyCommands")
                           if c.params.get("language_code") == "ar")
        assert {c["command"] for c in arabic_menu} == {"start", "help", "language", "human", "privacy", "export", "forget", "stop"}
    finally:
        stack.stop("telegram")
    assert worker.returncode is not None


def test_a_trusted_persons_missed_call_reaches_the_parent_on_telegram_in_turkish(chat, stack, fake_telegram):
    chat.say("Merhaba, beni geri arayabilir misiniz?", language_code="tr")
    chat.send(contact_update, "32470123477")
    for payload in ("morning", "tr", "skip"):
        asked = chat.press(payload)
    assert "yes" in [payload for _, payload in buttons(asked[-1])]
    confirmed = chat.press("yes")
    reference = re.search(r"WW-[A-Z0-9]{5}", confirmed[-1]["text"])[0]

    password = "a long trusted person password"
    stack.create_staff("yusuf", "trusted_person", password)
    staff = httpx.Client(base_url=stack.api_url, timeout=30)
    staff.post("/staff/login", data={"username": "yusuf", "password": password})
    csrf = re.search(r'name="csrf" value="([^"]+)"', staff.get(f"/staff/callbacks/{reference}").text)[1]
    claimed = staff.patch(f"/api/callbacks/{reference}", json={"action": "claim", "version": 1},
                          headers={"X-CSRF-Token": csrf})
    assert claimed.status_code == 200, claimed.text
    before = len(fake_telegram.sent(chat.chat_id))
    missed = staff.patch(f"/api/callbacks/{reference}", json={"action": "no_answer", "version": claimed.json()["version"]},
                         headers={"X-CSRF-Token": csrf})
    assert missed.status_code == 200, missed.text

    follow_up = fake_telegram.settle(before + 1, chat.chat_id)[before:]
    assert reference in follow_up[0]["text"]
    assert any(word in follow_up[0]["text"].lower() for word in ("aradık", "ulaşamadık", "aramaya"))
