"""The 👍/👎 buttons after topic answers, and the rating their payload carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.i18n import N_, gettext

RATING_PAYLOAD = re.compile(r'^/feedback\{"helpful": ?"(yes|no)", ?"intent": ?"([a-z_]{2,60})"\}$')
RATING_LABELS = {"yes": N_("👍 Helpful"), "no": N_("👎 Not helpful")}


@dataclass(frozen=True)
class Rating:
    """A parent's rating of the answer to an intent."""

    helpful: bool
    intent: str


def parse_rating(payload: str) -> Rating | None:
    """Returns the rating a button payload carries, or None when it is not a rating."""
    match = RATING_PAYLOAD.match(payload)
    return Rating(helpful=match.group(1) == "yes", intent=match.group(2)) if match else None


def rating_buttons(intent: str, language: str) -> list[dict]:
    """Returns the 👍 and 👎 buttons for the answer to an intent."""
    return [{"title": gettext(label, language), "payload": f'/feedback{{"helpful":"{value}","intent":"{intent}"}}'}
            for value, label in RATING_LABELS.items()]
