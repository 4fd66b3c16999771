"""Errs on the side of safety: a plausible emergency gets its helpline first, even when it is not the top intent."""

from __future__ import annotations

from api.answers.danger_words import danger_intent
from api.answers.topics import topic_for

# Chosen on the held-out sets (benchmarks/nlu.py reports recall and false alarms): a helpline shown once too often,
# before the answer the parent asked for, costs far less than one missed. When the model thinks the message is out of
# scope altogether, a higher floor keeps unrelated questions from getting a helpline.
EMERGENCY_FLOOR = 0.08
EMERGENCY_FLOOR_OUT_OF_SCOPE = 0.3


def emergency_alarm(ranking: list[dict], text: str = "") -> str | None:
    """Returns the most likely emergency intent when the model finds it plausible or the text has danger words."""
    return _model_alarm(ranking) or danger_intent(text)


def _model_alarm(ranking: list[dict]) -> str | None:
    """Returns the most likely emergency intent when the model ranks one above its floor, else None."""
    ranked = [r for r in ranking if r.get("name") != "nlu_fallback"]
    if not ranked:
        return None
    top_is_out_of_scope = topic_for(ranked[0]["name"]) == "out_of_scope"
    floor = EMERGENCY_FLOOR_OUT_OF_SCOPE if top_is_out_of_scope else EMERGENCY_FLOOR
    for candidate in ranked:
        if topic_for(candidate["name"]) == "emergency" and candidate.get("confidence", 0) >= floor:
            return candidate["name"]
    return None
