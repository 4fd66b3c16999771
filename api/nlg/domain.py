"""The English source texts and buttons of every response (bot/responses/), which are also the message ids."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from api.settings import get_settings


@dataclass(frozen=True)
class SourceResponse:
    """A response in its source language: English text and buttons."""

    name: str
    text: str
    buttons: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def responses() -> dict[str, SourceResponse]:
    """Returns every response by name."""
    found: dict[str, SourceResponse] = {}
    for path in sorted(Path(get_settings().responses_dir).glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (domain.get("responses") or {}).items():
            variation = variations[0]
            buttons = tuple((b["title"], b["payload"]) for b in variation.get("buttons") or [])
            found[name] = SourceResponse(name, variation.get("text", ""), buttons)
    return found
