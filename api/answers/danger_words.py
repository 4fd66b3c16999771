"""Danger words: phrases that put an emergency helpline first whatever the model says (data/safety/danger_words.yml)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Phrases:
    """The danger words of one intent: word sequences by their first word, and Arabic phrases matched inside words."""

    by_first_word: dict[str, tuple[tuple[str, ...], ...]]
    arabic: tuple[str, ...]

    def found_in(self, folded: str) -> bool:
        """Says whether a folded text contains one of the phrases."""
        words = folded.split()
        for start, word in enumerate(words):
            for phrase in self.by_first_word.get(word, ()):
                if tuple(words[start:start + len(phrase)]) == phrase:
                    return True
        return bool(ARABIC_LETTER.search(folded)) and any(phrase in folded for phrase in self.arabic)


def _phrases(phrases: list[str]) -> _Phrases:
    """Indexes phrases so that a message is read once, however long the list grows."""
    folded = {fold(str(p)) for p in phrases}
    arabic = {p for p in folded if ARABIC_LETTER.search(p)}
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    for phrase in folded - arabic:
        words = tuple(phrase.split())
        by_first_word.setdefault(words[0], []).append(words)
    return _Phrases({word: tuple(found) for word, found in by_first_word.items()}, tuple(sorted(arabic)))


@lru_cache(maxsize=1)
def _lexicon() -> list[tuple[str, _Phrases]]:
    """The phrases of each emergency intent, in the file's order (the most urgent helpline first)."""
    data = yaml.safe_load(DANGER_WORDS.read_text(encoding="utf-8"))
    return [(intent, _phrases([p for phrases in by_language.values() for p in phrases]))
            for intent, by_language in data.items()]


def danger_intent(text: str) -> str | None:
    """Returns the emergency intent whose danger words the text contains, in any of the five languages, else None."""
    folded = fold(text or "")
    for intent, phrases in _lexicon():
        if phrases.found_in(folded):
            return intent
    return None
