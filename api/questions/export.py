"""Exports for developers (Rasa NLU YAML for data/nlu/<lang>/) and for analysts (CSV)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator

from sqlalchemy.orm import Session

from api.questions.models import LoggedQuestion

INTENT_NAME = re.compile(r"^[a-z][a-z0-9_]{2,59}$")
# Rasa reads "[text](entity)" and "[text]{...}" as entity annotations; the scrub placeholders must not look like one.
MARKUP = re.compile(r"[\[\]{}]")
CSV_COLUMNS = ("id", "created_at", "language", "channel", "reason", "topic", "intent", "confidence", "answer",
               "status", "group_id", "group_label", "training_intent", "note", "text")
# A cell that starts like a formula is run by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class InvalidIntent(ValueError):
    """An intent name Rasa would not accept."""


def training_text(text: str) -> str:
    """Returns a question as one line of training data."""
    return " ".join(MARKUP.sub("", text).split())


def nlu_yaml(intent: str, texts: Iterable[str]) -> str:
    """Returns a Rasa NLU training data file with the texts as examples of the intent."""
    if not INTENT_NAME.match(intent):
        raise InvalidIntent(intent)
    lines = list(dict.fromkeys(t for t in (training_text(t) for t in texts) if t))
    # A block literal, as in the hand-written files: in it, any line of text is taken as it is.
    examples = "".join(f"    - {line}\n" for line in lines)
    return f'version: "3.1"\nnlu:\n- intent: {intent}\n  examples: |\n{examples}'


def export_for_training(session: Session, questions: list[LoggedQuestion], *, intent: str) -> tuple[str, bytes, str]:
    """Marks questions as added to training with their intent; returns a file name, its content and its type."""
    if not INTENT_NAME.match(intent):
        raise InvalidIntent(intent)
    by_language: dict[str, list[str]] = {}
    for question in questions:
        if question.text:
            by_language.setdefault(question.language, []).append(question.text)
        question.training_intent, question.status = intent, "added_to_training"
    session.commit()
    if len(by_language) == 1:
        (language, texts), = by_language.items()
        return f"{language}-{intent}.yml", nlu_yaml(intent, texts).encode(), "application/yaml"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as files:
        for language, texts in sorted(by_language.items()):
            files.writestr(f"data/nlu/{language}/review_{intent}.yml", nlu_yaml(intent, texts))
    return f"nlu-{intent}.zip", archive.getvalue(), "application/zip"


def safe_cell(value) -> str:
    """Returns a CSV cell that a spreadsheet shows as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_rows(questions: Iterable[LoggedQuestion]) -> Iterator[str]:
    """Yields the CSV export line by line, header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for question in questions:
        writer.writerow([safe_cell(v) for v in (
            question.id, question.created_at.isoformat(timespec="seconds"), question.language, question.channel,
            question.reason, question.topic, question.intent, question.confidence, question.answer, question.status,
            question.group_id, question.group.label if question.group else "", question.training_intent,
            question.note, question.text)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
