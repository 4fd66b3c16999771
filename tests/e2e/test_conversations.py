"""Conversations in all five languages through the web chat endpoint of the running processes."""

from __future__ import annotations

import sqlite3
import uuid

import httpx
import pytest

from api.answers.topics import topic_of_intent
from api.channels.senders import sender_id
from api.nlg.render import render

CONVERSATIONS = {
    "nl": ("hallo", "ik zoek kinderopvang voor mijn baby van 6 maanden", "childcare"),
    "fr": ("bonjour", "comment je peux avoir une carte uitpas pour mes enfants", "uitpas"),
    "en": ("hi there", "how do i register for a social house in aalst", "housing"),
    "ar": ("مرحبا", "المدرسة طلبت مني فلوس كثير للرحلة وما عندي", "school_costs"),
    "tr": ("merhaba", "okul faturasını ödeyemiyorum ne yapabilirim", "school_costs"),
}


class Parent:
    """A parent in the web chat, with their own cookie."""

    def __init__(self, stack, page_language: str | None = None) -> None:
        self.client = httpx.Client(base_url=stack.api_url, timeout=60)
        self.page_language = page_language

    def say(self, text: str = "", payload: str | None = None) -> list[dict]:
        reply = self.client.post("/api/chat/messages", json={"text": text, "payload": payload,
                                                             "language": self.page_language,
                                                             "message_id": str(uuid.uuid4())})
        assert reply.status_code == 200, reply.text
        return reply.json()["messages"]


def texts(session, names: list[str], language: str) -> set[str]:
    return {render(session, name=n, arguments={}, language=language).text for n in names}


def topic_answers(session, topic: str, language: str) -> set[str]:
    return texts(session, [f"utter_{i}" for i, t in topic_of_intent().items() if t == topic], language)


@pytest.mark.parametrize("language", sorted(CONVERSATIONS))
def test_a_conversation_in_each_language(stack, session, language):
    greeting, question, topic = CONVERSATIONS[language]
    parent = Parent(stack, page_language=language)

    first = parent.say(greeting)
    assert first[0]["text"] == render(session, name="utter_intro", arguments={}, language=language).text
    assert all(m["dir"] == ("rtl" if language == "ar" else "ltr") for m in first)

    answer = parent.say(question)
    assert answer[0]["text"] in topic_answers(session, topic, language), answer[0]["text"]
    assert any("\n" in m["text"] for m in answer[1:]), "no service card"
    assert answer[-1]["buttons"], "no follow-up buttons"

    follow_up = answer[-1]["buttons"][0]
    after_button = parent.say(payload=follow_up["payload"])
    expected = "utter_" + follow_up["payload"].lstrip("/")
    assert after_button[0]["text"] in texts(session, [expected], language)


def test_the_language_sticks_on_short_messages_and_switches_on_request(stack, session):
    parent = Parent(stack)
    parent.say("merhaba, çocuğum için kreş arıyorum")

    thanks = parent.say("ok")
    assert thanks[0]["text"] in texts(session, ["utter_thanks", "utter_greet", "utter_please_rephrase",
                                                "utter_out_of_scope", "utter_anything_else"], "tr")

    switched = parent.say(payload='/choose_language{"language": "fr"}')
    assert switched[0]["text"] == render(session, name="utter_language_changed", arguments={}, language="fr").text

    clear_change = parent.say("I need help paying the school bill, it is too expensive")
    assert clear_change[0]["text"] in topic_answers(session, "school_costs", "en")


def test_an_emergency_gets_the_helpline_first(stack, session):
    parent = Parent(stack)

    reply = parent.say("mijn man slaat mij en de kinderen, ik ben bang")

    assert reply[0]["text"] == render(session, name="utter_emergency_violence", arguments={}, language="nl").text
    assert "1712" in reply[0]["text"]


def test_an_out_of_scope_question_is_answered_honestly(stack, session):
    parent = Parent(stack)
    parent.say("hello")

    reply = parent.say("what is the best recipe for chocolate cake")

    names = ["utter_out_of_scope", "utter_please_rephrase"]
    assert reply[0]["text"] in texts(session, names, "en")
    assert reply[0]["buttons"][-1]["payload"] == "/callback_request"


@pytest.mark.parametrize("text", ["👍👍👍", "<script>alert(1)</script>", "a" * 1999,
                                  "ik zoek kinderopvang mais je parle français aussi", "مرحبا hello merhaba"])
def test_odd_input_gets_an_answer(stack, text):
    parent = Parent(stack)

    reply = parent.say(text)

    assert reply and all(m["text"] for m in reply)
    assert all("<script>" not in m["text"] for m in reply)


@pytest.mark.parametrize(("language", "text"), [(l, CONVERSATIONS[l][1]) for l in sorted(CONVERSATIONS)])
def test_ask_gives_the_same_answer_as_the_chat(stack, language, text):
    parent = Parent(stack)
    parent.say(CONVERSATIONS[language][0])
    chat = parent.say(text)

    asked = httpx.post(f"{stack.api_url}/api/ask", json={"text": text, "language": language}, timeout=60).json()

    assert asked["language"] == language
    assert asked["topic"] == CONVERSATIONS[language][2]
    assert [m["text"] for m in asked["messages"]] == [m["text"] for m in chat]
    assert asked["services"] and all(s["checked_on"] for s in asked["services"])


def test_a_restart_of_rasa_keeps_the_conversation(stack, session):
    parent = Parent(stack)
    parent.say("merhaba")
    parent.say("uitpas kartımı kaybettim")
    model = stack.processes["rasa"].args[stack.processes["rasa"].args.index("--model") + 1]

    stack.stop("rasa")
    stack.start_rasa(model)
    stack.wait_ready()

    reply = parent.say("teşekkürler")
    assert reply[0]["text"] == render(session, name="utter_thanks", arguments={}, language="tr").text


def test_forget_me_in_the_web_chat_deletes_the_conversation(stack):
    parent = Parent(stack, page_language="fr")
    parent.say("Bonjour, comment avoir l'UiTPAS ?")
    privacy = parent.say("que faites-vous de mes données ?")
    forget = privacy[-1]["buttons"][-1]
    assert forget == {"title": "Effacer mes données", "payload": "/forget"}
    question = parent.say(payload=forget["payload"])
    keep, confirm = question[0]["buttons"][1], question[0]["buttons"][0]
    assert parent.say(payload=keep["payload"])[0]["text"].startswith("Rien n'a été supprimé")
    done = parent.say(payload=confirm["payload"])
    assert done[0]["text"].startswith("C'est fait")

    events = sqlite3.connect(stack.data_dir / "tracker.db").execute("SELECT DISTINCT sender_id FROM events").fetchall()
    assert (sender_id("web", parent.client.cookies["wegwijs_web"]),) not in events


def test_the_follow_up_buttons_come_once_with_the_last_message_of_an_answer(stack):
    answer = Parent(stack, page_language="nl").say("hoe krijg ik een uitpas voor mijn kinderen")

    with_buttons = [m for m in answer if m["buttons"]]
    assert with_buttons == [answer[-1]]
