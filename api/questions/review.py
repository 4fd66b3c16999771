"""The coordinator's review: filtering logged questions, their groups, statuses, notes and labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from urllib.parse import urlencode

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from api.questions.models import STATUSES, LoggedQuestion, QuestionGroup
from api.questions.scrub import scrub

PAGE_SIZE = 50
TOP_GROUPS = 12
EXAMPLES = 3


class UnknownStatus(ValueError):
    """A status that is not one of STATUSES."""


@dataclass
class Filters:
    """What the coordinator narrowed the list to."""

    start: dt.date | None = None
    end: dt.date | None = None
    language: str = ""
    topic: str = ""
    channel: str = ""
    status: str = ""
    reason: str = ""
    q: str = ""
    group: int | None = None

    def query_string(self, **changes) -> str:
        """Returns the filters as a URL query, with some values changed."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        # An empty status means all statuses, unlike a missing one (new questions only): it must travel along.
        return urlencode({k: v for k, v in values.items() if v not in (None, "") or k == "status"})


@dataclass
class GroupSummary:
    """A group of similar questions within the filters: its size, languages and a few examples."""

    id: int
    label: str
    size: int
    languages: list[str] = field(default_factory=list)
    examples: list[LoggedQuestion] = field(default_factory=list)


def period_bounds(start: dt.date | None, end: dt.date | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Turns an inclusive day range into datetimes (UTC), end exclusive."""
    low = dt.datetime.combine(start, dt.time(), tzinfo=dt.timezone.utc) if start else None
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.timezone.utc) if end else None
    return low, high


def filtered(query: Select, filters: Filters) -> Select:
    """Applies the filters to a query over logged questions."""
    low, high = period_bounds(filters.start, filters.end)
    if low:
        query = query.where(LoggedQuestion.created_at >= low)
    if high:
        query = query.where(LoggedQuestion.created_at < high)
    for name in ("language", "topic", "channel", "status", "reason"):
        if getattr(filters, name):
            query = query.where(getattr(LoggedQuestion, name) == getattr(filters, name))
    if filters.group:
        query = query.where(LoggedQuestion.group_id == filters.group)
    for word in filters.q.split()[:5]:
        needle = f"%{word.lower().replace('%', '').replace('_', '')}%"
        query = query.where(or_(func.lower(LoggedQuestion.text).like(needle), func.lower(LoggedQuestion.note).like(needle)))
    return query


def list_questions(session: Session, filters: Filters, *, page: int = 1) -> tuple[list[LoggedQuestion], int]:
    """Returns one page of matching questions, newest first, and how many match in all."""
    total = session.scalar(filtered(select(func.count(LoggedQuestion.id)), filters)) or 0
    query = filtered(select(LoggedQuestion), filters).order_by(LoggedQuestion.created_at.desc(), LoggedQuestion.id.desc())
    rows = list(session.scalars(query.limit(PAGE_SIZE).offset((max(page, 1) - 1) * PAGE_SIZE)))
    return rows, total


def top_groups(session: Session, filters: Filters, *, limit: int = TOP_GROUPS) -> list[GroupSummary]:
    """Returns the biggest groups among the matching questions, with their languages and examples."""
    sizes = session.execute(
        filtered(select(LoggedQuestion.group_id, func.count(LoggedQuestion.id).label("size")), filters)
        .where(LoggedQuestion.group_id.is_not(None)).group_by(LoggedQuestion.group_id)
        .order_by(func.count(LoggedQuestion.id).desc(), LoggedQuestion.group_id).limit(limit)
    ).all()
    if not sizes:
        return []
    ids = [group_id for group_id, _ in sizes]
    labels = dict(session.execute(select(QuestionGroup.id, QuestionGroup.label).where(QuestionGroup.id.in_(ids))).all())
    languages: dict[int, list[str]] = {}
    for group_id, language in session.execute(filtered(
        select(LoggedQuestion.group_id, LoggedQuestion.language).distinct(), filters
    ).where(LoggedQuestion.group_id.in_(ids))):
        languages.setdefault(group_id, []).append(language)
    # One small query per group reads only the newest rows of that group (a window over all matches is slower).
    examples = {g: list(session.scalars(filtered(select(LoggedQuestion), filters).where(
        LoggedQuestion.group_id == g, LoggedQuestion.text != "").order_by(LoggedQuestion.id.desc()).limit(EXAMPLES)))
        for g in ids}
    return [GroupSummary(id=g, label=labels.get(g, ""), size=size, languages=sorted(languages.get(g, [])),
                         examples=examples.get(g, [])) for g, size in sizes]


def example_text(question: LoggedQuestion) -> str:
    """Returns a question's text for display, scrubbed again with the current rules."""
    return scrub(question.text)


def set_status(session: Session, ids: list[int], status: str) -> int:
    """Gives questions a new status; returns how many changed."""
    if status not in STATUSES:
        raise UnknownStatus(status)
    changed = session.execute(update(LoggedQuestion).where(LoggedQuestion.id.in_(ids)).values(status=status)).rowcount
    session.commit()
    return changed


def set_note(session: Session, question: LoggedQuestion, *, note: str, status: str) -> None:
    """Saves the coordinator's note and the status of one question."""
    if status not in STATUSES:
        raise UnknownStatus(status)
    question.note = note.strip() or None
    question.status = status
    session.commit()


def set_label(session: Session, group: QuestionGroup, label: str) -> None:
    """Renames a group."""
    group.label = label.strip()
    session.commit()
