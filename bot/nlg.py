"""Rasa's NLG callback to api, on one kept-alive connection pool and without the conversation's history."""

from __future__ import annotations

from typing import Any, Optional, Text

import aiohttp
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from bot.action_server import KEEPALIVE_SECONDS

TIMEOUT_SECONDS = 10


class ApiNaturalLanguageGenerator(NaturalLanguageGenerator):
    """Asks api's /nlg to render each response (loaded by the rasa process from the endpoints file).

    Rasa's own callback generator opens a new HTTP session and serialises every event of the conversation for each
    message it renders, then validates the answer against a JSON schema; api needs only the slots, the latest
    message and the sender, and it is our own trusted process.
    """

    def __init__(self, endpoint_config: EndpointConfig, domain: Optional[Domain] = None) -> None:
        self.endpoint = endpoint_config
        self._session: aiohttp.ClientSession | None = None

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> dict[Text, Any]:
        """Returns the rendered response: text, buttons and custom parts."""
        kwargs.pop("domain_responses", None)
        body = {
            "response": utter_action,
            "arguments": kwargs,
            "tracker": tracker.current_state(EventVerbosity.NONE),
            "channel": {"name": output_channel},
        }
        async with self.session().post(self.endpoint.url, json=body, params=self.endpoint.combine_parameters(),
                                       headers=self.endpoint.headers) as response:
            if response.status >= 400:
                raise RasaException(f"NLG endpoint answered {response.status} for {utter_action}")
            content = await response.json()
        if not isinstance(content, dict):
            raise RasaException(f"NLG endpoint returned no response for {utter_action}")
        return content

    def session(self) -> aiohttp.ClientSession:
        """Returns the connection pool, made on first use inside the server's event loop."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS),
                                                  connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS))
        return self._session
