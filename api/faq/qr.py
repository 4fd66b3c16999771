"""QR codes on paper that open the conversation with Wegwijs on the same question, in the same language."""

from __future__ import annotations

from dataclasses import dataclass

import segno

from api.channels.links import start_payload, telegram_link, whatsapp_link
from api.i18n import N_

CAPTION = N_("Scan a code with your phone to ask Wegwijs more, in your language.")
CHANNEL_NAMES = {"telegram": "Telegram", "whatsapp": "WhatsApp"}


@dataclass(frozen=True)
class ChatLink:
    """A deep link into one channel and its QR code as a data URI."""

    channel: str
    link: str
    qr: str

    @property
    def name(self) -> str:
        """The channel's own name, shown under its code."""
        return CHANNEL_NAMES[self.channel]


def qr_data_uri(link: str) -> str:
    """Returns an SVG QR code of a link as a data URI (the page's CSP allows images from data: only)."""
    return segno.make(link, error="m").svg_data_uri(scale=4, border=2)


def chat_links(*, intent: str, language: str) -> list[ChatLink]:
    """Returns the Telegram and WhatsApp links that start on an intent in a language, for the channels configured."""
    payload = start_payload(intent, language)
    links = {"telegram": telegram_link(payload), "whatsapp": whatsapp_link(payload)}
    return [ChatLink(channel, link, qr_data_uri(link)) for channel, link in links.items() if link]
