"""What a 👍/👎 does: it is counted, and a 👎 logs the question the answer was for."""

from __future__ import annotations

import logging

from api.answers.topics import topic_for, topic_of_intent
from api.channels.rasa import RasaClient, RasaUnavailable
from api.db import get_sessionmaker
from api.i18n import supported
from api.nlg.render import render
from api.questions.rating import Rating
from api.questions.service import already_rated, count_question, log_question

logger = logging.getLogger(__name__)


def rated_question(tracker: dict, intent: str) -> dict:
    """Finds the parent's typed message that the rated answer answered (the latest one classified as that intent)."""
    typed = [e for e in tracker.get("events") or []
             if e.get("event") == "user" and e.get("text") and not e["text"].startswith("/")]
    for event in reversed(typed):
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") == intent:
            return event
    return {}


async def rate(rasa: RasaClient, *, rating: Rating, sender: str, channel: str, fallback_language: str) -> list[dict]:
    """Records a rating and returns the thanks, in the conversation's language; the conversation is not touched."""
    try:
        tracker = await rasa.tracker(sender)
    except RasaUnavailable:
        logger.warning("rating without the conversation: rasa unavailable")
        tracker = {}
    language = supported((tracker.get("slots") or {}).get("language") or fallback_language)
    question = rated_question(tracker, rating.intent)
    parsed = question.get("parse_data") or {}
    # A short session of its own, opened after the call to Rasa.
    with get_sessionmaker()() as session:
        if rating.intent not in topic_of_intent():
            return [render(session, name="utter_feedback_helpful", arguments={}, language=language).as_json()]
        count_question(session, topic=topic_for(rating.intent), language=language, channel=channel,
                       kind="helpful" if rating.helpful else "not_helpful")
        if not rating.helpful and not already_rated(session, sender_id=sender, text=question.get("text", "")):
            log_question(
                session, text=question.get("text", ""), language=language, channel=channel, intent=rating.intent,
                confidence=(parsed.get("intent") or {}).get("confidence") or 0.0,
                ranking=parsed.get("intent_ranking") or [], answer=f"utter_{rating.intent}", sender_id=sender,
                reason="not_helpful",
            )
        name = "utter_feedback_helpful" if rating.helpful else "utter_feedback_not_helpful"
        return [render(session, name=name, arguments={}, language=language).as_json()]
