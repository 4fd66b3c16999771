"""Personal data is removed from questions before they are stored; ordinary text is kept, in all five languages."""

from __future__ import annotations

import pytest

from api.questions.scrub import scrub

# (language, kind, what a parent types, what is stored)
CASES = [
    ("nl", "phone", "bel mij op 0470 12 34 56 aub", "bel mij op [phone] aub"),
    ("nl", "phone", "mijn nummer is +32 470 12 34 56", "mijn nummer is [phone]"),
    ("nl", "phone", "vast nummer 053/72.36.54 na 17u", "vast nummer [phone] na 17u"),
    ("nl", "email", "mail naar an.peeters@telenet.be als het kan", "mail naar [email] als het kan"),
    ("nl", "iban", "mijn rekening is BE68 5390 0754 7034", "mijn rekening is [iban]"),
    ("nl", "national number", "rijksregisternummer 85.07.30-033.28 klopt niet", "rijksregisternummer [national-number] klopt niet"),
    ("nl", "name", "ik heet Fatima en ik zoek opvang", "ik heet [name] en ik zoek opvang"),
    ("nl", "name", "Mijn naam is Jan De Smet, ik woon in Aalst", "Mijn naam is [name], ik woon in Aalst"),
    ("fr", "phone", "appelez-moi au +32 (0)486 12 34 56 svp", "appelez-moi au [phone] svp"),
    ("fr", "email", "mon mail est jean.dupont@example.be merci", "mon mail est [email] merci"),
    ("fr", "iban", "virement sur BE68 5390 0754 7034 svp", "virement sur [iban] svp"),
    ("fr", "national number", "mon numéro national 85073003328 est sur la carte", "mon numéro national [national-number] est sur la carte"),
    ("fr", "name", "je m'appelle Aïcha Benali, j'ai une question", "je m'appelle [name], j'ai une question"),
    ("fr", "name", "Bonjour, je m’appelle Karim et j'ai 3 enfants", "Bonjour, je m’appelle [name] et j'ai 3 enfants"),
    ("en", "phone", "call 053/72.36.54 tomorrow", "call [phone] tomorrow"),
    ("en", "email", "write to me at sam_k+school@gmail.com please", "write to me at [email] please"),
    ("en", "iban", "my name is John and my iban is BE68539007547034", "my name is [name] and my iban is [iban]"),
    ("en", "national number", "national register 90.02.14 123.45 is wrong", "national register [national-number] is wrong"),
    ("en", "name", "Hello, my name's Grace Okafor and I need help", "Hello, my name's [name] and I need help"),
    ("ar", "phone", "رقمي 0488123456", "رقمي [phone]"),
    ("ar", "phone", "اتصلوا بي على ٠٤٨٨١٢٣٤٥٦ من فضلكم", "اتصلوا بي على [phone] من فضلكم"),
    ("ar", "email", "ايميلي fatima.z@hotmail.com", "ايميلي [email]"),
    ("ar", "iban", "حسابي البنكي BE71 0961 2345 6769", "حسابي البنكي [iban]"),
    ("ar", "national number", "رقمي الوطني 85.07.30-033.28", "رقمي الوطني [national-number]"),
    ("ar", "name", "اسمي محمد وأحتاج مساعدة", "اسمي [name] وأحتاج مساعدة"),
    ("ar", "name", "مرحبا، اسمي فاطمة الزهراء، عندي سؤال", "مرحبا، اسمي [name]، عندي سؤال"),
    ("tr", "phone", "numaram 0032 488 12 34 56", "numaram [phone]"),
    ("tr", "email", "e-postam ayse.yilmaz@mail.com", "e-postam [email]"),
    ("tr", "iban", "IBAN numaram BE71 0961 2345 6769, ödeme için", "IBAN numaram [iban], ödeme için"),
    ("tr", "national number", "ulusal numaram 88.12.01-456.78", "ulusal numaram [national-number]"),
    ("tr", "name", "benim adım Ayşe, kreş arıyorum", "benim adım [name], kreş arıyorum"),
    ("tr", "name", "Adım Zeynep Kaya, yardım lazım", "Adım [name], yardım lazım"),
    ("tr", "name", "Merhaba ismim Mehmet Yılmaz. UiTPAS nasıl alınır?", "Merhaba ismim [name]. UiTPAS nasıl alınır?"),
]

KEPT = [
    ("nl", "ik heb 3 kinderen van 2, 5 en 7 jaar"),
    ("nl", "de schoolfactuur van 2025-2026 is 105 euro"),
    ("fr", "la facture est de 105 euros pour 2025-2026"),
    ("fr", "mon fils de 12 ans ne peut pas partir en classe de neige"),
    ("en", "my son is 12 and the trip costs 520 euro"),
    ("en", "we have been on the waiting list since 12/03/2025"),
    ("ar", "عندي ٣ أطفال"),
    ("ar", "ابني ما بيقدر يروح رحلة المدرسة"),
    ("tr", "kira 850 euro, 2 çocuğum var"),
    ("tr", "okul gezisi için adım adım ne yapmalıyım"),
]


@pytest.mark.parametrize(("language", "kind", "text", "expected"), CASES)
def test_personal_data_is_removed(language, kind, text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(("language", "text"), KEPT)
def test_ordinary_text_is_kept(language, text):
    assert scrub(text) == text


def test_the_table_covers_every_kind_in_every_language():
    kinds = {(language, kind) for language, kind, _, _ in CASES}

    assert {k for _, k in kinds} == {"phone", "email", "iban", "national number", "name"}
    assert all((language, kind) in kinds for language in ("nl", "fr", "en", "ar", "tr")
               for kind in ("phone", "email", "iban", "national number", "name"))
