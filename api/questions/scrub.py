"""Removes personal data from a parent's text before it is stored."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
# Belgian national register number: YY.MM.DD-XXX.CC, with or without separators.
NATIONAL_NUMBER = re.compile(r"\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[.\s]?\d{2}\b")
PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d[\d\s./()-]{6,}\d(?![\w])")
NAME_INTRO = re.compile(
    r"((?:my name is|i am called|ik heet|mijn naam is|je m'appelle|mon nom est|benim adım|adım|ismim|اسمي|ana ismi|esmi)\s+)"
    r"([^\s,.!?]+(?:\s+[A-ZÀ-Þ][^\s,.!?]*)?)",
    re.IGNORECASE,
)

REPLACEMENTS = (
    (EMAIL, "[email]"),
    (IBAN, "[iban]"),
    (NATIONAL_NUMBER, "[national-number]"),
    (PHONE, "[phone]"),
)


def scrub(text: str) -> str:
    """Returns the text with e-mail addresses, IBANs, national register numbers, phone numbers and given names removed."""
    for pattern, placeholder in REPLACEMENTS:
        text = pattern.sub(placeholder, text)
    return NAME_INTRO.sub(lambda m: m.group(1) + "[name]", text)
