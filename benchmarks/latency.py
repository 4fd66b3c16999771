"""Latency benchmark: a full web-chat turn and /api/ask against Rasa's bare /model/parse, at 1 and 20 concurrent
parents with distinct senders, measured in one run on the real processes; plus resident memory and training time."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import random
import time
import uuid
from pathlib import Path

import httpx

from benchmarks.common import ROOT, nlu_examples, percentile, write_section
from tests.e2e.stack import RASA_TOKEN, Stack

CONCURRENCY = (1, 20)
TURNS_PER_LEVEL = {1: 150, 20: 600}
# Each level is measured in rounds that take turns between the three kinds of request, so that a change in the
# machine's speed during the run (a shared host) weighs on all three alike and the ratios stay fair.
ROUNDS = 3
MESSAGES_PER_PARENT = 5
WARM_UP = 30
READING_SECONDS = 3.0
READING_TURNS = 300


def questions() -> list[str]:
    """Realistic messages: the held-out questions of every language, interleaved."""
    per_language = [[t for t, _ in nlu_examples(ROOT / "tests/nlu" / f"{lang}.yml")] for lang in ("nl", "fr", "en", "ar", "tr")]
    return [t for group in itertools.zip_longest(*per_language) for t in group if t]


async def measure(concurrency: int, total: int, call, pause: float = 0.0,
                  parents: itertools.count | None = None) -> list[float]:
    """Runs `total` calls with `concurrency` workers; returns the latencies in milliseconds.

    Each worker is one parent at a time: it sends a parent's messages one after the other, waiting for each answer,
    then moves on to a new parent (numbered by `parents`, so that rounds never continue a conversation), as people
    in a chat do.
    """
    latencies: list[float] = []
    parents = parents or itertools.count()
    sent = itertools.count()

    async def worker() -> None:
        # Readers start at random moments and read for a varying time, so they do not all send at once.
        await asyncio.sleep(random.uniform(0, pause))
        while True:
            parent = next(parents)
            for turn in range(MESSAGES_PER_PARENT):
                index = next(sent)
                if index >= total:
                    return
                start = time.perf_counter()
                await call(index, f"bench-{parent}")
                latencies.append((time.perf_counter() - start) * 1000)
                await asyncio.sleep(random.uniform(0.5, 1.5) * pause)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


async def run_scenarios(stack: Stack) -> dict:
    """Measures the three kinds of request at each concurrency level."""
    texts = questions()
    results: dict = {}
    limits = httpx.Limits(max_connections=100)
    async with httpx.AsyncClient(base_url=stack.rasa_url, timeout=60, limits=limits) as rasa, \
            httpx.AsyncClient(base_url=stack.api_url, timeout=60, limits=limits) as api:
        run = uuid.uuid4().hex[:8]

        async def parse(i: int, _parent: str) -> None:
            reply = await rasa.post("/model/parse", params={"token": RASA_TOKEN}, json={"text": texts[i % len(texts)]})
            reply.raise_for_status()

        async def turn(i: int, parent: str) -> None:
            reply = await api.post("/api/chat/messages", cookies={"wegwijs_web": f"{run}-{parent}"},
                                   json={"text": texts[i % len(texts)], "message_id": uuid.uuid4().hex})
            reply.raise_for_status()
            assert reply.json()["messages"], "a turn without an answer"

        async def ask(i: int, _parent: str) -> None:
            reply = await api.post("/api/ask", json={"text": texts[i % len(texts)]})
            reply.raise_for_status()

        calls = {"parse": parse, "turn": turn, "ask": ask}
        parents = itertools.count()
        for call in calls.values():
            await measure(4, WARM_UP, call, parents=parents)
        for level in CONCURRENCY:
            latencies: dict[str, list[float]] = {name: [] for name in calls}
            seconds = dict.fromkeys(calls, 0.0)
            for _ in range(ROUNDS):
                for name, call in calls.items():
                    started = time.perf_counter()
                    latencies[name] += await measure(level, TURNS_PER_LEVEL[level] // ROUNDS, call, parents=parents)
                    seconds[name] += time.perf_counter() - started
            for name in calls:
                results[(name, level)] = (latencies[name], len(latencies[name]) / seconds[name])
        started = time.perf_counter()
        reading = await measure(20, READING_TURNS, turn, pause=READING_SECONDS, parents=parents)
        results[("reading", 20)] = (reading, len(reading) / (time.perf_counter() - started))
    return results


def resident_mb(pid: int) -> float:
    """Returns the resident memory of a process and its children, in MB."""
    total = 0
    for status in [Path(f"/proc/{pid}/status"), *Path(f"/proc/{pid}/task").glob("*/children")]:
        if status.name == "children":
            for child in status.read_text().split():
                total += _rss_kb(Path(f"/proc/{child}/status"))
        else:
            total += _rss_kb(status)
    return total / 1024


def _rss_kb(status: Path) -> int:
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def report(results: dict, memory: dict[str, float], training_seconds: str) -> str:
    """Formats the results as Markdown."""
    rows = ["| request | parents | n | p50 ms | p95 ms | per second |", "|---|---|---|---|---|---|"]
    labels = {"parse": "bare Rasa `/model/parse`", "turn": "full web-chat turn (api → rasa → actions → NLG)",
              "ask": "`POST /api/ask`",
              "reading": f"full web-chat turn, parents reading 1.5–4.5 s between messages"}
    for (name, level), (latencies, rate) in sorted(results.items(), key=lambda item: list(labels).index(item[0][0])):
        rows.append(f"| {labels[name]} | {level} | {len(latencies)} | {percentile(latencies, .5):.0f} | "
                    f"{percentile(latencies, .95):.0f} | {rate:.1f} |")
    turn95 = percentile(results[("turn", 20)][0], .95)
    parse95 = percentile(results[("parse", 20)][0], .95)
    reading95 = percentile(results[("reading", 20)][0], .95)
    turn_rate = results[("turn", 20)][1]
    memory_rows = " · ".join(f"{name} {mb:.0f} MB" for name, mb in memory.items())
    return "\n".join([
        "## Latency (`make bench`)",
        "",
        f"Run {dt.date.today().isoformat()} on this 2-core machine, all processes on loopback, SQLite, one Rasa "
        "process; every simulated parent is a distinct web-chat sender writing "
        f"{MESSAGES_PER_PARENT} held-out questions (five languages interleaved); {WARM_UP} warm-up requests first; "
        f"each level runs in {ROUNDS} rounds that take turns between the three kinds of request.",
        "",
        *rows,
        "",
        f"At 20 parents sending back to back: full-turn p95 / bare-parse p95 = **{turn95 / parse95:.2f}×** "
        f"(target ≤ 3×: {verdict(turn95 <= 3 * parse95)}); full-turn p95 = **{turn95:.0f} ms** (target ≤ 300 ms: "
        f"{verdict(turn95 <= 300)}). Parents who never pause keep both cores busy, so the latency is set by throughput "
        f"(20 parents / {turn_rate:.0f} turns per second): a turn is one parse plus the tracker store, the rules, one "
        "call to the action server, one answer plan and two or three NLG renders in api. "
        f"With 20 parents who read 1.5–4.5 s before answering, full-turn p95 = **{reading95:.0f} ms**.",
        "",
        f"Resident memory after the run: {memory_rows}. Model training time: {training_seconds} s.",
    ])


def verdict(met: bool) -> str:
    """Says whether a target was met."""
    return "met" if met else "not met"


def main() -> None:
    """Starts the stack, runs the scenarios and writes the section of BENCHMARKS.md."""
    stack = Stack(api_port=18100, rasa_port=15205, actions_port=15255).start()
    try:
        results = asyncio.run(run_scenarios(stack))
        memory = {name: resident_mb(pid) for name, pid in stack.pids().items()}
    finally:
        stack.stop()
    model = ROOT / "var" / "models"
    seconds = sorted(model.glob("wegwijs-*.seconds"), key=lambda p: p.stat().st_mtime)
    section = report(results, memory, seconds[-1].read_text().strip() if seconds else "?")
    write_section("latency", section)
    print(section)


if __name__ == "__main__":
    main()
