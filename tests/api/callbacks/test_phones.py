"""Phone numbers: Belgian by default, foreign accepted, normalised to E.164; letters, invalid and paying refused."""

from __future__ import annotations

import pytest

from api.callbacks.phones import check_phone

VALID = [
    ("0470 12 34 56", "+32470123456"),
    ("0470/12.34.56", "+32470123456"),
    ("+32 470 12 34 56", "+32470123456"),
    ("0032470123456", "+32470123456"),
    ("053 72 36 54", "+3253723654"),
    ("٠٤٧٠١٢٣٤٥٦", "+32470123456"),
    ("+33 6 12 34 56 78", "+33612345678"),
    ("+90 532 123 45 67", "+905321234567"),
    ("+212 6 12 34 56 78", "+212612345678"),
]
REFUSED = [
    ("0900 12 345", "premium"),
    ("070 22 33 44", "premium"),
    ("call me", "letters"),
    ("0470 12 34 5x", "letters"),
    ("123", "invalid"),
    ("0470 12", "invalid"),
    ("", "invalid"),
    ("+999 123 456 789", "invalid"),
]


@pytest.mark.parametrize(("typed", "e164"), VALID)
def test_valid_numbers_are_normalised(typed, e164):
    assert check_phone(typed).e164 == e164


@pytest.mark.parametrize(("typed", "problem"), REFUSED)
def test_bad_numbers_are_refused_with_a_reason(typed, problem):
    result = check_phone(typed)

    assert result.e164 is None and result.problem == problem
