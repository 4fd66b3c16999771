"""Guesses the language of a message with lingua, restricted to the supported languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from api.settings import get_settings

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿğışçöüĞİŞÇÖÜ]")
MIN_WORDS = 3
MIN_LETTERS = 12
MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Guess:
    """A language guess, and whether it is clear enough to switch the conversation's language."""

    language: str | None
    confidence: float
    reliable: bool


@lru_cache(maxsize=1)
def detector():
    """Builds the detector once, for the configured languages only."""
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in get_settings().languages]
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def guess(text: str) -> Guess:
    """Guesses the language of a text; short or ambiguous texts give an unreliable guess."""
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    if arabic and arabic >= latin and "ar" in get_settings().languages:
        return Guess("ar", 1.0, reliable=arabic >= 2)
    if latin == 0:
        return Guess(None, 0.0, reliable=False)
    values = detector().compute_language_confidence_values(text)
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    words = len(re.findall(r"\w+", text))
    reliable = words >= MIN_WORDS and latin >= MIN_LETTERS and top.value >= MIN_CONFIDENCE
    return Guess(code, round(top.value, 3), reliable)
