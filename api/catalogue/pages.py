"""Staff pages of the catalogue: list with stale entries, edit a service, audit, import and export."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from sqlalchemy import select

from api.catalogue.models import Service
from api.catalogue.service import get_service
from api.catalogue.upkeep import (
    TRANSLATED, InvalidCatalogue, StaleEdit, all_entries, changes_of, edit_service, entry_of, flatten, from_csv,
    from_yaml, import_entries, stale_services, to_csv, to_yaml,
)
from api.db import SessionDep
from api.i18n import N_
from api.settings import get_settings
from api.staff.auth import Staff, check_csrf, require_role
from api.staff.models import CATALOGUE_ROLES
from api.staff.views import staff_context
from api.templating import templates

router = APIRouter(tags=["catalogue"], include_in_schema=False)
EditorDep = Annotated[Staff, Depends(require_role(*CATALOGUE_ROLES))]
MAX_IMPORT_BYTES = 2_000_000
EDITABLE = ("phone", "email", "url", "address", "source", "checked_on")
PROBLEMS = {
    "required": N_("This field is required."),
    "too_long": N_("This text is too long."),
    "phone": N_("A phone number has only digits, spaces and + / ( ) . -"),
    "email": N_("This is not an e-mail address."),
    "url": N_("A web address starts with https:// or http://."),
    "date": N_("A date as YYYY-MM-DD, not in the future."),
    "rank": N_("A whole number from 0 to 1000."),
    "topics": N_("Unknown topic."),
    "intents": N_("Unknown question (intent)."),
    "languages": N_("Language codes of two letters, separated by ;"),
    "slug": N_("Lower-case letters, digits and - only."),
    "duplicate": N_("This service appears twice."),
    "format": N_("The file is not a catalogue export (YAML list or CSV with a slug column)."),
    "stale": N_("Someone changed this service in the meantime. Check it and try again."),
}


def _page(request: Request, template: str, status_code: int = 200, **values) -> HTMLResponse:
    """Renders a catalogue page with the staff pages' shared values."""
    return templates.TemplateResponse(request, template, staff_context(problems_text=PROBLEMS, **values),
                                      status_code=status_code)


def _service(session, slug: str) -> Service:
    """Gets a service by its slug, or answers 404."""
    service = get_service(session, slug=slug)
    if service is None:
        raise HTTPException(404, detail="no such service")
    return service


@router.get("/staff/catalogue", response_class=HTMLResponse)
def catalogue(request: Request, session: SessionDep, staff: EditorDep, stale: bool = False) -> HTMLResponse:
    """Lists the services with their check date; services not checked for too long are flagged."""
    flagged = stale_services(session)
    services = flagged if stale else list(session.scalars(select(Service).order_by(Service.slug)))
    return _page(request, "staff/catalogue.html", staff=staff, services=services, stale_slugs={s.slug for s in flagged},
                 stale_only=stale, stale_days=get_settings().catalogue_stale_days, result=None, problems={})


@router.get("/staff/catalogue/export.yml")
def export_yaml(session: SessionDep, staff: EditorDep) -> Response:
    """Downloads the catalogue in the format of data/catalogue/services.yml."""
    return PlainTextResponse(to_yaml(all_entries(session)), media_type="application/yaml",
                             headers={"Content-Disposition": f'attachment; filename="{_filename("yml")}"'})


@router.get("/staff/catalogue/export.csv")
def export_csv(session: SessionDep, staff: EditorDep) -> Response:
    """Downloads the catalogue as CSV, one column per field and language."""
    return PlainTextResponse(to_csv(all_entries(session)), media_type="text/csv",
                             headers={"Content-Disposition": f'attachment; filename="{_filename("csv")}"'})


@router.post("/staff/catalogue/import", response_class=HTMLResponse)
async def import_file(request: Request, session: SessionDep, staff: EditorDep, file: UploadFile,
                      csrf: Annotated[str, Form()] = "") -> HTMLResponse:
    """Imports a YAML or CSV export: adds new services, updates changed ones, all or nothing, audited."""
    check_csrf(staff, csrf)
    data = await file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise HTTPException(413, detail="the file is larger than 2 MB")
    values = {"staff": staff, "stale_only": False, "stale_days": get_settings().catalogue_stale_days}
    try:
        text = data.decode("utf-8-sig")
        entries = from_csv(text) if (file.filename or "").lower().endswith(".csv") else from_yaml(text)
        result = import_entries(session, entries, actor=staff.user.username)
    except (UnicodeDecodeError, ValueError) as error:
        problems = error.problems if isinstance(error, InvalidCatalogue) else {"file": "format"}
        return _page(request, "staff/catalogue.html", 422, services=[], stale_slugs=set(), result=None,
                     problems=problems, **values)
    flagged = stale_services(session)
    return _page(request, "staff/catalogue.html", services=list(session.scalars(select(Service).order_by(Service.slug))),
                 stale_slugs={s.slug for s in flagged}, result=result, problems={}, **values)


@router.get("/staff/catalogue/{slug}", response_class=HTMLResponse)
def service_page(request: Request, session: SessionDep, staff: EditorDep, slug: str, saved: bool = False) -> HTMLResponse:
    """Shows the edit form of a service with its audit trail."""
    service = _service(session, slug)
    return _edit_page(request, session, staff, service, flatten_service(service), problems={}, saved=saved)


@router.post("/staff/catalogue/{slug}", response_class=HTMLResponse)
async def save_service(request: Request, session: SessionDep, staff: EditorDep, slug: str) -> Response:
    """Saves an edit of a service; problems and stale edits are explained on the form."""
    form = await request.form()
    check_csrf(staff, str(form.get("csrf") or ""))
    service = _service(session, slug)
    fields = {key: str(form.get(key) or "")[:2000] for key in editable_fields()}
    version = str(form.get("version") or "")
    try:
        edit_service(session, service, flat=fields, version=int(version) if version.isdigit() else -1,
                     actor=staff.user.username)
    except InvalidCatalogue as error:
        return _edit_page(request, session, staff, service, {**flatten_service(service), **fields}, error.problems,
                          status=422)
    except StaleEdit:
        return _edit_page(request, session, staff, service, {**flatten_service(service), **fields},
                          {"version": "stale"}, status=409)
    return RedirectResponse(f"/staff/catalogue/{slug}?saved=1", status_code=303)


def editable_fields() -> list[str]:
    """Returns the form fields staff can edit: the translated texts, contact data, source and check date."""
    languages = get_settings().languages
    return [f"{name}.{lang}" for name in TRANSLATED for lang in languages] + list(EDITABLE)


def flatten_service(service: Service) -> dict[str, str]:
    """Returns a service's fields as the form shows them."""
    return flatten(entry_of(service))


def _edit_page(request: Request, session, staff: Staff, service: Service, values: dict[str, str],
               problems: dict[str, str], saved: bool = False, status: int = 200) -> HTMLResponse:
    """Renders the edit form of a service."""
    return _page(request, "staff/catalogue_service.html", status, staff=staff, service=service, values=values,
                 problems=problems, saved=saved, translated=TRANSLATED, editable=EDITABLE,
                 stale=service in stale_services(session), changes=changes_of(session, slug=service.slug))


def _filename(extension: str) -> str:
    """Names an export after the day it was made."""
    return f"wegwijs-catalogue-{dt.date.today().isoformat()}.{extension}"
