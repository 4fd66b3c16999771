"""Telegram's webhook inside api: the secret header checked, the update queued, 200 at once."""

from __future__ import annotations

import hmac
import json

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from telegram import Update

from api.settings import get_settings

router = APIRouter(tags=["telegram"])
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@router.post("/webhooks/telegram", include_in_schema=False)
async def receive_update(request: Request) -> Response:
    """Accepts an update from Telegram; processing happens after the answer, in the application's queue."""
    application = getattr(request.app.state, "telegram", None)
    secret = get_settings().telegram_webhook_secret
    if application is None or not secret:
        return JSONResponse({"error": "telegram_disabled"}, status_code=404)
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    try:
        data = json.loads(await request.body())
        update = Update.de_json(data, application.bot)
    except (ValueError, TypeError, KeyError):
        return JSONResponse({"error": "malformed"}, status_code=400)
    if update is None:
        return JSONResponse({"error": "malformed"}, status_code=400)
    await application.update_queue.put(update)
    return JSONResponse({"ok": True})
