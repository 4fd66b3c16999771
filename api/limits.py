"""Limits at the edge: request body sizes, and requests per client address on the endpoints anyone can call."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.channels.ratelimit import RateLimiter
from api.settings import get_settings

# Uploads (catalogue import) and platform webhooks (batched notifications) may be larger than a chat message.
LARGER_BODIES = {"multipart/form-data": 2 * 1024 * 1024}
WEBHOOK_BODY_BYTES = 1024 * 1024
LIMITED_PATHS = ("/api/chat/messages", "/api/ask", "/staff/login")
# The machine itself (tests, benchmarks); behind the proxy the client address is the parent's (--proxy-headers).
LOOPBACK = {"127.0.0.1", "::1"}


class BodyLimit:
    """Answers 413 to a body over the limit, whether its length is announced or it is streamed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = _limit(scope)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > limit:
                await _too_large(scope, receive, send, limit)
                return
            await self.app(scope, receive, send)
            return
        # A body without a length (chunked) is read up to the limit here, then handed on as it came.
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size, more = size + len(chunks[-1]), message.get("more_body", False)
            if size > limit:
                await _too_large(scope, receive, send, limit)
                return
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _limit(scope: Scope) -> int:
    """The largest body this request may have."""
    if scope["path"].startswith("/webhooks/"):
        return WEBHOOK_BODY_BYTES
    content_type = dict(scope["headers"]).get(b"content-type", b"").decode("latin-1").split(";")[0].strip()
    return LARGER_BODIES.get(content_type, get_settings().max_body_bytes)


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    response = JSONResponse({"error": "too_large", "limit_bytes": limit}, status_code=413)
    await response(scope, receive, send)


class AddressLimit:
    """Answers 429 when one client address posts too often, however many cookies or senders it uses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.limiter = RateLimiter(limit=get_settings().requests_per_minute_per_ip)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] in LIMITED_PATHS:
            address = (scope.get("client") or ("unknown", 0))[0]
            if address not in LOOPBACK and not self.limiter.allow(address):
                response = JSONResponse({"error": "rate_limited"}, status_code=429, headers={"Retry-After": "60"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
