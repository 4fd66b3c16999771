"""Channel benchmark: webhook → reply at the platform, for Telegram and WhatsApp, at 1 and 20 concurrent senders;
and 1,000 webhook deliveries with 10% duplicates, counted reply by reply. Stand-in platform servers on loopback."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from benchmarks.common import percentile, write_section
from tests.e2e.conftest import (TELEGRAM_SECRET, TELEGRAM_TOKEN, WHATSAPP_SECRET, WHATSAPP_TOKEN, WHATSAPP_VERIFY)
from tests.e2e.stack import Stack
from tests.fakes.server import BackgroundServer
from tests.fakes.telegram_api import FakeTelegram, text_update
from tests.fakes.whatsapp_graph import PHONE_NUMBER_ID, FakeGraph, Meta, notification, text

QUESTIONS = [
    "Hoeveel kost de kinderopvang voor mijn baby?", "Comment obtenir une carte UiTPAS pour mon fils ?",
    "How long is the waiting list for social housing?", "Okul gezisi için para yok, ne yapabilirim?",
    "كيف أسجل طفلي في الحضانة؟", "Wat is de maximumfactuur op school?", "J'ai des dettes, qui peut m'aider ?",
]
MESSAGES_PER_SENDER = 5
SENDERS = {1: 6, 20: 20}
DUPLICATE_SENDERS, THANKS_PER_SENDER, DUPLICATES = 100, 9, 100
THANKS = ["thanks!", "merci beaucoup", "dank je wel", "teşekkürler", "شكرا"]
_ids = itertools.count(1)


class Channel:
    """Sends one parent's message to api as the platform would and reads the replies the stand-in received."""

    name = ""

    def post(self, client: httpx.Client, sender: int, body: str, message_id: int) -> None:
        raise NotImplementedError

    def replies(self, sender: int) -> list[float]:
        """Returns the arrival times of the messages sent to a sender."""
        raise NotImplementedError


class Telegram(Channel):
    name = "Telegram"

    def __init__(self, api_url: str, fake: FakeTelegram) -> None:
        self.url, self.fake = f"{api_url}/webhooks/telegram", fake

    def post(self, client, sender, body, message_id):
        update = text_update(message_id, sender, body)
        client.post(self.url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}).raise_for_status()

    def replies(self, sender):
        return [c.at for c in list(self.fake.calls) if c.method == "sendMessage" and c.params["chat_id"] == sender]


class WhatsApp(Channel):
    name = "WhatsApp"

    def __init__(self, api_url: str, fake: FakeGraph) -> None:
        self.meta, self.fake = Meta(api_url, WHATSAPP_SECRET), fake

    def post(self, client, sender, body, message_id):
        message = text(str(sender), body, f"wamid.BENCH{message_id}")
        self.meta.deliver(notification(message), client=client).raise_for_status()

    def replies(self, sender):
        return [m["_at"] for m in self.fake.messages_to(str(sender))]


def wait_quiet(channel: Channel, sender: int, count: int, quiet: float = 1.2, timeout: float = 120) -> int:
    """Waits for at least `count` replies to a sender, then until none arrive for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    while len(channel.replies(sender)) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{channel.name}: sender {sender} got {len(channel.replies(sender))} of {count}")
        time.sleep(0.01)
    seen = len(channel.replies(sender))
    while True:
        time.sleep(quiet)
        now = len(channel.replies(sender))
        if now == seen:
            return now
        seen = now


def settle_all(channel: Channel, expected: dict[int, int], quiet: float = 3.0, timeout: float = 600) -> dict[int, int]:
    """Waits until every sender has its expected replies and nothing more arrives for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    counts = {s: len(channel.replies(s)) for s in expected}
    while any(counts[s] < n for s, n in expected.items()) and time.monotonic() < deadline:
        time.sleep(0.2)
        counts = {s: len(channel.replies(s)) for s in expected}
    time.sleep(quiet)
    return {s: len(channel.replies(s)) for s in expected}


def conversation(channel: Channel, sender: int) -> list[float]:
    """One parent: a greeting, then questions one after the other; returns webhook → first reply in ms."""
    latencies = []
    with httpx.Client(timeout=60) as client:
        channel.post(client, sender, "hallo", next(_ids))
        received = wait_quiet(channel, sender, 1)
        for question in random.sample(QUESTIONS, MESSAGES_PER_SENDER):
            start = time.monotonic()
            channel.post(client, sender, question, next(_ids))
            wait_quiet(channel, sender, received + 1)
            latencies.append((channel.replies(sender)[received] - start) * 1000)
            received = len(channel.replies(sender))
    return latencies


def latency(channel: Channel, concurrency: int, first_sender: int) -> list[float]:
    """Runs conversations of distinct senders, `concurrency` at a time."""
    senders = range(first_sender, first_sender + SENDERS[concurrency])
    with ThreadPoolExecutor(concurrency) as pool:
        return [ms for result in pool.map(lambda s: conversation(channel, s), senders) for ms in result]


def duplicates(channel: Channel, first_sender: int) -> dict:
    """1,000 deliveries: 900 distinct "thank you" messages and 100 repeats; every distinct one must get one reply."""
    senders = list(range(first_sender, first_sender + DUPLICATE_SENDERS))
    with httpx.Client(timeout=60) as client:
        for sender in senders:
            channel.post(client, sender, "hallo", next(_ids))
    # The greeting's messages arrive one per second per chat on Telegram: all of them are in before counting.
    before = settle_all(channel, {s: 2 for s in senders})
    deliveries = [(s, random.choice(THANKS), next(_ids)) for s in senders for _ in range(THANKS_PER_SENDER)]
    deliveries += random.sample(deliveries, DUPLICATES)
    random.shuffle(deliveries)
    # A sender's messages go out in order of their ids, as a phone sends them; repeats come at random moments.
    deliveries.sort(key=lambda d: (d[2] if random.random() > 0.1 else d[2] + 5, random.random()))
    with ThreadPoolExecutor(20) as pool, httpx.Client(timeout=60) as client:
        list(pool.map(lambda d: channel.post(client, *d), deliveries))
    replies = settle_all(channel, {s: before[s] + THANKS_PER_SENDER for s in senders})
    replies = {s: replies[s] - before[s] for s in senders}
    return {"deliveries": len(deliveries), "distinct": DUPLICATE_SENDERS * THANKS_PER_SENDER,
            "replies": sum(replies.values()), "exactly_one": all(n == THANKS_PER_SENDER for n in replies.values())}


def report(results: dict) -> str:
    """Formats the section of BENCHMARKS.md."""
    lines = [
        "## Channels (`make bench-channels`)", "",
        f"Run {dt.date.today().isoformat()} on this 2-core machine: the real rasa, actions and api processes (SQLite, one "
        "Rasa), with stand-ins for Telegram's Bot API and WhatsApp's Graph API on loopback (python-telegram-bot and "
        "httpx talk to them over HTTP). Measured from posting the webhook to api until the first message of the answer "
        f"reaches the stand-in server; each sender greets, then asks {MESSAGES_PER_SENDER} questions in five languages, "
        "one after the other, each after the previous answer arrived.", "",
        "| channel | concurrent senders | n | p50 ms | p95 ms |", "|---|---|---|---|---|",
    ]
    for (name, concurrency), values in results["latency"].items():
        lines.append(f"| {name} | {concurrency} | {len(values)} | {percentile(values, 0.5):.0f} | "
                     f"{percentile(values, 0.95):.0f} |")
    lines += ["", "Duplicates: 1,000 webhook deliveries (900 distinct messages of 100 senders, 100 repeated at random "
              "moments, 20 at a time):", ""]
    for name, outcome in results["duplicates"].items():
        verdict = "exactly one reply each" if outcome["exactly_one"] else "NOT exactly one reply each"
        lines.append(f"- {name}: {outcome['deliveries']} deliveries, {outcome['distinct']} distinct messages, "
                     f"{outcome['replies']} replies: **{verdict}**.")
    return "\n".join(lines)


def main() -> None:
    """Starts the stack with both channels and the stand-ins, runs the scenarios, writes BENCHMARKS.md."""
    telegram, graph = FakeTelegram(token=TELEGRAM_TOKEN), FakeGraph(token=WHATSAPP_TOKEN)
    servers = [BackgroundServer(telegram.app()).start(), BackgroundServer(graph.app()).start()]
    stack = Stack(api_port=18300, rasa_port=15505, actions_port=15555, extra_env={
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN, "WEGWIJS_TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "WEGWIJS_TELEGRAM_API_URL": f"{servers[0].url}/bot", "WEGWIJS_WHATSAPP_ACCESS_TOKEN": WHATSAPP_TOKEN,
        "WEGWIJS_WHATSAPP_APP_SECRET": WHATSAPP_SECRET, "WEGWIJS_WHATSAPP_VERIFY_TOKEN": WHATSAPP_VERIFY,
        "WEGWIJS_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WEGWIJS_WHATSAPP_GRAPH_URL": f"{servers[1].url}/v23.0",
        "WEGWIJS_MESSAGES_PER_MINUTE": "60",
    }).start()
    try:
        channels = [Telegram(stack.api_url, telegram), WhatsApp(stack.api_url, graph)]
        results: dict = {"latency": {}, "duplicates": {}}
        first = itertools.count(10_000_000, 1000)
        for channel in channels:
            for concurrency in SENDERS:
                results["latency"][(channel.name, concurrency)] = latency(channel, concurrency, next(first))
        for channel in channels:
            results["duplicates"][channel.name] = duplicates(channel, next(first))
        section = report(results)
        write_section("channels", section)
        print(section)
    finally:
        stack.stop()
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
