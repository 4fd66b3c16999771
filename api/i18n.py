"""Translations: Babel catalogs from locales/, locale-aware formatting of amounts and dates."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from api.settings import get_settings

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Marks a message id for extraction without translating it."""
    return message


TOPIC_LABELS = {
    "childcare": N_("Childcare"),
    "uitpas": N_("UiTPAS"),
    "housing": N_("Housing"),
    "school_costs": N_("School costs"),
    "food": N_("Food"),
    "money_debt": N_("Money and debts"),
    "health": N_("Health"),
    "parenting": N_("Parenting"),
    "callback": N_("Call me back"),
    "emergency": N_("Emergency and helplines"),
}

TIME_LABELS = {
    "morning": N_("in the morning"),
    "afternoon": N_("in the afternoon"),
    "anytime": N_("any time"),
}

CARD_LABELS = {
    "phone": N_("Phone: {phone}"),
    "email": N_("E-mail: {email}"),
    "url": N_("Website: {url}"),
    "address": N_("Address: {address}"),
    "opening_hours": N_("Open: {opening_hours}"),
    "checked_on": N_("Checked on {date}"),
    "no_contact": N_("No confirmed contact details yet: ask for a call-back."),
    "facts_checked": N_("Amounts checked on {date}. Source: {source}"),
}

ERRORS = {
    "empty": N_("Your message is empty. Please type your question."),
    "too_long": N_("Your message is too long. Please keep it under {limit} characters."),
    "rate_limited": N_("You are sending many messages quickly. Please wait a moment and try again."),
    "unavailable": N_("Sorry, something went wrong on our side. Please try again in a moment, or ask for a person."),
}


@lru_cache(maxsize=None)
def translations(language: str) -> NullTranslations:
    """Returns the compiled catalog of a language (the source language has none)."""
    mo = LOCALES_DIR / language / "LC_MESSAGES" / "messages.mo"
    if language == SOURCE_LANGUAGE or not mo.exists():
        return NullTranslations()
    with mo.open("rb") as handle:
        return GNUTranslations(handle)


def gettext(message: str, language: str) -> str:
    """Translates a message id into a language."""
    return translations(language).gettext(message)


def supported(language: str | None) -> str:
    """Returns the language if it is supported, else the default language."""
    settings = get_settings()
    return language if language in settings.languages else settings.default_language


def babel_locale(language: str) -> str:
    """Returns the Babel locale used for formatting in a language."""
    return {"nl": "nl_BE", "fr": "fr_BE", "en": "en_BE", "ar": "ar", "tr": "tr_TR"}.get(language, language)


def format_amount(value: float, unit: str, language: str) -> str:
    """Formats an amount with its unit for a language."""
    locale = babel_locale(language)
    if unit.startswith("EUR"):
        pattern = Locale.parse(locale).currency_formats["standard"].pattern
        if float(value).is_integer():
            pattern = pattern.replace(".00", "")
        return format_currency(value, "EUR", format=pattern, locale=locale, currency_digits=False)
    if unit == "percent":
        return format_percent(value / 100, locale=locale)
    return format_decimal(value, locale=locale)


def format_day(day: dt.date, language: str) -> str:
    """Formats a date in words for a language."""
    return format_date(day, format="long", locale=babel_locale(language))
