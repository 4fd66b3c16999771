"""Load benchmark: realistic web-chat conversations of many distinct parents against the production topology
(PostgreSQL, Redis lock store, rasa replicas behind the api), at 50 and 200 concurrent parents, with two replicas
and then one replica in the same run; every message is counted until its reply arrives."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import random
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from api.callbacks.models import CallbackRequest
from benchmarks.common import ROOT, nlu_examples, percentile, write_section
from tests.integration.services import Postgres, Redis
from tests.integration.topology import Topology

LANGUAGES = ("nl", "fr", "en", "ar", "tr")
GREETINGS = {"nl": "hallo", "fr": "bonjour", "en": "hello", "ar": "مرحبا", "tr": "merhaba"}
LEVELS = (50, 200)
PHASE_SECONDS = 60.0
WARM_UP_PARENTS = 20
# Parents read each answer before they reply.
READING_SECONDS = (0.5, 2.0)
# One parent in four asks for a call-back and fills the whole form.
CALLBACK_SHARE = 0.25


@dataclass
class Phase:
    """What one phase measured."""

    replicas: int
    parents: int
    latencies: list[float] = field(default_factory=list)
    sent: int = 0
    answered: int = 0
    answered_in_window: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    forms_confirmed: int = 0
    seconds: float = 0.0
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        """Replies that arrived within the phase's window, per second of the window."""
        return self.answered_in_window / self.seconds if self.seconds else 0.0

    @property
    def lost(self) -> int:
        return self.sent - self.answered - sum(self.errors.values())


def questions() -> dict[str, list[str]]:
    """Held-out questions of each language (never trained on)."""
    return {lang: [text for text, _ in nlu_examples(ROOT / "tests/nlu" / f"{lang}.yml")] for lang in LANGUAGES}


def conversation(language: str, texts: dict[str, list[str]], number: int) -> list[dict]:
    """A parent's messages: a greeting, two questions, a button; or a question and the call-back form."""
    question = {"text": random.choice(texts[language])}
    if random.random() < CALLBACK_SHARE:
        phone = f"0470 {number // 10000 % 100:02d} {number // 100 % 100:02d} {number % 100:02d}"
        return [{"text": GREETINGS[language]}, question, {"payload": "/callback_request"}, {"text": phone},
                {"payload": "morning"}, {"payload": language}, {"payload": "skip"}, {"payload": "yes"}]
    return [{"text": GREETINGS[language]}, question, {"follow_up": True}, {"text": random.choice(texts[language])}]


async def parent(api: httpx.AsyncClient, phase: Phase, script: list[dict], language: str, deadline: float) -> None:
    """Plays one parent's conversation; each message is counted as answered, an error, or lost."""
    cookie = {"Cookie": f"wegwijs_web=load-{uuid.uuid4().hex}"}
    buttons: list[dict] = []
    for step in script:
        if time.monotonic() >= deadline:
            return
        if step.get("follow_up"):
            if not buttons:
                continue
            step = {"payload": buttons[0]["payload"]}
        body = {"text": step.get("text", ""), "payload": step.get("payload"), "language": language,
                "message_id": uuid.uuid4().hex}
        phase.sent += 1
        started = time.perf_counter()
        try:
            reply = await api.post("/api/chat/messages", json=body, headers=cookie)
        except httpx.HTTPError as error:
            phase.errors[type(error).__name__] = phase.errors.get(type(error).__name__, 0) + 1
            return
        if reply.status_code != 200:
            phase.errors[str(reply.status_code)] = phase.errors.get(str(reply.status_code), 0) + 1
            return
        messages = reply.json()["messages"]
        if not messages:
            return  # lost: accepted, but no answer came back
        phase.answered += 1
        phase.answered_in_window += time.monotonic() < deadline
        phase.latencies.append((time.perf_counter() - started) * 1000)
        buttons = messages[-1].get("buttons") or []
        if step.get("payload") == "yes":
            phase.forms_confirmed += 1
        await asyncio.sleep(random.uniform(*READING_SECONDS))


async def run_phase(api: httpx.AsyncClient, phase: Phase, texts: dict[str, list[str]], seconds: float,
                    numbers: itertools.count) -> Phase:
    """Keeps `phase.parents` parents in conversation for a while; a parent who finishes is followed by a new one."""
    deadline = time.monotonic() + seconds
    phase.seconds = seconds

    async def seat(index: int) -> None:
        await asyncio.sleep(random.uniform(0, READING_SECONDS[1]))  # parents do not all arrive at once
        while time.monotonic() < deadline:
            language = LANGUAGES[(index + next(numbers)) % len(LANGUAGES)]
            await parent(api, phase, conversation(language, texts, next(numbers)), language, deadline)

    await asyncio.gather(*(seat(i) for i in range(phase.parents)))
    return phase


def stored_callbacks(topology: Topology) -> int:
    """Counts the call-back requests stored by the load's parents (their numbers start with +32470)."""
    engine = create_engine(topology.postgres.url("wegwijs"))
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(CallbackRequest)
                                  .where(CallbackRequest.phone.like("+32470%")))
    finally:
        engine.dispose()


def cpu_seconds(pid: int) -> float:
    """Returns the processor time a process and its living children (Sanic's workers) have used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    children = [int(c) for task in Path(f"/proc/{pid}/task").glob("*/children") for c in task.read_text().split()]
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") + sum(cpu_seconds(c) for c in children)


def machine_busy_seconds() -> float:
    """Returns the processor time all processes on the machine have used so far."""
    user, nice, system, idle, iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """Returns the processor time this load generator has used so far (without the processes it started)."""
    times = os.times()
    return times.user + times.system


def postmaster(topology: Topology) -> int:
    """Returns the process id of the PostgreSQL server (its backends are its children)."""
    return int((topology.postgres.data_dir / "cluster" / "postmaster.pid").read_text().split()[0])


async def measure(topology: Topology) -> tuple[list[Phase], int]:
    """Runs each level with two replicas and with one (api restarted with one replica URL), in the order 2-1-1-2 so
    that the other work on the machine weighs on both alike; returns the phases and the call-back forms confirmed."""
    texts = questions()
    numbers = itertools.count(1)
    phases, confirmed = [], 0
    order = [(2, LEVELS[0]), (1, LEVELS[0]), (1, LEVELS[1]), (2, LEVELS[1])]
    for replicas, level in order:
        if replicas != topology.replicas:
            topology.replicas = replicas
            topology.stop("api")
            topology.start_api()
        limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
        async with httpx.AsyncClient(base_url=topology.api_url, timeout=120, limits=limits) as api:
            warm_up = await run_phase(api, Phase(replicas, 10), texts, 15, numbers)
            pids = {**topology.pids(), "postgres": postmaster(topology)}
            before = {name: cpu_seconds(pid) for name, pid in pids.items()}
            busy, own = machine_busy_seconds(), own_cpu_seconds()
            phase = await run_phase(api, Phase(replicas, level), texts, PHASE_SECONDS, numbers)
            phase.cpu_seconds = {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()}
            phase.cpu_seconds["load"] = own_cpu_seconds() - own
            phase.cpu_seconds["other"] = machine_busy_seconds() - busy - sum(phase.cpu_seconds.values())
        confirmed += warm_up.forms_confirmed + phase.forms_confirmed
        phases.append(phase)
        print(f"{replicas} replica(s), {level} parents: {phase.per_second:.1f} msg/s, errors {phase.errors}, "
              f"lost {phase.lost}, cpu {phase.cpu_seconds}", flush=True)
    return sorted(phases, key=lambda p: (-p.replicas, p.parents)), confirmed


def report(phases: list[Phase], callbacks: tuple[int, int]) -> str:
    """Formats the results as Markdown."""
    rows = ["| rasa replicas | concurrent parents | sent | answered | per second | p50 ms | p95 ms | errors | lost | "
            "CPU s: api · actions · rasa-1 · rasa-2 · PostgreSQL · load generator · other work |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for p in phases:
        errors = sum(p.errors.values())
        cpu = " · ".join(f"{p.cpu_seconds.get(name, 0):.0f}" for name in ("api", "actions", "rasa-1", "rasa-2", "postgres", "load", "other"))
        rows.append(f"| {p.replicas} | {p.parents} | {p.sent} | {p.answered} | {p.per_second:.1f} | "
                    f"{percentile(p.latencies, .5):.0f} | {percentile(p.latencies, .95):.0f} | "
                    f"{errors}{' ' + str(p.errors) if errors else ''} | {p.lost} | {cpu} |")
    by = {(p.replicas, p.parents): p for p in phases}
    ratio = {level: by[(2, level)].per_second / by[(1, level)].per_second for level in LEVELS}
    ratios = " · ".join(f"{level} parents **{ratio[level]:.2f}×**" for level in LEVELS)
    confirmed, stored = callbacks
    return "\n".join([
        "## Load (`make bench-load`)",
        "",
        f"Run {dt.date.today().isoformat()} on this 2-core machine (shared with other work), the production "
        "topology without Docker: PostgreSQL (application DB and Rasa's tracker store), Redis (Rasa's lock store), "
        "api routing each sender to its rasa replica, actions; all on loopback. Each simulated parent is a new "
        "web-chat sender in one of the five languages: a greeting, a held-out question, the first follow-up button "
        f"and another question, or (one in {round(1 / CALLBACK_SHARE)}) a question and the whole call-back form "
        f"(8 messages); parents read {READING_SECONDS[0]}–{READING_SECONDS[1]} s before each reply and a parent who "
        f"is done is replaced by a new one. Each phase lasts {PHASE_SECONDS:.0f} s after a warm-up, in the order "
        "2-1-1-2 replicas (api restarted with one replica URL between them); per second = replies arriving within "
        "the phase; a message counts as answered only when its reply arrived with at least one message (messages "
        "in flight at the end are awaited); lost = sent, neither answered nor refused. CPU = processor seconds each "
        "process used during the phase, its children included; 'other work' is what the rest of this shared machine "
        "used meanwhile (2 cores give 120 s a minute, and Redis is in it), so compare rows with it in mind.",
        "",
        *rows,
        "",
        f"Throughput of two replicas over one, same run: {ratios}. Call-back forms confirmed: {confirmed}; "
        f"requests stored: {stored} (a form counts as confirmed when the answer to its \"yes\" arrived).",
        "",
        "Two Rasa replicas on two cores that also run api, actions and PostgreSQL add safety (a replica can die "
        "without losing a conversation, see `tests/integration`) more than speed, because one replica already keeps "
        "the cores busy; on separate hosts each replica brings its own cores." if max(ratio.values()) < 1.3 else
        "A second replica adds throughput even on these two shared cores; on separate hosts each brings its own.",
    ])


def main() -> None:
    """Starts the topology, runs the phases and appends the section to BENCHMARKS.md."""
    topology = Topology(api_port=19400, rasa_port=19405, actions_port=19455, postgres=Postgres(port=15733),
                        redis=Redis(port=16680)).start()
    try:
        phases, confirmed = asyncio.run(measure(topology))
        callbacks = (confirmed, stored_callbacks(topology))
    finally:
        topology.stop_all()
    section = report(phases, callbacks)
    write_section("load", section)
    print(section)


if __name__ == "__main__":
    main()
