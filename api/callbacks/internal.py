"""Internal endpoints for the call-back form in the chat: checking a number, creating and withdrawing a request."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.callbacks.phones import check_phone
from api.callbacks.service import create_request, expected_call_date, withdraw
from api.db import SessionDep
from api.internal import require_internal_token
from api.settings import get_settings

router = APIRouter(tags=["internal"], dependencies=[Depends(require_internal_token)])


class PhoneIn(BaseModel):
    """A number as the parent typed it."""

    text: str = Field(max_length=200)


class CallbackIn(BaseModel):
    """A consented call-back request from the chat."""

    idempotency_key: str = Field(max_length=120)
    sender_id: str = Field(max_length=80)
    channel: str = Field(max_length=20)
    phone: str = Field(max_length=20)
    preferred_time: str = Field(max_length=20)
    language: str = Field(max_length=8)
    note: str | None = Field(default=None, max_length=2000)
    questions: list[dict] = []


class WithdrawIn(BaseModel):
    """The parent whose open requests are withdrawn."""

    sender_id: str = Field(max_length=80)


@router.post("/internal/callbacks/phone")
def check_number(body: PhoneIn) -> dict:
    """Checks and normalises a phone number."""
    result = check_phone(body.text)
    return {"e164": result.e164, "problem": result.problem}


@router.post("/internal/callbacks", status_code=201)
def create(body: CallbackIn, session: SessionDep) -> dict:
    """Creates the request once, however often the same submission arrives."""
    request, created = create_request(session, **body.model_dump())
    expected = expected_call_date(request.created_at.date(), working_days=get_settings().callback_working_days)
    return {"reference": request.reference, "expected_date": expected.isoformat(), "created": created}


@router.post("/internal/callbacks/withdraw")
def withdraw_requests(body: WithdrawIn, session: SessionDep) -> dict:
    """Withdraws the parent's open requests."""
    return {"references": withdraw(session, sender_id=body.sender_id)}
