"""Personal data is removed from questions before they are stored; ordinary text is kept."""

from __future__ import annotations

import pytest

from api.questions.scrub import scrub

CASES = [
    ("nl", "bel mij op 0470 12 34 56 aub", "bel mij op [phone] aub"),
    ("nl", "mijn nummer is +32 470 12 34 56", "mijn nummer is [phone]"),
    ("nl", "rijksregisternummer 85.07.30-033.28 klopt niet", "rijksregisternummer [national-number] klopt niet"),
    ("nl", "ik heet Fatima en ik zoek opvang", "ik heet [name] en ik zoek opvang"),
    ("fr", "mon mail est jean.dupont@example.be merci", "mon mail est [email] merci"),
    ("fr", "je m'appelle Aïcha Benali, j'ai une question", "je m'appelle [name], j'ai une question"),
    ("fr", "virement sur BE68 5390 0754 7034 svp", "virement sur [iban] svp"),
    ("en", "my name is John and my iban is BE68539007547034", "my name is [name] and my iban is [iban]"),
    ("en", "call 053/72.36.54 tomorrow", "call [phone] tomorrow"),
    ("ar", "اسمي محمد وأحتاج مساعدة", "اسمي [name] وأحتاج مساعدة"),
    ("ar", "رقمي 0488123456", "رقمي [phone]"),
    ("tr", "benim adım Ayşe, kreş arıyorum", "benim adım [name], kreş arıyorum"),
    ("tr", "e-postam ayse.yilmaz@mail.com", "e-postam [email]"),
    ("tr", "numaram 0032 488 12 34 56", "numaram [phone]"),
]

KEPT = [
    "ik heb 3 kinderen van 2, 5 en 7 jaar",
    "la facture est de 105 euros pour 2025-2026",
    "my son is 12 and the trip costs 520 euro",
    "عندي ٣ أطفال",
    "kira 850 euro, 2 çocuğum var",
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_personal_data_is_removed(language, text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_is_kept(text):
    assert scrub(text) == text
