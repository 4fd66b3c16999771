"""Danger words: phrases that put an emergency helpline first whatever the model says (data/safety/danger_words.yml)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import yaml

from api.settings import ROOT

DANGER_WORDS = ROOT / "data" / "safety" / "danger_words.yml"
ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
ARABIC_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ı": "i"})
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def fold(text: str) -> str:
    """Returns the text lowercased, without accents or Arabic diacritics, punctuation as single spaces."""
    text = ARABIC_DIACRITICS.sub("", text.lower()).translate(ARABIC_FOLDS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _pattern(phrases: list[str]) -> re.Pattern:
    """Matches any phrase as whole words; Arabic phrases also inside a word, which carries prefixes and suffixes."""
    parts = []
    for phrase in sorted({fold(str(p)) for p in phrases}, key=len, reverse=True):
        escaped = re.escape(phrase)
        parts.append(escaped if ARABIC_LETTER.search(phrase) else rf"(?<!\w){escaped}(?!\w)")
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    """One pattern per emergency intent, in the file's order (the most urgent helpline first)."""
    data = yaml.safe_load(DANGER_WORDS.read_text(encoding="utf-8"))
    return [(intent, _pattern([p for phrases in by_language.values() for p in phrases]))
            for intent, by_language in data.items()]


def danger_intent(text: str) -> str | None:
    """Returns the emergency intent whose danger words the text contains, in any of the five languages, else None."""
    folded = fold(text or "")
    for intent, pattern in _patterns():
        if pattern.search(folded):
            return intent
    return None
