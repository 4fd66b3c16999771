"""Similar questions are grouped across languages, unrelated ones kept apart, on a labelled sample."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml
from sqlalchemy import select

from api.questions.grouping import cluster, group_new_questions
from api.questions.models import LoggedQuestion
from api.questions.service import log_question

SAMPLE = yaml.safe_load((Path(__file__).parent / "grouping_sample.yml").read_text(encoding="utf-8"))


def sample() -> list[tuple[str, str, str]]:
    return [(theme, q["language"], q["text"]) for theme, questions in SAMPLE.items() for q in questions]


def test_paraphrases_in_different_languages_form_one_group_per_theme():
    questions = sample()

    numbers = cluster([text for _, _, text in questions])

    groups_of_theme = defaultdict(set)
    for (theme, _, _), number in zip(questions, numbers):
        groups_of_theme[theme].add(number)
    assert all(len(groups) == 1 for groups in groups_of_theme.values()), dict(groups_of_theme)
    assert len({next(iter(g)) for g in groups_of_theme.values()}) == len(SAMPLE), "two themes share a group"
    assert len({language for theme, language, _ in questions if theme == "ski_trip"}) == 5


def test_new_questions_join_the_group_of_their_theme(session):
    ids = {}
    for theme, language, text in sample():
        if theme in ("ski_trip", "weather"):
            question = log_question(session, text=text, language=language, channel="grouping-test",
                                    intent="nlu_fallback", confidence=0.1, ranking=[], answer="utter_please_rephrase",
                                    sender_id=None)
            ids[question.id] = theme
    group_new_questions(session)
    later = log_question(session, text="mijn dochter kan niet mee op sneeuwklas, veel te duur", language="nl",
                         channel="grouping-test", intent="nlu_fallback", confidence=0.1, ranking=[],
                         answer="utter_please_rephrase", sender_id=None)

    group_new_questions(session)

    rows = session.execute(select(LoggedQuestion.id, LoggedQuestion.group_id)
                           .where(LoggedQuestion.channel == "grouping-test")).all()
    group_of = dict(rows)
    ski = {group_of[i] for i, theme in ids.items() if theme == "ski_trip"}
    weather = {group_of[i] for i, theme in ids.items() if theme == "weather"}
    assert len(ski) == 1 and len(weather) == 1 and ski != weather
    assert group_of[later.id] in ski
