"""The call-back form's phone question, made easy per platform: Telegram's "share my number", WhatsApp's own number."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.channels.models import Contact
from api.channels.texts import CHANNEL_TEXTS
from api.channels.telegram.render import SHARE_PHONE
from api.channels.whatsapp.inbound import USE_MY_NUMBER
from api.i18n import gettext
from api.nlg.render import Rendered

PHONE_QUESTION = "utter_ask_callback_phone"


def offer_own_number(session: Session, rendered: Rendered, *, tracker: dict, language: str) -> Rendered:
    """Adds the platform's way to answer the phone question with one press."""
    channel = tracker.get("latest_input_channel")
    if channel == "telegram":
        rendered.buttons.append({"title": gettext(CHANNEL_TEXTS["share_phone"], language), "payload": SHARE_PHONE})
    elif channel == "whatsapp":
        contact = session.get(Contact, tracker.get("sender_id") or "")
        if contact is not None:
            rendered.text += "\n" + gettext(CHANNEL_TEXTS["own_number"], language).format(phone=f"+{contact.address}")
            rendered.buttons.append({"title": gettext(CHANNEL_TEXTS["use_own_number"], language),
                                     "payload": USE_MY_NUMBER})
    return rendered
