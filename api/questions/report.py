"""The monthly signals report: what parents asked, what Wegwijs could not answer, call-backs and ratings."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import statistics
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.callbacks.models import CallbackEvent, CallbackRequest
from api.questions.models import LoggedQuestion, QuestionCount, QuestionGroup
from api.questions.review import period_bounds
from api.questions.scrub import scrub

ATTEMPTS = ("no_answer", "wrong_number", "reached")
THEMES = 10
EXAMPLES = 3


@dataclass
class Compared:
    """A figure in the period and in the previous one."""

    current: float
    previous: float

    @property
    def change(self) -> float | None:
        """Relative change in percent, or None when there was nothing before."""
        return None if not self.previous else round(100 * (self.current - self.previous) / self.previous, 1)


@dataclass
class Theme:
    """A group of unanswered questions in the period."""

    label: str
    count: Compared
    languages: list[str]
    examples: list[str]


@dataclass
class Report:
    """Every figure of the signals report for one period, each with the previous period."""

    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    questions: Compared
    unanswered: Compared
    unanswered_share: Compared
    by_topic: dict[str, Compared]
    by_language: dict[str, Compared]
    themes: list[Theme]
    callbacks: dict[str, Compared]
    ratings: dict[str, Compared] = field(default_factory=dict)


def month_period(month: str) -> tuple[dt.date, dt.date]:
    """Returns the first and last day of a month written as 2026-11; raises ValueError otherwise."""
    first = dt.datetime.strptime(month, "%Y-%m").date()
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Returns the period before: the previous month for a whole month, else as many days just before."""
    if start.day == 1 and end == month_period(start.strftime("%Y-%m"))[1]:
        return month_period((start - dt.timedelta(days=1)).strftime("%Y-%m"))
    length = end - start
    return start - length - dt.timedelta(days=1), start - dt.timedelta(days=1)


def build_report(session: Session, *, start: dt.date, end: dt.date) -> Report:
    """Computes the report for a period (both days included) next to the previous period."""
    before = previous_period(start, end)
    now_counts, then_counts = _counts(session, start, end), _counts(session, *before)
    asked_now = sum(n for (kind, _, _), n in now_counts.items() if kind in ("answered", "unanswered"))
    asked_then = sum(n for (kind, _, _), n in then_counts.items() if kind in ("answered", "unanswered"))
    unanswered = Compared(_sum(now_counts, kind="unanswered"), _sum(then_counts, kind="unanswered"))
    ratings = {kind: Compared(_sum(now_counts, kind=kind), _sum(then_counts, kind=kind))
               for kind in ("helpful", "not_helpful")}
    ratings["helpful_share"] = Compared(_share(ratings["helpful"].current, ratings["not_helpful"].current),
                                        _share(ratings["helpful"].previous, ratings["not_helpful"].previous))
    return Report(
        start=start, end=end, previous_start=before[0], previous_end=before[1],
        questions=Compared(asked_now, asked_then),
        unanswered=unanswered,
        unanswered_share=Compared(_percent(unanswered.current, asked_now), _percent(unanswered.previous, asked_then)),
        by_topic=_compare_by(now_counts, then_counts, position=1),
        by_language=_compare_by(now_counts, then_counts, position=2),
        themes=_themes(session, start, end, before),
        callbacks=_callbacks(session, start, end, before),
        ratings=ratings,
    )


def _counts(session: Session, start: dt.date, end: dt.date) -> dict[tuple[str, str, str], int]:
    """Sums the counts of a period by kind, topic and language."""
    rows = session.execute(
        select(QuestionCount.kind, QuestionCount.topic, QuestionCount.language, func.sum(QuestionCount.count))
        .where(QuestionCount.day >= start, QuestionCount.day <= end)
        .group_by(QuestionCount.kind, QuestionCount.topic, QuestionCount.language)
    ).all()
    return {(kind, topic, language): int(n) for kind, topic, language, n in rows}


def _sum(counts: dict[tuple[str, str, str], int], *, kind: str) -> int:
    return sum(n for (k, _, _), n in counts.items() if k == kind)


def _percent(part: float, whole: float) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _share(helpful: float, not_helpful: float) -> float:
    return _percent(helpful, helpful + not_helpful)


def _compare_by(now: dict, then: dict, *, position: int) -> dict[str, Compared]:
    """Questions asked (answered or not) per topic or language, biggest first."""
    totals: dict[str, Compared] = {}
    for counts, attribute in ((now, "current"), (then, "previous")):
        for key, n in counts.items():
            if key[0] in ("answered", "unanswered"):
                compared = totals.setdefault(key[position], Compared(0, 0))
                setattr(compared, attribute, getattr(compared, attribute) + n)
    return dict(sorted(totals.items(), key=lambda item: (-item[1].current, -item[1].previous, item[0])))


def _themes(session: Session, start: dt.date, end: dt.date, before: tuple[dt.date, dt.date]) -> list[Theme]:
    """The biggest groups of logged questions in the period, with scrubbed examples and their size before."""
    low, high = period_bounds(start, end)
    sizes = session.execute(
        select(LoggedQuestion.group_id, func.count(LoggedQuestion.id))
        .where(LoggedQuestion.created_at >= low, LoggedQuestion.created_at < high, LoggedQuestion.group_id.is_not(None))
        .group_by(LoggedQuestion.group_id).order_by(func.count(LoggedQuestion.id).desc(), LoggedQuestion.group_id)
        .limit(THEMES)
    ).all()
    previous_low, previous_high = period_bounds(*before)
    themes = []
    for group_id, size in sizes:
        in_period = (LoggedQuestion.group_id == group_id, LoggedQuestion.created_at >= low,
                     LoggedQuestion.created_at < high)
        earlier = session.scalar(select(func.count(LoggedQuestion.id)).where(
            LoggedQuestion.group_id == group_id, LoggedQuestion.created_at >= previous_low,
            LoggedQuestion.created_at < previous_high)) or 0
        languages = sorted(session.scalars(select(LoggedQuestion.language).where(*in_period).distinct()))
        texts = session.scalars(select(LoggedQuestion.text).where(*in_period, LoggedQuestion.text != "")
                                .order_by(LoggedQuestion.id.desc()).limit(EXAMPLES))
        themes.append(Theme(label=session.get(QuestionGroup, group_id).label, count=Compared(size, earlier),
                            languages=languages, examples=[scrub(t) for t in texts]))
    return themes


def _callbacks(session: Session, start: dt.date, end: dt.date, before: tuple[dt.date, dt.date]) -> dict[str, Compared]:
    """Call-back requests made in each period, how they ended, and the hours until the first call (median)."""
    now, then = _callback_figures(session, start, end), _callback_figures(session, *before)
    return {name: Compared(now[name], then[name]) for name in now}


def _callback_figures(session: Session, start: dt.date, end: dt.date) -> dict[str, float]:
    """Figures of the call-back requests made in one period."""
    low, high = period_bounds(start, end)
    requests = session.execute(
        select(CallbackRequest.id, CallbackRequest.status, CallbackRequest.created_at)
        .where(CallbackRequest.created_at >= low, CallbackRequest.created_at < high)
    ).all()
    first_call = dict(session.execute(
        select(CallbackEvent.request_id, func.min(CallbackEvent.at))
        .where(CallbackEvent.action.in_(ATTEMPTS), CallbackEvent.request_id.in_([r.id for r in requests]))
        .group_by(CallbackEvent.request_id)
    ).all())
    waits = [(_utc(first_call[r.id]) - _utc(r.created_at)).total_seconds() / 3600 for r in requests if r.id in first_call]
    statuses = [r.status for r in requests]
    return {
        "requests": len(requests),
        "called": len(waits),
        "done": statuses.count("done"),
        "unreachable": statuses.count("unreachable"),
        "withdrawn": statuses.count("withdrawn"),
        "hours_to_first_call": round(statistics.median(waits), 1) if waits else 0.0,
    }


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; everything is stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def report_csv(report: Report) -> str:
    """Returns the report as CSV: section, item, the period, the previous period, the change in percent."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "item", f"{report.start}..{report.end}",
                     f"{report.previous_start}..{report.previous_end}", "change_percent"])

    def row(section: str, item: str, compared: Compared) -> None:
        writer.writerow([section, item, compared.current, compared.previous,
                         "" if compared.change is None else compared.change])

    row("questions", "all", report.questions)
    row("questions", "unanswered", report.unanswered)
    row("questions", "unanswered_share_percent", report.unanswered_share)
    for topic, compared in report.by_topic.items():
        row("topic", topic, compared)
    for language, compared in report.by_language.items():
        row("language", language, compared)
    for theme in report.themes:
        row("unanswered_theme", theme.label or " / ".join(theme.examples[:1]), theme.count)
    for name, compared in report.callbacks.items():
        row("callbacks", name, compared)
    for name, compared in report.ratings.items():
        row("ratings", name, compared)
    return buffer.getvalue()
