"""Structured logs: one JSON object per line, without personal data (no client addresses, no query strings)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

ACCESS_LOGGER = "uvicorn.access"
# rasa's renders and the action server's calls: several per turn, machine to machine, and timed in /metrics.
NLG_PATH, INTERNAL_PREFIX = "/nlg", "/internal/"


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        if record.name == ACCESS_LOGGER and isinstance(record.args, tuple) and len(record.args) == 5:
            # uvicorn passes (client address, method, path, http version, status): the address identifies a person
            # and a query string may carry text they typed, so only the method, the bare path and the status stay.
            _client, method, path, _version, status = record.args
            entry.update(message="request", method=method, path=str(path).split("?", 1)[0], status=status)
        else:
            entry["message"] = record.getMessage()
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class WithoutInternalCalls(logging.Filter):
    """Keeps the access lines of people's requests, and of internal calls only when they failed."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) == 5:
            _client, _method, path, _version, status = record.args
            path = str(path).split("?", 1)[0]
            return not ((path == NLG_PATH or path.startswith(INTERNAL_PREFIX)) and int(status) < 400)
        return True


def configure_logging() -> None:
    """Sends the process's logs to stderr as JSON lines, uvicorn's included."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    if not root.handlers:  # a test runner's capturing handlers stay as they are
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    for name in ("uvicorn", "uvicorn.error", ACCESS_LOGGER):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False
    logging.getLogger(ACCESS_LOGGER).filters = [WithoutInternalCalls()]
    # httpx logs every request's full address at INFO: Rasa's token, Telegram's bot token and sender ids are in them.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
