"""The call-back API for other tools: list, create (with recorded consent) and change requests, by role."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException
from pydantic import BaseModel, Field

from api.callbacks.models import CallbackRequest
from api.callbacks.phones import check_phone
from api.callbacks.service import InvalidTransition, StaleVersion, change_state, create_request
from api.db import SessionDep
from api.staff.auth import Staff, check_csrf, require_role
from api.staff.views import filter_requests, find_request

router = APIRouter(tags=["call-backs"])
Reader = Annotated[Staff, Depends(require_role("trusted_person", "coordinator"))]
Creator = Annotated[Staff, Depends(require_role("trusted_person", "coordinator", "frontdesk"))]


class CallbackOut(BaseModel):
    """A call-back request as staff tools see it."""

    reference: str
    status: str
    language: str
    preferred_time: str
    phone: str | None
    note: str | None
    channel: str
    summary: dict
    claimed_by: str | None
    attempts: int
    version: int
    created_at: dt.datetime

    @classmethod
    def of(cls, request: CallbackRequest) -> "CallbackOut":
        """Builds the view of a request."""
        return cls.model_validate(request, from_attributes=True)


class CallbackCreate(BaseModel):
    """A request recorded by staff on behalf of a parent who consented."""

    phone: str = Field(max_length=40)
    preferred_time: Literal["morning", "afternoon", "anytime"]
    language: Literal["nl", "fr", "en", "ar", "tr"]
    note: str | None = Field(default=None, max_length=500)
    consent_recorded: bool
    idempotency_key: str = Field(default_factory=lambda: str(uuid.uuid4()), max_length=120)


class CallbackChange(BaseModel):
    """A state change, based on the version the client saw."""

    action: Literal["claim", "no_answer", "wrong_number", "reached", "close"]
    version: int
    note: str | None = Field(default=None, max_length=1000)


@router.get("/api/callbacks", response_model=list[CallbackOut])
def list_callbacks(session: SessionDep, staff: Reader, status: str = "open", language: str = "",
                   topic: str = "") -> list[CallbackOut]:
    """Lists call-back requests, oldest first."""
    requests = filter_requests(session, status=status, language=language, topic=topic, older_than_days=0)
    return [CallbackOut.of(r) for r in requests]


@router.post("/api/callbacks", response_model=CallbackOut, status_code=201)
def create_callback(body: CallbackCreate, session: SessionDep, staff: Creator,
                    x_csrf_token: str | None = Header(default=None)) -> CallbackOut:
    """Creates a request on behalf of a parent; the parent's consent must be recorded."""
    check_csrf(staff, x_csrf_token)
    if not body.consent_recorded:
        raise HTTPException(422, detail="the parent's consent must be recorded")
    phone = check_phone(body.phone)
    if phone.e164 is None:
        raise HTTPException(422, detail=f"phone number refused: {phone.problem}")
    request, _ = create_request(
        session, idempotency_key=body.idempotency_key, sender_id=None, channel="desk", phone=phone.e164,
        preferred_time=body.preferred_time, language=body.language, note=body.note, questions=[],
        actor=staff.user.username, consent_recorded_by=staff.user.username,
    )
    return CallbackOut.of(request)


@router.patch("/api/callbacks/{reference}", response_model=CallbackOut)
def change_callback(reference: str, body: CallbackChange, session: SessionDep, staff: Reader,
                    x_csrf_token: str | None = Header(default=None)) -> CallbackOut:
    """Claims, records an attempt on, or closes a request."""
    check_csrf(staff, x_csrf_token)
    request = find_request(session, reference)
    try:
        change_state(session, request, action=body.action, actor=staff.user.username, version=body.version,
                     note=body.note)
    except StaleVersion:
        raise HTTPException(409, detail="the request changed meanwhile; reload it") from None
    except InvalidTransition as error:
        raise HTTPException(409, detail=f"not allowed: {error}") from None
    return CallbackOut.of(request)
