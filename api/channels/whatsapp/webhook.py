"""WhatsApp's webhook: verification, signed notifications acknowledged at once and processed in the background."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections import defaultdict

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import select

from api.channels.models import DeliveryStatus
from api.channels.pipeline import Incoming, Pipeline
from api.channels.senders import message_key
from api.channels.whatsapp.graph import DeliveryFailed
from api.channels.whatsapp.inbound import CHANNEL, MalformedWebhook, Status, read
from api.channels.whatsapp.sender import WhatsAppSender
from api.channels.whatsapp.signature import is_valid
from api.db import get_sessionmaker
from api.settings import get_settings

router = APIRouter(tags=["whatsapp"])
logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Hub-Signature-256"


@router.get("/webhooks/whatsapp", include_in_schema=False)
def verify(mode: str = Query("", alias="hub.mode"), token: str = Query("", alias="hub.verify_token"),
           challenge: str = Query("", alias="hub.challenge", max_length=200)) -> Response:
    """Answers Meta's verification request with the challenge when the verify token matches."""
    expected = get_settings().whatsapp_verify_token
    if mode == "subscribe" and expected and hmac.compare_digest(token.encode(), expected.encode()):
        return PlainTextResponse(challenge)
    return JSONResponse({"error": "forbidden"}, status_code=403)


@router.post("/webhooks/whatsapp", include_in_schema=False)
async def receive(request: Request, background: BackgroundTasks) -> Response:
    """Checks the signature over the raw body, records statuses, and answers messages after acknowledging."""
    sender: WhatsAppSender | None = getattr(request.app.state, "whatsapp", None)
    if sender is None:
        return JSONResponse({"error": "whatsapp_disabled"}, status_code=404)
    raw = await request.body()
    if not is_valid(raw, request.headers.get(SIGNATURE_HEADER), get_settings().whatsapp_app_secret):
        logger.warning("whatsapp webhook with a missing or wrong signature refused")
        return JSONResponse({"error": "forbidden"}, status_code=403)
    try:
        messages, statuses = read(json.loads(raw))
    except (ValueError, MalformedWebhook):
        return JSONResponse({"error": "malformed"}, status_code=400)
    _record(statuses)
    if messages:
        background.add_task(answer_all, request.app.state.pipeline, sender, messages)
    return JSONResponse({"ok": True})


async def answer_all(pipeline: Pipeline, sender: WhatsAppSender, messages: list[Incoming]) -> None:
    """Answers a batch: each parent's messages in order, different parents side by side."""
    by_parent: dict[str, list[Incoming]] = defaultdict(list)
    for message in messages:
        by_parent[message.platform_id].append(message)
    await asyncio.gather(*(_answer_in_order(pipeline, sender, group) for group in by_parent.values()))


async def _answer_in_order(pipeline: Pipeline, sender: WhatsAppSender, messages: list[Incoming]) -> None:
    """Answers one parent's messages one after the other."""
    async with sender.conversations[messages[0].platform_id]:
        for message in messages:
            await _answer(pipeline, sender, message)


async def _answer(pipeline: Pipeline, sender: WhatsAppSender, message: Incoming) -> None:
    """Answers one message; a failure is logged, never raised into the background."""
    try:
        await sender.graph.mark_read(message.message_id)
        outcome = await pipeline.handle(message)
        if not outcome.duplicate:
            await sender.send(message.platform_id, outcome.messages or [{"text": outcome.error, "buttons": []}])
    except DeliveryFailed:
        logger.error("whatsapp answer not delivered")
    except Exception:
        logger.exception("whatsapp message failed")


def _record(statuses: list[Status]) -> None:
    """Keeps the platform's status reports once each, without recipients and with the message ids hashed."""
    if not statuses:
        return
    with get_sessionmaker()() as session:
        for status in statuses:
            key = message_key(status.message_id)
            known = session.scalar(select(DeliveryStatus.id).where(
                DeliveryStatus.message_id == key, DeliveryStatus.status == status.status))
            if known is None:
                session.add(DeliveryStatus(channel=CHANNEL, message_id=key, status=status.status,
                                           error_code=status.error_code, reported_at=status.reported_at))
                if status.status == "failed":
                    logger.warning("whatsapp reports a failed delivery: code %s", status.error_code)
        session.commit()
