"""Staff pages of the question review: the list, groups, charts, exports and the signals report (coordinators)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.answers.topics import topic_of_intent
from api.channels.rasa import RasaUnavailable
from api.db import SessionDep, get_sessionmaker
from api.i18n import N_, TOPIC_LABELS, gettext
from api.questions import charts
from api.questions.export import InvalidIntent, csv_rows, export_for_training
from api.questions.grouping import group_new_questions
from api.questions.models import LoggedQuestion, QuestionGroup
from api.questions.report import build_report, month_period, report_csv
from api.questions.review import (
    PAGE_SIZE, Filters, UnknownStatus, example_text, filtered, list_questions, set_label, set_note, set_status, top_groups,
)
from api.questions.scrub import scrub
from api.staff.auth import Staff, check_csrf, require_role
from api.staff.models import REVIEW_ROLES
from api.staff.views import LANGUAGE_NAMES, STAFF_LANGUAGE, staff_context
from api.templating import templates

router = APIRouter(tags=["staff"], include_in_schema=False)
StaffDep = Annotated[Staff, Depends(require_role(*REVIEW_ROLES))]
CHART_WEEKS = 12
STATUS_LABELS = {"new": N_("New"), "reviewed": N_("Reviewed"), "added_to_training": N_("Added to training"),
                 "answered_in_catalogue": N_("Answered in the catalogue"), "dismissed": N_("Dismissed")}
REASON_LABELS = {"fallback": N_("Not understood"), "out_of_scope": N_("Out of scope"),
                 "not_helpful": N_("Rated not helpful")}
STAFF_TOPIC_LABELS = {**TOPIC_LABELS, "callback": N_("Call-back"), "emergency": N_("Emergency"),
                      "smalltalk": N_("Small talk"), "out_of_scope": N_("Out of scope")}
CHART_TITLES = {"topics": N_("Questions per week, by topic"), "unanswered": N_("Share not answered per week"),
                "languages": N_("Questions per week, by language"), "themes": N_("Biggest unanswered themes"),
                "questions": N_("Questions")}
CHANNELS = ("web", "telegram", "whatsapp")
RATINGS = {"helpful": N_("👍 Helpful"), "not_helpful": N_("👎 Not helpful"), "helpful_share": N_("Share helpful (%)")}
CALLBACK_FIGURES = {"requests": N_("Requests"), "called": N_("Called at least once"), "done": N_("Done"),
                    "unreachable": N_("Unreachable"), "withdrawn": N_("Withdrawn by the parent"),
                    "hours_to_first_call": N_("Hours until the first call (median)")}


def _day(value: str, name: str) -> dt.date | None:
    """Reads a day from a form or query value; a wrong one is answered with 400 and how to write it."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, detail=f"{name}: write a date as YYYY-MM-DD") from None


def review_filters(start: str = "", end: str = "", language: str = "", topic: str = "", channel: str = "",
                   status: str = "new", reason: str = "", q: str = "", group: str = "") -> Filters:
    """Reads the filters from the query string."""
    if group and not group.isdigit():
        raise HTTPException(400, detail="group: a number")
    return Filters(start=_day(start, "start"), end=_day(end, "end"), language=language[:8], topic=topic[:30],
                   channel=channel[:20], status=status[:30], reason=reason[:20], q=q[:200],
                   group=int(group) if group else None)


FiltersDep = Annotated[Filters, Depends(review_filters)]


def _labels(**values) -> dict:
    """Template values of the review pages."""
    return staff_context(statuses=STATUS_LABELS, reasons=REASON_LABELS, topics=STAFF_TOPIC_LABELS, channels=CHANNELS,
                    example_text=example_text, **values)


def _chart_period(filters: Filters) -> tuple[dt.date, dt.date]:
    """The charts show the filtered period, or the last twelve weeks."""
    end = filters.end or dt.datetime.now(dt.timezone.utc).date()
    return filters.start or end - dt.timedelta(weeks=CHART_WEEKS), end


def _back(target: str) -> str:
    # Only back to the review page, so that the form cannot redirect elsewhere.
    return target if target.startswith("/staff/questions") and not target.startswith("//") else "/staff/questions"


@router.get("/staff/questions", response_class=HTMLResponse)
def review_page(request: Request, session: SessionDep, staff: StaffDep, filters: FiltersDep,
                page: int = 1, done: str = "") -> HTMLResponse:
    """Lists the logged questions with filters, the biggest groups first, and the charts."""
    group_new_questions(session)
    page = min(max(page, 1), 10_000)
    questions, total = list_questions(session, filters, page=page)
    start, end = _chart_period(filters)
    intents = sorted(topic_of_intent())
    return templates.TemplateResponse(request, "staff/questions.html", _labels(
        staff=staff, filters=filters, questions=questions, total=total, page=page, groups=top_groups(session, filters),
        chart_query=f"start={start}&end={end}", chart_titles=CHART_TITLES, intents=intents, done=done,
        here=f"/staff/questions?{filters.query_string(page=page)}", last_page=max(1, -(-total // PAGE_SIZE)),
    ))


@router.post("/staff/questions/bulk")
def bulk_action(session: SessionDep, staff: StaffDep, action: Annotated[str, Form()], csrf: Annotated[str, Form()] = "",
                ids: Annotated[list[int], Form()] = [], status: Annotated[str, Form()] = "",
                intent: Annotated[str, Form(max_length=60)] = "", new_intent: Annotated[str, Form(max_length=60)] = "",
                back: Annotated[str, Form()] = "/staff/questions") -> Response:
    """Sets the status of the selected questions, or exports them as NLU training data for an intent."""
    check_csrf(staff, csrf)
    if not ids:
        return RedirectResponse(_with(back, "done=none_selected"), status_code=303)
    if action == "status":
        try:
            set_status(session, ids[:1000], status)
        except UnknownStatus:
            raise HTTPException(400, detail="unknown status") from None
        return RedirectResponse(_with(back, "done=status"), status_code=303)
    if action == "export":
        questions = list(session.scalars(select(LoggedQuestion).where(LoggedQuestion.id.in_(ids[:1000]))))
        try:
            name, content, media_type = export_for_training(session, questions, intent=new_intent.strip() or intent)
        except InvalidIntent:
            return RedirectResponse(_with(back, "done=bad_intent"), status_code=303)
        return Response(content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})
    raise HTTPException(400, detail="unknown action")


def _with(target: str, parameter: str) -> str:
    """Adds a parameter to a safe return address."""
    target = _back(target)
    return f"{target}{'&' if '?' in target else '?'}{parameter}"


@router.post("/staff/questions/groups/{group_id}")
def label_group(group_id: int, session: SessionDep, staff: StaffDep, label: Annotated[str, Form(max_length=120)],
                csrf: Annotated[str, Form()] = "", back: Annotated[str, Form()] = "/staff/questions") -> Response:
    """Renames a group of similar questions."""
    check_csrf(staff, csrf)
    group = session.get(QuestionGroup, group_id)
    if group is None:
        raise HTTPException(404, detail="no such group")
    set_label(session, group, label)
    return RedirectResponse(_with(back, "done=label"), status_code=303)


@router.get("/staff/questions/export.csv")
def export_csv(staff: StaffDep, filters: FiltersDep) -> StreamingResponse:
    """Downloads the matching questions as CSV for analysts."""

    def rows():
        # Its own session: the response streams after the request's dependencies are closed.
        with get_sessionmaker()() as session:
            query = filtered(select(LoggedQuestion), filters).options(selectinload(LoggedQuestion.group))
            yield from csv_rows(session.scalars(query.order_by(LoggedQuestion.id).execution_options(yield_per=1000)))

    name = f"wegwijs-questions-{dt.date.today()}.csv"
    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/staff/questions/charts/{name}.svg")
def chart(name: str, session: SessionDep, staff: StaffDep, start: str = "", end: str = "") -> Response:
    """Draws one chart of the period as SVG."""
    if name not in charts.CHARTS:
        raise HTTPException(404, detail="no such chart")
    period = _chart_period(Filters(start=_day(start, "start"), end=_day(end, "end")))
    if period[0] > period[1] or (period[1] - period[0]).days > 800:
        raise HTTPException(400, detail="choose a period of at most two years, start before end")
    titles = {key: gettext(value, STAFF_LANGUAGE) for key, value in CHART_TITLES.items()}
    names = {**{key: gettext(value, STAFF_LANGUAGE) for key, value in STAFF_TOPIC_LABELS.items()}, **LANGUAGE_NAMES}
    svg = charts.render_chart(session, name, start=period[0], end=period[1], labels=titles, names=names)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=300"})


def _report_period(month: str, start: str, end: str) -> tuple[dt.date, dt.date]:
    """The report's period: a month, or two days, or else the last whole month."""
    if start or end:
        first, last = _day(start, "start"), _day(end, "end")
        if not first or not last or first > last:
            raise HTTPException(400, detail="give both start and end, start before end")
        return first, last
    if not month:
        month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    try:
        return month_period(month)
    except ValueError:
        raise HTTPException(400, detail="month: write it as YYYY-MM") from None


@router.get("/staff/questions/report", response_class=HTMLResponse)
def report_page(request: Request, session: SessionDep, staff: StaffDep, month: str = "", start: str = "",
                end: str = "") -> HTMLResponse:
    """Shows the signals report of a period, made to print on A4."""
    first, last = _report_period(month, start, end)
    report = build_report(session, start=first, end=last)
    return templates.TemplateResponse(request, "staff/questions_report.html", _labels(
        staff=staff, report=report, month=first.strftime("%Y-%m"), ratings=RATINGS, callback_figures=CALLBACK_FIGURES,
        chart_query=f"start={first}&end={last}", chart_titles=CHART_TITLES,
        csv_query=f"start={first}&end={last}",
    ))


@router.get("/staff/questions/report.csv")
def report_download(session: SessionDep, staff: StaffDep, month: str = "", start: str = "", end: str = "") -> Response:
    """Downloads the signals report of a period as CSV."""
    first, last = _report_period(month, start, end)
    content = report_csv(build_report(session, start=first, end=last))
    return Response(content, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="wegwijs-signals-{first}-{last}.csv"'})


@router.get("/staff/questions/{question_id}", response_class=HTMLResponse)
def question_page(request: Request, question_id: int, session: SessionDep, staff: StaffDep) -> HTMLResponse:
    """Shows one question with its intents, its note and status, and the link to its conversation."""
    return templates.TemplateResponse(request, "staff/question.html", _labels(
        staff=staff, question=_find(session, question_id)))


@router.post("/staff/questions/{question_id}")
def save_question(question_id: int, session: SessionDep, staff: StaffDep, status: Annotated[str, Form()],
                  csrf: Annotated[str, Form()] = "", note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """Saves the note and status of one question."""
    check_csrf(staff, csrf)
    try:
        set_note(session, _find(session, question_id), note=scrub(note), status=status)
    except UnknownStatus:
        raise HTTPException(400, detail="unknown status") from None
    return RedirectResponse(f"/staff/questions/{question_id}", status_code=303)


@router.get("/staff/questions/{question_id}/conversation", response_class=HTMLResponse)
async def conversation_page(request: Request, question_id: int, staff: StaffDep) -> HTMLResponse:
    """Shows the conversation of a question while retention keeps it, with the parent's messages scrubbed."""
    with get_sessionmaker()() as session:
        question = _find(session, question_id)
    turns = []
    if question.sender_id:
        try:
            tracker = await request.app.state.rasa.tracker(question.sender_id)
        except RasaUnavailable:
            raise HTTPException(503, detail="the conversation cannot be read now; try again later") from None
        for event in tracker.get("events") or []:
            if event.get("event") in ("user", "bot") and event.get("text"):
                text = event["text"] if event["event"] == "bot" else scrub(event["text"])
                turns.append({"who": event["event"], "text": text, "at": dt.datetime.fromtimestamp(
                    event.get("timestamp", 0), dt.timezone.utc)})
    return templates.TemplateResponse(request, "staff/question_conversation.html", _labels(
        staff=staff, question=question, turns=turns))


def _find(session, question_id: int) -> LoggedQuestion:
    """Gets a question by id, or answers 404."""
    question = session.get(LoggedQuestion, question_id)
    if question is None:
        raise HTTPException(404, detail="no such question (it may have been deleted by retention)")
    return question
