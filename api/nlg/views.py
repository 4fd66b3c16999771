"""Rasa's NLG endpoint: renders each response in the conversation's language."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from api.db import get_sessionmaker
from api.i18n import supported
from api.internal import require_internal_token
from api.channels.phone_offer import PHONE_QUESTION, offer_own_number
from api.nlg.render import render

router = APIRouter(tags=["internal"], dependencies=[Depends(require_internal_token)])
logger = logging.getLogger(__name__)


def conversation_language(tracker: dict, arguments: dict) -> str:
    """Returns the language to answer in: the action's choice, else the slot, else the channel's hints."""
    metadata = (tracker.get("latest_message") or {}).get("metadata") or {}
    slot = (tracker.get("slots") or {}).get("language")
    return supported(arguments.get("language") or slot or metadata.get("language_prior") or metadata.get("language_hint"))


@router.post("/nlg")
async def generate(body: dict) -> dict:
    """Renders a response named by Rasa with its arguments."""
    # Rendering reads the catalogue's copy in memory (checked against the database at most once a second), so it runs
    # here on the event loop: a worker thread cost more than the render, on each of the two or three of a turn. Only
    # the phone question looks up the parent's contact, in a worker thread.
    if body.get("response") == PHONE_QUESTION:
        return await run_in_threadpool(_reply, body)
    return _reply(body)


def _reply(body: dict) -> dict:
    """Renders the response of an NLG request in the conversation's language."""
    with get_sessionmaker()() as session:
        tracker = body.get("tracker") or {}
        arguments = {k: v for k, v in (body.get("arguments") or {}).items() if k != "language"}
        language = conversation_language(tracker, body.get("arguments") or {})
        name = body.get("response") or body.get("template")
        try:
            rendered = render(session, name=name, arguments=arguments, language=language,
                              slots=tracker.get("slots") or {})
            if name == PHONE_QUESTION:
                rendered = offer_own_number(session, rendered, tracker=tracker, language=language)
            return rendered.as_json()
        except KeyError:
            logger.exception("cannot render response %s", name)
            return render(session, name="utter_service_unavailable", arguments={}, language=language).as_json()
