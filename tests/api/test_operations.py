"""Liveness, readiness, metrics and structured logs of the api process."""

from __future__ import annotations

import json
import logging
import re

from api.logs import JsonFormatter, WithoutInternalCalls
from api.settings import Settings
from tests.conftest import INTERNAL


def test_health_says_the_process_is_up(client):
    assert client.get("/health").json() == {"status": "ok"}


def test_ready_needs_rasa_as_well_as_the_database(client):
    # The unit tests point rasa at a port where nothing listens.
    reply = client.get("/ready")

    assert reply.status_code == 503
    assert reply.json() == {"status": "not_ready", "database": True, "rasa": {"replicas": 1, "reachable": 0}}


def test_metrics_count_answers_per_channel_and_topic_and_fallbacks(client):
    for intent in ("childcare_find_place", "nlu_fallback"):
        client.post("/internal/answers", headers=INTERNAL, json={"intent": intent, "channel": "telegram"})

    metrics = client.get("/metrics").text

    assert 'wegwijs_messages_total{channel="telegram",topic="childcare"}' in metrics
    assert 'wegwijs_messages_total{channel="telegram",topic="out_of_scope"}' in metrics
    assert 'wegwijs_fallbacks_total{channel="telegram"}' in metrics
    assert re.search(r"^wegwijs_callback_queue_age_seconds \d", metrics, re.M)


def test_a_failed_turn_is_timed_as_unavailable(client):
    client.post("/api/chat/messages", json={"text": "hallo", "language": "nl"})

    assert 'wegwijs_turn_seconds_count{channel="web",outcome="unavailable"}' in client.get("/metrics").text


def test_access_logs_are_json_without_the_client_address_or_query():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("203.0.113.7:5123", "GET", "/chat?lang=nl&q=my+name", "1.1", 200), None)

    line = JsonFormatter().format(record)

    assert json.loads(line)["path"] == "/chat" and json.loads(line)["status"] == 200
    assert "203.0.113.7" not in line and "name" not in line.replace('"logger"', "")


def access_line(path: str, status: int) -> logging.LogRecord:
    """An access-log record as uvicorn makes it."""
    return logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                             ("127.0.0.1:5123", "POST", path, "1.1", status), None)


def test_internal_calls_leave_an_access_line_only_when_they_fail():
    keep = WithoutInternalCalls().filter

    assert not keep(access_line("/nlg", 200)) and not keep(access_line("/internal/answers", 200))
    assert keep(access_line("/nlg", 401)) and keep(access_line("/internal/answers", 500))
    assert keep(access_line("/api/chat/messages", 200)) and keep(access_line("/nlgx", 200))


def test_several_rasa_replicas_are_read_from_a_comma_separated_list():
    settings = Settings(rasa_urls="http://rasa-1:5005, http://rasa-2:5005")

    assert settings.rasa_replicas == ["http://rasa-1:5005", "http://rasa-2:5005"]
    assert Settings().rasa_replicas == [Settings().rasa_url]
