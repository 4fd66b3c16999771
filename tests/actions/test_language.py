"""The language slot: explicit choice wins, a clear change switches, short or unclear messages keep it."""

from __future__ import annotations

import pytest

from actions.language import conversation_language, decide_language
from tests.actions.trackers import tracker_for


@pytest.mark.parametrize(
    ("current", "chosen", "hint", "reliable", "prior", "expected"),
    [
        (None, None, "fr", False, None, "fr"),
        (None, None, "en", False, "nl", "nl"),
        (None, None, "tr", True, "nl", "tr"),
        (None, None, None, False, None, "nl"),
        ("ar", None, "en", False, None, "ar"),
        ("ar", None, "tr", True, None, "tr"),
        ("tr", "nl", "tr", True, None, "nl"),
        ("nl", None, "de", True, None, "nl"),
        ("fr", "xx", None, False, "en", "fr"),
    ],
)
def test_decide_language(current, chosen, hint, reliable, prior, expected):
    assert decide_language(current=current, chosen=chosen, hint=hint, reliable=reliable, prior=prior) == expected


def test_an_explicit_choice_sets_the_language():
    tracker = tracker_for("choose_language", slots={"language": "nl"},
                          entities=[{"entity": "language", "value": "ar"}])

    assert conversation_language(tracker) == "ar"


def test_a_short_message_keeps_the_language():
    tracker = tracker_for("thanks", text="ok", slots={"language": "tr"},
                          metadata={"language_hint": "en", "language_reliable": False})

    assert conversation_language(tracker) == "tr"
