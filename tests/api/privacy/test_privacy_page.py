"""The privacy page states the real retention settings in every language, Arabic right to left."""

from __future__ import annotations

import pytest

from api.settings import get_settings

HEADINGS = {"nl": "Je gegevens bij Wegwijs", "fr": "Vos données chez Wegwijs", "en": "Your data at Wegwijs",
            "ar": "بياناتك في Wegwijs", "tr": "Wegwijs&#39;te verilerin"}


@pytest.mark.parametrize("language", sorted(HEADINGS))
def test_each_language_renders_with_the_real_numbers(client, language):
    settings = get_settings()
    page = client.get("/privacy", params={"lang": language})

    assert page.status_code == 200
    html = page.text
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    assert HEADINGS[language] in html
    for days in (settings.conversation_retention_days, settings.phone_retention_days,
                 settings.question_retention_days):
        assert f" {days} " in html
    assert "/export" in html and "/forget" in html


def test_the_numbers_follow_the_settings(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "question_retention_days", 731)

    assert " 731 " in client.get("/privacy", params={"lang": "nl"}).text


def test_the_chat_page_links_to_the_privacy_page(client):
    assert 'href="/privacy?lang=tr"' in client.get("/chat", params={"lang": "tr"}).text


def test_an_unknown_language_falls_back_to_dutch(client):
    assert '<html lang="nl"' in client.get("/privacy", params={"lang": "xx<script>"}).text
