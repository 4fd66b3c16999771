"""Long answers cut into parts a platform accepts."""

from __future__ import annotations


def split(text: str, limit: int) -> list[str]:
    """Splits a text at line or word breaks into parts no longer than the limit."""
    parts: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > 0 else limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return parts + [text]
