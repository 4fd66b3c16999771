"""Charts of the question counts, drawn on the server as SVG so that they work offline and print."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from api.questions.models import LoggedQuestion, QuestionCount, QuestionGroup  # noqa: E402

# Text stays text in the SVG: the browser shapes Arabic and Turkish letters, which matplotlib cannot.
matplotlib.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False,
                            "axes.spines.right": False})
CHARTS = ("topics", "unanswered", "languages", "themes")
COLOURS = ["#00594f", "#e07b00", "#3b6fb6", "#b8336a", "#6a8d00", "#7a4fb5", "#00a3a3", "#8c6d46", "#999999",
           "#d4a000", "#444444", "#c05050"]
TOP_THEMES = 10


def iso_week(day: dt.date) -> str:
    """Returns the ISO week of a day, as 2026-W49."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weeks_between(start: dt.date, end: dt.date) -> list[str]:
    """Returns every ISO week from start to end, in order."""
    weeks, day = [], start
    while day <= end:
        if iso_week(day) not in weeks:
            weeks.append(iso_week(day))
        day += dt.timedelta(days=1)
    return weeks


def weekly(session: Session, start: dt.date, end: dt.date, *, by: str, kinds: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Sums the counts of some kinds per ISO week and per value of a column (topic, language or kind)."""
    column = getattr(QuestionCount, by)
    rows = session.execute(
        select(QuestionCount.day, column, func.sum(QuestionCount.count))
        .where(QuestionCount.day >= start, QuestionCount.day <= end, QuestionCount.kind.in_(kinds))
        .group_by(QuestionCount.day, column)
    ).all()
    series: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, value, count in rows:
        series[value][iso_week(day)] += count
    return series


def theme_sizes(session: Session, start: dt.date, end: dt.date, *, limit: int = TOP_THEMES) -> list[tuple[str, int]]:
    """Returns the biggest groups of questions logged in the period, with their labels (or an example)."""
    low = dt.datetime.combine(start, dt.time(), tzinfo=dt.timezone.utc)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.timezone.utc)
    rows = session.execute(
        select(LoggedQuestion.group_id, QuestionGroup.label, func.count(LoggedQuestion.id), func.max(LoggedQuestion.text))
        .join(QuestionGroup, QuestionGroup.id == LoggedQuestion.group_id)
        .where(LoggedQuestion.created_at >= low, LoggedQuestion.created_at < high)
        .group_by(LoggedQuestion.group_id, QuestionGroup.label)
        .order_by(func.count(LoggedQuestion.id).desc()).limit(limit)
    ).all()
    return [(label or f"#{group_id} {example[:40]}", size) for group_id, label, size, example in rows]


def render_chart(session: Session, name: str, *, start: dt.date, end: dt.date, labels: dict[str, str],
                 names: dict[str, str]) -> bytes:
    """Draws one chart of the period as SVG; labels holds the translated titles, names those of topics and languages."""
    weeks = weeks_between(start, end)
    figure, axes = plt.subplots(figsize=(8, 3.2))
    try:
        if name == "topics":
            _stacked(axes, weeks, weekly(session, start, end, by="topic", kinds=("answered", "unanswered")), names)
        elif name == "languages":
            _lines(axes, weeks, weekly(session, start, end, by="language", kinds=("answered", "unanswered")), names)
        elif name == "unanswered":
            kinds = weekly(session, start, end, by="kind", kinds=("answered", "unanswered"))
            shares = [100 * kinds["unanswered"][w] / max(1, kinds["unanswered"][w] + kinds["answered"][w]) for w in weeks]
            axes.plot(range(len(weeks)), shares, marker="o", color=COLOURS[1])
            axes.set_ylim(0, max(shares + [10]) * 1.2)
            axes.set_ylabel("%")
            _week_ticks(axes, weeks)
        else:
            themes = theme_sizes(session, start, end)[::-1]
            axes.barh([t for t, _ in themes], [n for _, n in themes], color=COLOURS[0])
            axes.set_xlabel(labels["questions"])
        axes.set_title(labels[name], loc="left")
        figure.tight_layout()
        output = io.BytesIO()
        figure.savefig(output, format="svg", metadata={"Date": None})
        return output.getvalue()
    finally:
        plt.close(figure)


def _week_ticks(axes, weeks: list[str]) -> None:
    """Labels the x axis with ISO weeks, thinned out when there are many."""
    step = max(1, len(weeks) // 12)
    axes.set_xticks(range(0, len(weeks), step), [w[5:] for w in weeks[::step]])


def _stacked(axes, weeks: list[str], series: dict[str, dict[str, int]], names: dict[str, str]) -> None:
    """Draws stacked weekly bars, one colour per value, biggest first."""
    bottom = [0] * len(weeks)
    for index, (value, counts) in enumerate(sorted(series.items(), key=lambda s: -sum(s[1].values()))):
        heights = [counts[w] for w in weeks]
        axes.bar(range(len(weeks)), heights, bottom=bottom, label=names.get(value, value),
                 color=COLOURS[index % len(COLOURS)])
        bottom = [b + h for b, h in zip(bottom, heights)]
    if series:
        axes.legend(fontsize=7, ncol=2, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    _week_ticks(axes, weeks)


def _lines(axes, weeks: list[str], series: dict[str, dict[str, int]], names: dict[str, str]) -> None:
    """Draws one weekly line per value."""
    for index, (value, counts) in enumerate(sorted(series.items())):
        axes.plot(range(len(weeks)), [counts[w] for w in weeks], marker=".", label=names.get(value, value),
                  color=COLOURS[index % len(COLOURS)])
    if series:
        axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    _week_ticks(axes, weeks)
