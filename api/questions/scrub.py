"""Removes personal data from a parent's text before it is stored."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?\d{1,3})?\b")
# Belgian national register number: YY.MM.DD-XXX.CC, with or without separators.
NATIONAL_NUMBER = re.compile(r"\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[.\s]?\d{2}\b")
PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d[\d\s./()-]{6,}\d(?![\w])")
MIN_PHONE_DIGITS = 9
# The intro is matched in any case; a second name word only when it is capitalised ("Aïcha Benali", not "and").
NAME_INTRO = re.compile(
    r"((?i:my name is|i am called|ik heet|mijn naam is|je m'appelle|mon nom est|benim adım|adım|ismim|اسمي|ana ismi|esmi)\s+)"
    r"([^\s,.!?]+(?:\s+[A-ZÀ-ÞÇĞİÖŞÜ][^\s,.!?]*)?)"
)

REPLACEMENTS = (
    (EMAIL, "[email]"),
    (IBAN, "[iban]"),
    (NATIONAL_NUMBER, "[national-number]"),
)


def _phone(match: re.Match) -> str:
    """Replaces a run of digits that is long enough to be a phone number (not a year range or an amount)."""
    digits = sum(c.isdigit() for c in match.group(0))
    return "[phone]" if digits >= MIN_PHONE_DIGITS else match.group(0)


def scrub(text: str) -> str:
    """Returns the text with e-mail addresses, IBANs, national register numbers, phone numbers and given names removed."""
    for pattern, placeholder in REPLACEMENTS:
        text = pattern.sub(placeholder, text)
    text = PHONE.sub(_phone, text)
    return NAME_INTRO.sub(lambda m: m.group(1) + "[name]", text)
