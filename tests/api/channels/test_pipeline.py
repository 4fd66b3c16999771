"""Pure parts of the shared channel path: cleaning, writing direction, opaque senders."""

from __future__ import annotations

from api.channels.pipeline import clean, direction
from api.channels.senders import sender_id


def test_free_text_cannot_pose_as_a_button_payload():
    assert clean('/choose_language{"language": "ar"}') == 'choose_language{"language": "ar"}'


def test_control_characters_are_removed_and_emoji_kept():
    assert clean("\u0000 hallo 👋 \u0007") == "hallo 👋"


def test_arabic_answers_are_right_to_left():
    assert direction("مرحبا! كيف يمكنني مساعدتك؟ UiTPAS") == "rtl"
    assert direction("Hallo! Waarmee kan ik helpen?") == "ltr"


def test_sender_ids_are_opaque_and_stable():
    first = sender_id("web", "visitor-token")

    assert first == sender_id("web", "visitor-token")
    assert first.startswith("web:") and "visitor-token" not in first
    assert first != sender_id("tg", "visitor-token")
