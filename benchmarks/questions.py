"""Question review benchmark: the review page, the charts and the signals report with 100,000 logged questions."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import time

import httpx
from sqlalchemy import create_engine, insert
from sqlalchemy.orm import Session

from api.answers.topics import topic_for
from api.questions.grouping import training_examples
from api.questions.models import LoggedQuestion, QuestionCount
from api.questions.scrub import scrub
from benchmarks.common import ROOT, percentile, write_section
from tests.e2e.stack import Stack

QUESTIONS = 100_000
DAYS = 365
ROUNDS = 30
PASSWORD = "benchmark coordinator password"
CHANNELS = ("web", "telegram", "whatsapp")
REASONS = ("fallback", "out_of_scope", "not_helpful")
LANGUAGES = ("nl", "fr", "en", "ar", "tr")


def seed(database_url: str) -> None:
    """Inserts a year of logged questions (texts from the training data, scrubbed) and of daily counts."""
    rng = random.Random(5)
    examples = [(text, intent, language) for language in LANGUAGES
                for text, intent in zip(*training_examples(ROOT / "data" / "nlu" / language, "*.yml"))]
    now = dt.datetime.now(dt.timezone.utc)
    rows = []
    for _ in range(QUESTIONS):
        text, intent, language = rng.choice(examples)
        rows.append({
            "created_at": now - dt.timedelta(seconds=rng.randrange(DAYS * 86400)),
            "text": scrub(text), "language": language, "channel": rng.choice(CHANNELS),
            "intent": intent, "confidence": round(rng.random(), 4), "ranking": [{"name": intent, "confidence": 0.5}],
            "answer": "utter_out_of_scope", "sender_id": None, "status": rng.choice(("new", "new", "reviewed")),
            "reason": rng.choice(REASONS), "topic": topic_for(intent),
        })
    counts = [{"day": (now - dt.timedelta(days=d)).date(), "topic": topic, "language": language, "channel": channel,
               "kind": kind, "count": rng.randrange(1, 40)}
              for d in range(DAYS) for topic in ("childcare", "uitpas", "housing", "school_costs", "out_of_scope")
              for language in LANGUAGES for channel in CHANNELS
              for kind in ("answered", "unanswered", "helpful", "not_helpful")]
    engine = create_engine(database_url)
    with Session(engine) as session:
        for start in range(0, len(rows), 10_000):
            session.execute(insert(LoggedQuestion), rows[start:start + 10_000])
        session.execute(insert(QuestionCount), counts)
        session.commit()


def group_all(stack: Stack) -> float:
    """Groups every seeded question as the review page does, batch by batch; returns the seconds it took."""
    start = time.perf_counter()
    subprocess.run([str(ROOT / ".venv/bin/python"), "-c",
                    "from api.db import get_sessionmaker\n"
                    "from api.questions.grouping import group_new_questions\n"
                    "with get_sessionmaker()() as s:\n"
                    "    while group_new_questions(s):\n"
                    "        pass\n"], cwd=ROOT, env=stack.environment(), check=True)
    return time.perf_counter() - start


def measure(client: httpx.Client, path: str, params: dict) -> list[float]:
    """Requests one page ROUNDS times after a warm-up; returns the durations in milliseconds."""
    assert client.get(path, params=params).status_code == 200
    durations = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        reply = client.get(path, params=params)
        durations.append((time.perf_counter() - start) * 1000)
        assert reply.status_code == 200, reply.text[:300]
    return durations


def main() -> None:
    """Seeds 100,000 questions, starts api alone, and measures the coordinator's pages one request at a time."""
    offset = int(os.environ.get("WEGWIJS_E2E_PORT_OFFSET", "0"))
    stack = Stack(api_port=18300 + offset)
    env = stack.environment()
    subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "api.cli", "setup"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    start = time.perf_counter()
    seed(env["WEGWIJS_DATABASE_URL"])
    seeding = time.perf_counter() - start
    grouping = group_all(stack)
    stack.create_staff("bench", "coordinator", PASSWORD)
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    pages = {
        "review page, default (new questions, newest 50, biggest groups)": ("/staff/questions", {}),
        "review page, language + topic + search": ("/staff/questions", {"language": "fr", "topic": "childcare",
                                                                        "q": "crèche", "status": ""}),
        "review page, one group, page 3": ("/staff/questions", {"group": "1", "status": "", "page": "3"}),
        "chart: questions per week by topic (12 weeks)": ("/staff/questions/charts/topics.svg", {}),
        "chart: biggest unanswered themes (12 weeks)": ("/staff/questions/charts/themes.svg", {}),
        "signals report, last month (HTML)": ("/staff/questions/report", {"month": last_month}),
        "signals report, last month (CSV)": ("/staff/questions/report.csv", {"month": last_month}),
    }
    results = {}
    load = os.getloadavg()[0]
    try:
        stack.start_api()
        client = httpx.Client(base_url=stack.api_url, timeout=120)
        client.post("/staff/login", data={"username": "bench", "password": PASSWORD})
        for name, (path, params) in pages.items():
            results[name] = measure(client, path, params)
            print(name, f"p95 {percentile(results[name], .95):.0f} ms")
    finally:
        stack.stop()
    rows = "\n".join(f"| {name} | {percentile(d, .5):.0f} | {percentile(d, .95):.0f} | {max(d):.0f} |"
                     for name, d in results.items())
    section = "\n".join([
        "## Question review (`make bench-questions`)",
        "",
        f"Run {dt.date.today().isoformat()}: {QUESTIONS:,} logged questions over {DAYS} days (texts of the NLU training "
        f"data in five languages, scrubbed) and a year of daily counts, in SQLite; api alone (uvicorn, one worker), a "
        f"logged-in coordinator, {ROUNDS} requests per page one after the other after a warm-up. Seeding took "
        f"{seeding:.0f} s; grouping all {QUESTIONS:,} questions into similar-question groups took {grouping:.0f} s "
        "(the review page groups new questions as they come, up to 1,000 per page view). The machine (2 cores) was "
        f"shared: load average {load:.1f} at the start of the measurements.",
        "",
        "| page | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|",
        rows,
    ])
    write_section("questions", section)
    print(section)


if __name__ == "__main__":
    main()
