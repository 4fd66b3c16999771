"""Call-back benchmark: time from the parent's consent in the chat to the request being visible in the staff inbox."""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid

import httpx

from benchmarks.common import percentile, write_section
from tests.e2e.stack import Stack

REQUESTS = 40
PASSWORD = "benchmark coordinator password"


def fill_form(api: str, index: int) -> httpx.Client:
    """Walks one parent through the form up to the consent question."""
    parent = httpx.Client(base_url=api, timeout=60)
    for body in ({"text": "kan iemand mij terugbellen"}, {"text": f"0470 {index:02d} 12 34"}, {"payload": "morning"},
                 {"payload": "nl"}, {"payload": "skip"}):
        parent.post("/api/chat/messages", json={**body, "message_id": uuid.uuid4().hex, "language": "nl"})
    return parent


def main() -> None:
    """Measures consent → visible in the inbox for REQUESTS parents, one after the other."""
    stack = Stack(api_port=18200, rasa_port=15405, actions_port=15455).start()
    try:
        stack.create_staff("bench", "coordinator", PASSWORD)
        staff = httpx.Client(base_url=stack.api_url, timeout=60)
        staff.post("/staff/login", data={"username": "bench", "password": PASSWORD})
        latencies = []
        for index in range(REQUESTS):
            parent = fill_form(stack.api_url, index)
            start = time.perf_counter()
            reply = parent.post("/api/chat/messages", json={"payload": "yes", "message_id": uuid.uuid4().hex})
            reference = re.search(r"WW-[A-Z0-9]{5}", reply.json()["messages"][-1]["text"]).group(0)
            while reference not in staff.get("/staff/callbacks").text:
                time.sleep(0.01)
            latencies.append((time.perf_counter() - start) * 1000)
    finally:
        stack.stop()
    section = "\n".join([
        "## Call-back (`make bench-callback`)",
        "",
        f"Run {dt.date.today().isoformat()}: {REQUESTS} parents fill the form in the web chat; measured from sending the "
        "consent (\"yes\") to the request's reference appearing in the staff inbox page (logged-in coordinator), on the "
        "real processes with SQLite.",
        "",
        f"p50 **{percentile(latencies, .5):.0f} ms**, p95 **{percentile(latencies, .95):.0f} ms**, "
        f"max {max(latencies):.0f} ms.",
    ])
    write_section("callback", section)
    print(section)


if __name__ == "__main__":
    main()
