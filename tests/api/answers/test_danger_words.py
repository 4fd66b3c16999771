"""Danger words put a helpline first in every language, and leave everyday questions alone."""

import pytest

from api.answers.danger_words import danger_intent, fold
from api.answers.safety import emergency_alarm
from api.answers.topics import topic_for
from api.questions.grouping import training_examples


@pytest.mark.parametrize("text, intent", [
    ("Mijn baby ADEMT NIET!!", "emergency_urgent"),
    ("il y a le feu dans la cuisine", "emergency_urgent"),
    ("please call an ambulance", "emergency_urgent"),
    ("ابني لا يتنفس", "emergency_urgent"),
    ("oğlum nefes almıyor", "emergency_urgent"),
    ("mijn man slaat me", "emergency_violence"),
    ("il me frappe tous les soirs", "emergency_violence"),
    ("زوجي يضربني", "emergency_violence"),
    ("kocam beni dövüyor", "emergency_violence"),
    ("ik wil niet meer leven", "emergency_suicide"),
    ("j'ai envie de mourir", "emergency_suicide"),
    ("I want to die", "emergency_suicide"),
    ("أفكر في الانتحار", "emergency_suicide"),
    ("intihar etmeyi düşünüyorum", "emergency_suicide"),
])
def test_danger_words_in_five_languages(text, intent):
    assert danger_intent(text) == intent


@pytest.mark.parametrize("text", [
    "the ambulance bill is very high",
    "how long do i cook pot au feu",
    "le propriétaire me menace de me mettre dehors",
    "what brand of stroller is best",
    "ik ben mijn UiTPAS kwijt",
    "",
    "🙂🙂",
])
def test_everyday_questions_have_no_danger_words(text):
    assert danger_intent(text) is None


def test_the_most_urgent_helpline_comes_first():
    assert danger_intent("he hits me and now she is not breathing") == "emergency_urgent"


def test_arabic_words_match_with_attached_prefixes_and_diacritics():
    assert danger_intent("وَالانتحارُ") == "emergency_suicide"


def test_folding_unifies_spelling_variants():
    assert fold("Ça BRÛLE, oğlum — أُسعف!") == "ca brule oglum اسعف"


def test_a_danger_word_raises_the_alarm_when_the_model_misses_it():
    ranking = [{"name": "school_homework", "confidence": 0.7}, {"name": "emergency_urgent", "confidence": 0.01}]
    assert emergency_alarm(ranking) is None
    assert emergency_alarm(ranking, "help my son is unconscious") == "emergency_urgent"


def test_no_ordinary_training_example_contains_a_danger_word():
    texts, intents = training_examples()
    flagged = [(t, i) for t, i in zip(texts, intents) if topic_for(i) != "emergency" and danger_intent(t)]

    assert len(texts) > 9000
    assert flagged == []
