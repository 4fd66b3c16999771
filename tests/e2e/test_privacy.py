"""No trace after "forget me" or retention: real conversations, then a search of every table of both databases."""

from __future__ import annotations

import base64
import secrets
import string
import subprocess

import httpx
from sqlalchemy import MetaData, Table, create_engine, inspect, select

from api.channels.senders import sender_id
from api.settings import get_settings
from tests.e2e.conftest import WHATSAPP_SECRET
from tests.e2e.stack import ROOT
from tests.e2e.test_conversations import Parent
from tests.e2e.test_whatsapp import WhatsAppParent, body_text, choices
from tests.fakes.whatsapp_graph import Meta, button_reply, notification, status, text as whatsapp_text


def word() -> str:
    """A made-up word that appears nowhere unless this test's parent wrote it."""
    return "zorb" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))


def phone_digits() -> str:
    return "47" + "".join(secrets.choice(string.digits) for _ in range(7))


def traces(stack, needles: list[str]) -> list[tuple[str, str, str, str]]:
    """Every (database, table, column, needle) where a needle occurs in any value of any table."""
    found = []
    for database in ("app.db", "tracker.db"):
        engine = create_engine(f"sqlite:///{stack.data_dir / database}")
        with engine.connect() as connection:
            for name in inspect(engine).get_table_names():
                reflected = Table(name, MetaData(), autoload_with=engine)
                for row in connection.execute(select(reflected)):
                    for column, value in row._mapping.items():
                        found += [(database, name, column, n) for n in needles
                                  if value is not None and n.casefold() in str(value).casefold()]
        engine.dispose()
    return found


def web_conversation(stack, words: list[str], phone: str) -> Parent:
    """A web parent asks an out-of-scope question, rates an answer 👎 and asks for a call-back with a note."""
    parent = Parent(stack, page_language="en")
    parent.say("hello")
    parent.say(f"who won the football match of the {words[0]} club yesterday")
    answer = parent.say(f"how much does the school trip of {words[1]} cost")
    down = next(b for b in answer[-1]["buttons"] if b["payload"].startswith('/feedback{"helpful":"no"'))
    parent.say(payload=down["payload"])
    parent.say("can someone call me back please")
    parent.say(f"0{phone}")
    parent.say(payload="morning")
    parent.say(payload="en")
    parent.say(f"ask for {words[2]} please")
    confirmed = parent.say(payload="yes")
    assert "WW-" in confirmed[-1]["text"]
    return parent


def web_needles(parent: Parent, words: list[str], phone: str) -> list[str]:
    cookie = parent.client.cookies["wegwijs_web"]
    sender = sender_id("web", cookie)
    return [*words, phone, cookie, sender, sender.split(":")[1]]


def test_forget_me_on_the_web_chat_leaves_no_trace(stack):
    words, phone = [word(), word(), word()], phone_digits()
    parent = web_conversation(stack, words, phone)
    needles = web_needles(parent, words, phone)
    cookie = needles[4]
    assert {n for *_, n in traces(stack, needles)} == set(needles) - {cookie}, "the conversation was not recorded"
    kept = parent.say(payload="/export")[-1]["text"]
    assert "call-back requests: 1; logged questions: 2" in kept, kept

    question = parent.say(payload="/forget")
    assert [b["payload"] for b in question[-1]["buttons"]] == ["/forget_confirm", "/forget_keep"]
    parent.say(payload="/forget_confirm")

    assert traces(stack, needles) == []


def meta_id(number: str) -> str:
    """A message id as Meta makes them: the parent's number is inside, base64-encoded."""
    return "wamid." + base64.b64encode(f"\x0b{number}\x15\x02{secrets.token_hex(8)}".encode()).decode()


def test_forget_me_on_whatsapp_leaves_no_trace(stack, fake_graph):
    meta = Meta(stack.api_url, WHATSAPP_SECRET)
    number = "32" + phone_digits()
    parent = WhatsAppParent(stack, fake_graph, meta, number)
    words, ids = [word(), word()], []

    def say(body: str) -> list[dict]:
        ids.append(meta_id(number))
        return parent.deliver(whatsapp_text(number, body, ids[-1]))

    def press(payload: str) -> list[dict]:
        ids.append(meta_id(number))
        return parent.deliver(button_reply(number, payload, payload[:20], ids[-1]))

    say("hallo")
    answer = say(f"hoeveel kost de schoolreis van {words[0]}")
    down = next(i for t, i in choices(answer[-1]) if i.startswith('/feedback{"helpful":"no"'))
    press(down)
    say("kan iemand mij terugbellen")
    press("use_my_number")
    press("morning")
    press("nl")
    say(f"vraag naar {words[1]}")
    assert "WW-" in body_text(press("yes")[-1])
    sent_id = meta_id(number)
    assert meta.deliver(notification(statuses=[status(sent_id, "delivered", number)])).status_code == 200
    needles = [number, parent.sender, parent.sender.split(":")[1], *words, *ids, sent_id, number[2:]]
    assert traces(stack, needles), "the conversation was not recorded"

    press("/forget")
    assert "WW-" not in body_text(press("/forget_confirm")[-1])

    assert traces(stack, needles) == []


def apply_retention_in(stack, days: int) -> None:
    """Runs retention against the running stack's databases with the clock moved `days` ahead."""
    code = ("import datetime as dt, sys; from api.db import get_sessionmaker; from api.retention import apply_retention;"
            "now = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=int(sys.argv[1]));"
            "session = get_sessionmaker()(); apply_retention(session, now=now); session.close()")
    subprocess.run([str(ROOT / ".venv/bin/python"), "-c", code, str(days)], cwd=ROOT, env=stack.environment(),
                   check=True, capture_output=True)


def test_retention_leaves_no_trace(stack):
    settings = get_settings()
    words, phone = [word(), word(), word()], phone_digits()
    parent = web_conversation(stack, words, phone)
    parent.say("stop")  # withdraws the request: it is closed now
    needles = web_needles(parent, words, phone)
    ids = needles[3:]

    apply_retention_in(stack, max(settings.conversation_retention_days, settings.phone_retention_days) + 1)
    # What is left are the scrubbed question texts, linked to nobody, until the question retention.
    assert traces(stack, ids + [phone]) == []
    assert {t for _, t, _, _ in traces(stack, words)} <= {"logged_questions"}

    apply_retention_in(stack, settings.question_retention_days + 1)
    assert traces(stack, needles) == []
    assert httpx.get(f"{stack.api_url}/health").status_code == 200
