"""Removes personal data from a parent's text before it is stored."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?\d{1,3})?\b")
# Belgian national register number: YY.MM.DD-XXX.CC, with or without separators.
NATIONAL_NUMBER = re.compile(r"\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[.\s]?\d{2}\b")
PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d[\d\s./()-]{6,}\d(?![\w])")
MIN_PHONE_DIGITS = 9
# The intro is matched in any case; a second name word only when it is capitalised ("Aïcha Benali", not "and"),
# or, in Arabic script, which has no capitals, when it starts with the article of a family name ("الزهراء").
NAME_INTRO = re.compile(
    r"((?:(?<!\w)|(?<=و))(?i:my (?:first )?name is|my name's|i am called|i'm called|ik heet|mijn (?:voor)?naam is|"
    r"je m['’]appelle|mon (?:pr[ée])?nom est|benim ad[ıi]m|ismim|اسمي|إسمي|ana ismi|esmi)\s+)"
    r"([^\s,.!?،؟]+(?:(?:\s+[A-ZÀ-ÞÇĞİÖŞÜ][^\s,.!?]*){1,2}|\s+ال[\u0621-\u064A]+)?)"
)
# Turkish "adım" alone also means "step" ("adım adım"): a name only when it is capitalised.
TURKISH_NAME = re.compile(r"((?<!\w)(?i:ad[ıi]m)\s+)([A-ZÇĞİÖŞÜ][^\s,.!?]*(?:\s+[A-ZÇĞİÖŞÜ][^\s,.!?]*)?)")

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
    text = NAME_INTRO.sub(lambda m: m.group(1) + "[name]", text)
    return TURKISH_NAME.sub(lambda m: m.group(1) + "[name]", text)
