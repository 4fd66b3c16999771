"""How rasa calls the action server: over kept-alive connections, replies checked by a validator built once.

Both replace a piece of Rasa (installed by bot/__init__.py, so every rasa process that loads our components, tracker
store or NLG has them); they change the cost of a call, not what it does. Together they were about a third of
rasa's processor time per turn (BENCHMARKS.md).
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import Any, Dict, Text

import aiohttp
from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import EndpointConfig

# Idle connections are dropped before the servers' own keep-alive limits close them (uvicorn, api: 5 s; rasa-sdk:
# 120 s), so a request never goes out on a connection the server is closing.
KEEPALIVE_SECONDS = 3


class KeptAliveSession(aiohttp.ClientSession):
    """A session that Rasa's `async with endpoint.session()` leaves open, so the next call reuses its connections."""

    async def __aexit__(self, *_exc_info: Any) -> None:
        return None


def kept_alive_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """Returns the endpoint's session in the running event loop, made on first use (Rasa made one per call)."""
    loop = asyncio.get_running_loop()
    kept = endpoint.__dict__.get("_kept_alive")
    if kept is None or kept[0] is not loop or kept[1].closed:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"]) \
            if endpoint.basic_auth else None
        session = KeptAliveSession(headers=endpoint.headers, auth=auth,
                                   timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                                   connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS))
        kept = endpoint._kept_alive = (loop, session)
    return kept[1]


@lru_cache(maxsize=1)
def reply_validator() -> Any:
    """Returns the validator of Rasa's action reply format, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def validate_action_result(_action: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Validates a reply as Rasa does, raising the same error with the same hint.

    jsonschema's validate() checks the schema itself against the meta-schema on every call, which cost twice the
    check of the reply.
    """
    error = exceptions.best_match(reply_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action endpoint "
            f"is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Puts the two replacements in place."""
    RemoteAction._validate_action_result = validate_action_result
    EndpointConfig.session = kept_alive_session
