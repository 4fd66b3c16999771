"""What the processes log carries no secret, no sender address and no message text."""

from __future__ import annotations

import uuid

import httpx

from tests.e2e.conftest import TELEGRAM_SECRET, TELEGRAM_TOKEN, WHATSAPP_SECRET, WHATSAPP_TOKEN
from tests.e2e.stack import RASA_TOKEN, TOKEN
from tests.fakes.telegram_api import text_update

CHAT_ID = 55_999_001


def test_logs_carry_no_token_and_no_message_text(stack, fake_telegram):
    marker = f"Kwartel{uuid.uuid4().hex[:6]}"
    with httpx.Client(base_url=stack.api_url, timeout=60) as client:
        turn = client.post("/api/chat/messages", json={"text": f"hoeveel kost de opvang {marker}",
                                                       "message_id": uuid.uuid4().hex})
        asked = client.post("/api/ask", json={"text": f"wat is een uitpas {marker}"})
        update = client.post("/webhooks/telegram", json=text_update(99_001, CHAT_ID, f"uitpas {marker}", "nl"),
                             headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
    assert turn.status_code == asked.status_code == update.status_code == 200
    fake_telegram.settle(1, CHAT_ID)

    for name in ("api", "actions", "rasa"):
        log = stack.log(name)
        for secret in (RASA_TOKEN, TOKEN, TELEGRAM_TOKEN, TELEGRAM_SECRET, WHATSAPP_TOKEN, WHATSAPP_SECRET, marker,
                       str(CHAT_ID)):
            assert secret not in log, f"{name} logged {secret}"
