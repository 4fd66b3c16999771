"""How rasa calls the action server (runs in .venv-rasa): Rasa's checks kept, connections kept."""

from __future__ import annotations

import asyncio

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import bot  # noqa: F401  (installs bot.action_server)
from bot.action_server import KeptAliveSession

ACTION = RemoteAction("action_answer", EndpointConfig("http://127.0.0.1:9"))


def test_a_valid_reply_passes():
    reply = {"events": [{"event": "slot", "name": "language", "value": "nl"}],
             "responses": [{"response": "utter_greet", "language": "nl"}]}
    assert ACTION._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", [{"events": [{"event": 5}]}, {"events": "no list"},
                                   {"events": [{"event": "slot", "name": 3}]}])
def test_an_invalid_reply_is_refused_with_rasas_hint(reply):
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        ACTION._validate_action_result(reply)


def test_one_session_per_endpoint_and_event_loop_left_open_by_async_with():
    endpoint = EndpointConfig("http://127.0.0.1:9")

    async def twice():
        async with endpoint.session() as first:
            pass
        async with endpoint.session() as second:
            pass
        return first, second

    first, second = asyncio.run(twice())
    assert first is second and isinstance(first, KeptAliveSession) and not first.closed
    other_loop, _ = asyncio.run(twice())
    assert other_loop is not first
