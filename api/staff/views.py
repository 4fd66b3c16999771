"""Staff pages: log-in, and the call-back inbox where trusted persons claim, call and close requests."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from api.callbacks.models import CallbackRequest
from api.callbacks.service import InvalidTransition, StaleVersion, change_state
from api.db import SessionDep
from api.i18n import TIME_LABELS, N_, gettext
from api.staff.auth import COOKIE, Staff, check_csrf, current_staff, log_in, log_out, require_role, set_session_cookie
from api.staff.models import CALLBACK_ROLES, CATALOGUE_ROLES, DESK_ROLES, REVIEW_ROLES
from api.templating import templates

router = APIRouter(tags=["staff"], include_in_schema=False)
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English", "ar": "العربية", "tr": "Türkçe"}
STAFF_LANGUAGE = "nl"
ACTIONS = {"claim": N_("Claim"), "no_answer": N_("No answer"), "wrong_number": N_("Wrong number"),
           "reached": N_("Reached and helped"), "close": N_("Close")}
NAV = (
    ("/staff/faq", N_("Front desk"), DESK_ROLES),
    ("/staff/callbacks", N_("Call-back requests"), CALLBACK_ROLES),
    ("/staff/questions", N_("Questions from parents"), REVIEW_ROLES),
    ("/staff/catalogue", N_("Catalogue"), CATALOGUE_ROLES),
)
StaffDep = Annotated[Staff, Depends(require_role(*CALLBACK_ROLES))]


@router.get("/staff/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/staff", failed: bool = False) -> HTMLResponse:
    """Shows the log-in form."""
    return templates.TemplateResponse(request, "staff/login.html", staff_context(next=_safe_next(next), failed=failed))


@router.post("/staff/login")
def login(session: SessionDep, username: Annotated[str, Form(max_length=80)],
          password: Annotated[str, Form(max_length=200)], next: Annotated[str, Form()] = "/staff") -> Response:
    """Logs a staff member in, or shows the form again."""
    result = log_in(session, username=username, password=password)
    if result is None:
        return RedirectResponse(f"/staff/login?failed=1&next={_safe_next(next)}", status_code=303)
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_session_cookie(response, result[0])
    return response


@router.get("/staff")
def home(staff: Annotated[Staff, Depends(current_staff)]) -> RedirectResponse:
    """Opens the page a role starts on: the call-back inbox for those who call parents, else the desk FAQ."""
    return RedirectResponse("/staff/callbacks" if staff.user.role in (*CALLBACK_ROLES, "admin") else "/staff/faq",
                            status_code=303)


@router.post("/staff/logout")
def logout(request: Request, session: SessionDep, staff: Annotated[Staff, Depends(current_staff)],
           csrf: Annotated[str, Form()] = "") -> Response:
    """Ends the session."""
    check_csrf(staff, csrf)
    log_out(session, request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/staff/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/staff/callbacks", response_class=HTMLResponse)
def inbox(request: Request, session: SessionDep, staff: StaffDep, status: str = "open", language: str = "",
          topic: str = "", older_than_days: int = 0) -> HTMLResponse:
    """Lists call-back requests, oldest first, filtered by status, language, topic and age."""
    requests = filter_requests(session, status=status, language=language, topic=topic, older_than_days=older_than_days)
    filters = {"status": status, "language": language, "topic": topic, "older_than_days": older_than_days}
    return templates.TemplateResponse(request, "staff/callbacks.html",
                                      staff_context(staff=staff, requests=requests, filters=filters))


@router.get("/staff/callbacks/{reference}", response_class=HTMLResponse)
def detail(request: Request, reference: str, session: SessionDep, staff: StaffDep, error: str = "") -> HTMLResponse:
    """Shows one request with its handover summary, the actions allowed now, and its audit trail."""
    found = find_request(session, reference)
    return templates.TemplateResponse(request, "staff/callback.html", staff_context(staff=staff, item=found, error=error))


@router.post("/staff/callbacks/{reference}")
def act(reference: str, session: SessionDep, staff: StaffDep, action: Annotated[str, Form()],
        version: Annotated[int, Form()], csrf: Annotated[str, Form()] = "",
        note: Annotated[str, Form(max_length=1000)] = "") -> Response:
    """Applies one action to a request; a stale or not-allowed action is explained on the page."""
    check_csrf(staff, csrf)
    found = find_request(session, reference)
    try:
        change_state(session, found, action=action, actor=staff.user.username, version=version, note=note or None)
    except StaleVersion:
        return RedirectResponse(f"/staff/callbacks/{reference}?error=stale", status_code=303)
    except InvalidTransition:
        return RedirectResponse(f"/staff/callbacks/{reference}?error=not_allowed", status_code=303)
    return RedirectResponse(f"/staff/callbacks/{reference}", status_code=303)


def staff_context(**values) -> dict:
    """Template values shared by the staff pages, in the staff's language."""
    times = {code: gettext(label, STAFF_LANGUAGE) for code, label in TIME_LABELS.items()}
    return {"_": lambda m: gettext(m, STAFF_LANGUAGE), "language": STAFF_LANGUAGE, "languages": LANGUAGE_NAMES,
            "times": times, "actions": ACTIONS, "nav": NAV, **values}


def filter_requests(session, *, status: str, language: str, topic: str, older_than_days: int) -> list[CallbackRequest]:
    """Returns the requests that match the filters, oldest first."""
    query = select(CallbackRequest).order_by(CallbackRequest.created_at, CallbackRequest.id)
    if status == "open":
        query = query.where(CallbackRequest.status.in_(("new", "claimed")))
    elif status:
        query = query.where(CallbackRequest.status == status)
    if language:
        query = query.where(CallbackRequest.language == language)
    if older_than_days:
        cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=older_than_days)
        query = query.where(CallbackRequest.created_at <= cutoff)
    requests = list(session.scalars(query))
    return [r for r in requests if not topic or topic in r.summary.get("topics", [])]


def find_request(session, reference: str) -> CallbackRequest:
    """Gets a request by its reference, or answers 404."""
    found = session.scalar(select(CallbackRequest).where(CallbackRequest.reference == reference))
    if found is None:
        raise HTTPException(404, detail="no such request")
    return found


def _safe_next(target: str) -> str:
    # Only local staff pages, so the log-in cannot be used to redirect elsewhere.
    return target if (target == "/staff" or target.startswith("/staff/")) and not target.startswith("//") else "/staff"
