"""Danger words: phrases, and word groups that together put an emergency helpline first whatever the model says."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import yaml

from api.settings import ROOT

DANGER_WORDS = ROOT / "data" / "safety" / "danger_words.yml"
DANGER_COMBINATIONS = ROOT / "data" / "safety" / "danger_combinations.yml"
ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
ARABIC_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ı": "i"})
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def fold(text: str) -> str:
    """Returns the text lowercased, without accents or Arabic diacritics, punctuation as single spaces."""
    text = ARABIC_DIACRITICS.sub("", text.lower()).translate(ARABIC_FOLDS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# The label of a phrase in the index; a combination's group is labelled (combination number, group number).
PHRASE = "phrase"


@dataclass(frozen=True)
class _Lexicon:
    """The danger words of one intent: phrases and combinations' groups, indexed to read a message once.

    Latin entries are word sequences looked up by their first word; Arabic entries are matched inside words, so
    that attached prefixes (و، ال، ب) do not hide them. A combination raises the alarm when every one of its groups
    is found, in any order: "rattengif" and "gegeten" are everyday words apart, and an emergency together.
    """

    by_first_word: dict[str, tuple[tuple[tuple[str, ...], object], ...]]
    arabic: tuple[tuple[str, object], ...]
    combinations: tuple[frozenset, ...]

    def found_in(self, folded: str) -> bool:
        """Says whether a folded text contains a phrase, or every group of a combination."""
        found = set()
        words = folded.split()
        for start, word in enumerate(words):
            for phrase, label in self.by_first_word.get(word, ()):
                if tuple(words[start:start + len(phrase)]) == phrase:
                    if label == PHRASE:
                        return True
                    found.add(label)
        if ARABIC_LETTER.search(folded):
            for phrase, label in self.arabic:
                if phrase in folded:
                    if label == PHRASE:
                        return True
                    found.add(label)
        return any(groups <= found for groups in self.combinations)


def _lexicon_of(phrases: list[str], combinations: list[list[list[str]]]) -> _Lexicon:
    """Indexes the phrases and the combinations' groups of one intent."""
    entries = {(fold(str(p)), PHRASE) for p in phrases}
    for number, groups in enumerate(combinations):
        entries |= {(fold(str(p)), (number, index)) for index, group in enumerate(groups) for p in group}
    by_first_word: dict[str, list] = {}
    arabic = []
    for phrase, label in sorted(entries, key=str):
        if ARABIC_LETTER.search(phrase):
            arabic.append((phrase, label))
        else:
            words = tuple(phrase.split())
            by_first_word.setdefault(words[0], []).append((words, label))
    return _Lexicon({word: tuple(found) for word, found in by_first_word.items()}, tuple(arabic),
                    tuple(frozenset((number, index) for index in range(len(groups)))
                          for number, groups in enumerate(combinations)))


@lru_cache(maxsize=1)
def _lexicon() -> list[tuple[str, _Lexicon]]:
    """The danger words of each emergency intent, in the phrase file's order (the most urgent helpline first)."""
    phrases = yaml.safe_load(DANGER_WORDS.read_text(encoding="utf-8"))
    combinations = yaml.safe_load(DANGER_COMBINATIONS.read_text(encoding="utf-8"))
    return [(intent, _lexicon_of([p for words in by_language.values() for p in words],
                                 combinations.get(intent) or []))
            for intent, by_language in phrases.items()]


def danger_intent(text: str) -> str | None:
    """Returns the emergency intent whose danger words the text contains, in any of the five languages, else None."""
    folded = fold(text or "")
    for intent, phrases in _lexicon():
        if phrases.found_in(folded):
            return intent
    return None
