"""A stand-in for Telegram's Bot API: form-encoded POST /bot<token>/<method>, JSON {"ok", "result"}; it records calls."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

BOT = {"id": 7000001, "is_bot": True, "first_name": "Wegwijs", "username": "wegwijs_test_bot",
       "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}


@dataclass
class Call:
    """One Bot API request as Telegram would receive it."""

    method: str
    params: dict
    at: float


@dataclass
class FakeTelegram:
    """Records calls, feeds getUpdates, and can answer 429 to the next sendMessage calls."""

    token: str
    calls: list[Call] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    too_many_requests: int = 0
    _ids: itertools.count = field(default_factory=lambda: itertools.count(100))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def sent(self, chat_id: int | str | None = None) -> list[dict]:
        """Returns the sendMessage parameters, optionally for one chat."""
        return [c.params for c in list(self.calls)
                if c.method == "sendMessage" and (chat_id is None or str(c.params["chat_id"]) == str(chat_id))]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in list(self.calls) if c.method == method]

    def wait_for(self, count: int, chat_id: int | str | None = None, timeout: float = 60) -> list[dict]:
        """Waits until a chat received at least `count` messages."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            sent = self.sent(chat_id)
            if len(sent) >= count:
                return sent
            time.sleep(0.05)
        raise AssertionError(f"expected {count} messages, got {len(self.sent(chat_id))}: {self.sent(chat_id)}")

    def settle(self, count: int, chat_id: int | str, quiet: float = 1.5, timeout: float = 60) -> list[dict]:
        """Waits for at least `count` messages to a chat, then until no more arrive for `quiet` seconds."""
        sent = self.wait_for(count, chat_id, timeout)
        while True:
            time.sleep(quiet)
            now = self.sent(chat_id)
            if len(now) == len(sent):
                return now
            sent = now

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/bot{token}/{method}")
        async def method(token: str, method: str, request: Request):
            if token != self.token:
                return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401)
            form = await request.form()
            params = {k: _decode(v) for k, v in form.items()}
            with self._lock:
                self.calls.append(Call(method, params, time.monotonic()))
                if method == "sendMessage" and self.too_many_requests > 0:
                    self.too_many_requests -= 1
                    return JSONResponse({"ok": False, "error_code": 429, "description": "Too Many Requests",
                                         "parameters": {"retry_after": 1}}, status_code=429)
            return {"ok": True, "result": await self._result(method, params)}

        return app

    async def _result(self, method: str, params: dict):
        if method == "getMe":
            return BOT
        if method == "getUpdates":
            await asyncio.sleep(0.1)
            with self._lock:
                updates, self.updates = self.updates, []
            return updates
        if method in ("sendMessage", "editMessageReplyMarkup", "editMessageText"):
            chat = {"id": int(params.get("chat_id", 1)), "type": "private", "first_name": "Parent"}
            return {"message_id": next(self._ids), "date": int(time.time()), "chat": chat,
                    "text": params.get("text", "")}
        return True


def _decode(value: str):
    """PTB sends strings as they are and everything else JSON-encoded."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def text_update(update_id: int, chat_id: int, text: str, language_code: str | None = "nl") -> dict:
    """An update with a typed message (a command when it starts with /)."""
    message = _message(update_id, chat_id, language_code, text=text)
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


def media_update(update_id: int, chat_id: int, kind: str, language_code: str | None = "nl") -> dict:
    """An update with a voice note, photo, sticker, document or location."""
    media = {
        "voice": {"voice": {"file_id": "v1", "file_unique_id": "v1u", "duration": 3}},
        "photo": {"photo": [{"file_id": "p1", "file_unique_id": "p1u", "width": 90, "height": 90}]},
        "sticker": {"sticker": {"file_id": "s1", "file_unique_id": "s1u", "type": "regular", "width": 512,
                                "height": 512, "is_animated": False, "is_video": False}},
        "document": {"document": {"file_id": "d1", "file_unique_id": "d1u", "file_name": "brief.pdf"}},
        "location": {"location": {"latitude": 50.94, "longitude": 4.04}},
    }[kind]
    return {"update_id": update_id, "message": _message(update_id, chat_id, language_code, **media)}


def contact_update(update_id: int, chat_id: int, phone: str, own: bool = True) -> dict:
    """An update with a shared contact (the parent's own number when `own`)."""
    contact = {"phone_number": phone, "first_name": "Parent", "user_id": chat_id if own else chat_id + 1}
    return {"update_id": update_id, "message": _message(update_id, chat_id, "nl", contact=contact)}


def button_update(update_id: int, chat_id: int, data: str, message_id: int = 1) -> dict:
    """An update for a pressed inline button."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Parent", "language_code": "nl"}
    message = {"message_id": message_id, "date": int(time.time()), "text": "…",
               "chat": {"id": chat_id, "type": "private", "first_name": "Parent"}}
    return {"update_id": update_id, "callback_query": {"id": f"cq{update_id}", "from": user, "chat_instance": "ci",
                                                       "message": message, "data": data}}


def _message(update_id: int, chat_id: int, language_code: str | None, **content) -> dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Parent"}
    if language_code:
        user["language_code"] = language_code
    return {"message_id": update_id, "date": int(time.time()), "from": user,
            "chat": {"id": chat_id, "type": "private", "first_name": "Parent"}, **content}
