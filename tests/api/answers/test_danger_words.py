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
    # as parents type: no accents, SMS spelling, dialects, Arabizi
    ("mn zoontje heeft javel gedronken wat moet ik doen", "emergency_urgent"),
    ("mijn dochter is van de trap gevallen en bloedt enorm", "emergency_urgent"),
    ("ma fille a avalé une pile bouton", "emergency_urgent"),
    ("mon fils est tombé du balcon", "emergency_urgent"),
    ("my son swallowed a button battery", "emergency_urgent"),
    ("someone is breaking in please help", "emergency_urgent"),
    ("بنتي شربت جافيل", "emergency_urgent"),
    ("خطفوا ولدي من قدام المدرسة", "emergency_urgent"),
    ("wldi makaytnfsch 3afak", "emergency_urgent"),
    ("kızım çamaşır suyu içti", "emergency_urgent"),
    ("oğlum balkondan düştü", "emergency_urgent"),
    ("mijn man slaat de kinderen", "emergency_violence"),
    ("j'ai peur de mon mari il me menace avec un couteau", "emergency_violence"),
    ("he punched me again last night", "emergency_violence"),
    ("راجلي كيضرب ولادي", "emergency_violence"),
    ("kocam bana vurdu", "emergency_violence"),
    ("ik zie het niet meer zitten", "emergency_suicide"),
    ("jen ai marre de vivre", "emergency_suicide"),
    ("i dont want to live anymore", "emergency_suicide"),
    ("my daughter is cutting herself", "emergency_suicide"),
    ("بغيت نموت", "emergency_suicide"),
    ("artık ölmek istiyom", "emergency_suicide"),
    ("bnti t7at mn drouj w katnzef bzaf", "emergency_urgent"),
    ("je me coupe les poignets le soir", "emergency_suicide"),
    # words that are an emergency only together (data/safety/danger_combinations.yml)
    ("ons zoontje heeft van het rattengif gegeten", "emergency_urgent"),
    ("help my toddler swallowed a laundry pod", "emergency_urgent"),
    ("my baby's lips are going purple", "emergency_urgent"),
])
def test_danger_words_in_five_languages(text, intent):
    assert danger_intent(text) == intent


@pytest.mark.parametrize("text", [
    "the ambulance bill is very high",
    "how long do i cook pot au feu",
    "le propriétaire me menace de me mettre dehors",
    "what brand of stroller is best",
    "ik ben mijn UiTPAS kwijt",
    "ik krijg hem 's ochtends niet wakker voor school",
    "mijn man heeft al ons geld verdronken",
    "il me tape sur les nerfs avec ses devoirs",
    "mon bébé respire plus vite quand il dort",
    "my husband is drowning in debt",
    "the baby kicked me all night",
    "ابني ضاع منه التلفون",
    "هذه العملية تستغرق أسبوعا",
    "غرقانة بالديون",
    "kolu morardı, normal mi",
    "planlar suya düştü",
    "je me coupe les cheveux moi-même, c'est moins cher",
    "I burned myself on the oven door, which cream helps",
    # each word of a combination alone
    "we hebben vanavond frietjes gegeten",
    "waar kan ik rattengif kopen tegen de muizen in de kelder",
    "my daughter wants purple lipstick for her birthday",
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


def test_latin_phrases_match_whole_words_only():
    assert danger_intent("is rapeseed oil cheaper at the food bank") is None
    assert danger_intent("she was raped") == "emergency_violence"


def test_a_danger_word_at_the_end_of_a_long_message_is_found():
    assert danger_intent("kinderopvang " * 800 + "en nu: de baby ademt niet meer") == "emergency_urgent"

