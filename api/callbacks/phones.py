"""Phone numbers for call-backs: parsed, checked and normalised to E.164, Belgian by default."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

DEFAULT_REGION = "BE"
LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
REFUSED_TYPES = {PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN, PhoneNumberType.PAGER}


@dataclass(frozen=True)
class PhoneCheck:
    """The outcome of checking a typed number: its E.164 form, or why it was refused."""

    e164: str | None
    problem: str | None


def check_phone(text: str, *, region: str = DEFAULT_REGION) -> PhoneCheck:
    """Checks a phone number as a parent typed it; problems: letters, invalid, premium."""
    text = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")).strip()
    if LETTERS.search(text):
        return PhoneCheck(None, "letters")
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return PhoneCheck(None, "invalid")
    if not phonenumbers.is_valid_number(number):
        return PhoneCheck(None, "invalid")
    if phonenumbers.number_type(number) in REFUSED_TYPES:
        return PhoneCheck(None, "premium")
    return PhoneCheck(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None)
