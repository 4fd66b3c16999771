"""Babel extractor: the response texts and button titles in bot/responses/ are the message ids."""

from __future__ import annotations

from typing import IO, Iterator

import yaml


def extract_responses(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple]:
    """Yields every response text and button title of a responses file."""
    domain = yaml.safe_load(fileobj) or {}
    for name, variations in (domain.get("responses") or {}).items():
        for variation in variations:
            if variation.get("text"):
                yield 1, None, variation["text"], [name]
            for button in variation.get("buttons") or []:
                yield 1, None, button["title"], [f"{name} button"]
