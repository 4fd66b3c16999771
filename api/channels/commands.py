"""What the channels answer themselves, without Rasa: what is kept about a parent, forgetting them, opting out."""

from __future__ import annotations

from api.channels.texts import CHANNEL_TEXTS
from api.db import get_sessionmaker
from api.i18n import gettext
from api.privacy.export import export_sender
from api.privacy.forget import forget_sender

FORGET, FORGET_CONFIRM, FORGET_KEEP = "/forget", "/forget_confirm", "/forget_keep"
EXPORT = "/export"
PRIVACY_PAYLOADS = (EXPORT, FORGET, FORGET_CONFIRM, FORGET_KEEP)
# A whole message that is one of these words opts out (the international "STOP" and its equivalents).
STOP_WORDS = frozenset({
    "stop", "/stop", "stopp", "stoppen", "arrêt", "arrêter", "arrete", "arreter", "arrête",
    "توقف", "قف", "ايقاف", "إيقاف", "dur", "durdur",
})


def is_stop(text: str) -> bool:
    """Says whether a message asks to stop all messages."""
    return text.strip().strip("!.").casefold() in STOP_WORDS


def privacy(payload: str, *, sender_id: str, language: str) -> list[dict]:
    """Answers "my data" with a summary, or runs a step of "forget me": the question, the deletion, or keeping all."""
    say = lambda key, **values: gettext(CHANNEL_TEXTS[key], language).format(**values)  # noqa: E731
    if payload == EXPORT:
        with get_sessionmaker()() as session:
            kept = export_sender(session, sender_id)
        counts = {"messages": len(kept["conversation"]), "contacts": int(kept["contact"] is not None),
                  "callbacks": len(kept["callbacks"]), "questions": len(kept["questions"]),
                  "outbound": len(kept["outbound_messages"])}
        return [{"text": say("exported", **counts), "buttons": [{"title": say("forget_yes"), "payload": FORGET}]}]
    if payload == FORGET:
        buttons = [{"title": say("forget_yes"), "payload": FORGET_CONFIRM},
                   {"title": say("forget_no"), "payload": FORGET_KEEP}]
        return [{"text": say("forget_question"), "buttons": buttons}]
    if payload == FORGET_KEEP:
        return [{"text": say("forget_kept"), "buttons": []}]
    with get_sessionmaker()() as session:
        forgotten = forget_sender(session, sender_id)
    return [{"text": say("forgotten", **vars(forgotten)), "buttons": []}]
