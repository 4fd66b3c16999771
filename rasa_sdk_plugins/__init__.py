"""Extensions of the action server, found by rasa-sdk under this package name: a readiness endpoint."""

from __future__ import annotations

import httpx
import pluggy
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

from actions.settings import get_settings

hookimpl = pluggy.HookimplMarker("rasa_sdk")
READY_TIMEOUT_SECONDS = 3.0


async def ready(_request: Request) -> HTTPResponse:
    """Says whether the actions can work: api, where every answer plan and call-back goes, answers."""
    try:
        async with httpx.AsyncClient(timeout=READY_TIMEOUT_SECONDS) as client:
            api = (await client.get(f"{get_settings().api_url}/health")).status_code == 200
    except httpx.HTTPError:
        api = False
    return json({"status": "ready" if api else "not_ready", "api": api}, status=200 if api else 503)


class ReadinessPlugin:
    """Adds GET /ready beside rasa-sdk's own GET /health."""

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        app.add_route(ready, "/ready", methods=["GET"])


def init_hooks(manager: pluggy.PluginManager) -> None:
    """Registers the plugin (called by rasa-sdk when the action server starts)."""
    manager.register(ReadinessPlugin())
