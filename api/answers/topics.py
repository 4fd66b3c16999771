"""The topic contract: which topic every intent belongs to (bot/topics.yml)."""

from __future__ import annotations

from functools import lru_cache

import yaml

from api.settings import ROOT

TOPICS_FILE = ROOT / "bot" / "topics.yml"
FALLBACK_INTENT = "nlu_fallback"

# The answer a topic button leads to, for suggestions after an unclear question.
MAIN_INTENT = {
    "childcare": "childcare_find_place",
    "uitpas": "uitpas_what",
    "housing": "housing_register",
    "school_costs": "school_max_bill",
    "food": "food_help",
    "money_debt": "money_debt_help",
    "health": "health_costs",
    "parenting": "parenting_support",
}


@lru_cache(maxsize=1)
def topic_of_intent() -> dict[str, str]:
    """Maps every intent to its topic."""
    contract = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))["topics"]
    return {intent: topic for topic, spec in contract.items() for intent in spec["intents"]}


def topic_for(intent: str | None) -> str:
    """Returns the topic of an intent; unknown and fallback intents are out of scope."""
    return topic_of_intent().get(intent or "", "out_of_scope")
