"""A stand-in for the WhatsApp Cloud API (Graph API) and for Meta's webhook deliveries: it records what it receives."""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.channels.whatsapp.signature import sign

PHONE_NUMBER_ID = "106540352242922"
BUSINESS_NUMBER = "15550783881"


@dataclass
class FakeGraph:
    """Records POST /<version>/<phone-id>/messages; can refuse recipients outside the window or answer 429."""

    token: str
    sent: list[dict] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    closed_windows: set[str] = field(default_factory=set)
    too_many_requests: int = 0
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def messages_to(self, to: str) -> list[dict]:
        return [m for m in list(self.sent) if m["to"] == to]

    def wait_for(self, count: int, to: str | None = None, timeout: float = 60) -> list[dict]:
        """Waits until a recipient (or everyone) received at least `count` messages."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.messages_to(to) if to else list(self.sent)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        raise AssertionError(f"expected {count} messages, got {self.messages_to(to) if to else self.sent}")

    def settle(self, count: int, to: str, quiet: float = 1.5) -> list[dict]:
        """Waits for at least `count` messages to a recipient, then until no more arrive for `quiet` seconds."""
        sent = self.wait_for(count, to)
        while True:
            time.sleep(quiet)
            now = self.messages_to(to)
            if len(now) == len(sent):
                return now
            sent = now

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/{version}/{phone_id}/messages")
        async def messages(version: str, phone_id: str, request: Request):
            if request.headers.get("authorization") != f"Bearer {self.token}" or phone_id != PHONE_NUMBER_ID:
                return _error(401, 190, "Invalid OAuth access token")
            body = await request.json()
            if body.get("status") == "read":
                self.read.append(body["message_id"])
                return {"success": True}
            with self._lock:
                if self.too_many_requests > 0:
                    self.too_many_requests -= 1
                    return _error(429, 130429, "Rate limit hit")
                if body["to"] in self.closed_windows and body["type"] != "template":
                    return _error(400, 131047, "Re-engagement message")
                body["_at"] = time.monotonic()
                self.sent.append(body)
                wamid = f"wamid.OUT{next(self._ids)}"
            return {"messaging_product": "whatsapp", "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                    "messages": [{"id": wamid}]}

        return app


def _error(status: int, code: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "OAuthException", "code": code,
                                   "fbtrace_id": "Atest"}}, status_code=status)


class Meta:
    """Delivers webhook notifications to api the way Meta does: escaped-unicode JSON, signed with the app secret."""

    def __init__(self, api_url: str, app_secret: str) -> None:
        self.url = f"{api_url}/webhooks/whatsapp"
        self.secret = app_secret
        self._ids = itertools.count(1)

    def deliver(self, body: dict, *, signature: str | None = "valid", client: httpx.Client | None = None
                ) -> httpx.Response:
        """POSTs a notification; signature "valid" signs it, None leaves the header out, anything else is sent as is."""
        raw = json.dumps(body, ensure_ascii=True).encode()
        headers = {"Content-Type": "application/json"}
        if signature == "valid":
            headers["X-Hub-Signature-256"] = sign(raw, self.secret)
        elif signature is not None:
            headers["X-Hub-Signature-256"] = signature
        return (client or httpx).post(self.url, content=raw, headers=headers, timeout=30)

    def message_id(self) -> str:
        return f"wamid.IN{next(self._ids)}.{time.monotonic_ns()}"


def notification(*messages: dict, statuses: list[dict] | None = None) -> dict:
    """A webhook body in the documented envelope with messages and/or statuses."""
    value = {"messaging_product": "whatsapp",
             "metadata": {"display_phone_number": BUSINESS_NUMBER, "phone_number_id": PHONE_NUMBER_ID}}
    if messages:
        value["contacts"] = [{"profile": {"name": "Parent"}, "wa_id": m["from"]} for m in messages]
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = statuses
    return {"object": "whatsapp_business_account",
            "entry": [{"id": "WABA_ID", "changes": [{"field": "messages", "value": value}]}]}


def text(sender: str, body: str, message_id: str) -> dict:
    return {"from": sender, "id": message_id, "timestamp": str(int(time.time())), "type": "text",
            "text": {"body": body}}


def button_reply(sender: str, payload: str, title: str, message_id: str) -> dict:
    return {"from": sender, "id": message_id, "timestamp": str(int(time.time())), "type": "interactive",
            "context": {"from": BUSINESS_NUMBER, "id": "wamid.OUT1"},
            "interactive": {"type": "button_reply", "button_reply": {"id": payload, "title": title}}}


def list_reply(sender: str, payload: str, title: str, message_id: str) -> dict:
    return {"from": sender, "id": message_id, "timestamp": str(int(time.time())), "type": "interactive",
            "context": {"from": BUSINESS_NUMBER, "id": "wamid.OUT1"},
            "interactive": {"type": "list_reply", "list_reply": {"id": payload, "title": title}}}


def media(sender: str, kind: str, message_id: str) -> dict:
    content = {
        "audio": {"audio": {"mime_type": "audio/ogg; codecs=opus", "sha256": "x", "id": "m1", "voice": True}},
        "image": {"image": {"mime_type": "image/jpeg", "sha256": "x", "id": "m2", "caption": "brief"}},
        "sticker": {"sticker": {"mime_type": "image/webp", "sha256": "x", "id": "m3", "animated": False}},
        "document": {"document": {"mime_type": "application/pdf", "sha256": "x", "id": "m4", "filename": "a.pdf"}},
        "location": {"location": {"latitude": 50.94, "longitude": 4.04, "name": "Aalst"}},
    }[kind]
    return {"from": sender, "id": message_id, "timestamp": str(int(time.time())), "type": kind, **content}


def status(message_id: str, state: str, recipient: str, error_code: int | None = None) -> dict:
    update = {"id": message_id, "status": state, "timestamp": str(int(time.time())), "recipient_id": recipient}
    if error_code:
        update["errors"] = [{"code": error_code, "title": "error", "message": "error"}]
    return update
