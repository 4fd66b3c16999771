"""Telegram updates into the shared pipeline: text, commands, button presses, a shared number, everything else."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from api.channels.commands import EXPORT, FORGET
from api.channels.links import parse_start, start_intent
from api.channels.payloads import expand
from api.channels.pipeline import NON_TEXT, Incoming, Pipeline
from api.channels.telegram.render import after_press
from api.channels.telegram.sender import TelegramSender
from api.db import get_sessionmaker

logger = logging.getLogger(__name__)
CHANNEL = "telegram"
# Commands that stand for a question the conversation already knows.
COMMAND_PAYLOADS = {"help": "/bot_capabilities", "language": "/choose_language", "human": "/callback_request",
                    "privacy": "/privacy_question", "export": EXPORT, "forget": FORGET}
NON_TEXT_FILTER = (filters.VOICE | filters.AUDIO | filters.PHOTO | filters.VIDEO | filters.VIDEO_NOTE
                   | filters.ANIMATION | filters.Sticker.ALL | filters.Document.ALL | filters.LOCATION
                   | filters.VENUE | filters.CONTACT | filters.POLL | filters.Dice.ALL)


class TelegramHandlers:
    """Turns Telegram updates into pipeline messages and sends the answers back, one chat at a time."""

    def __init__(self, pipeline: Pipeline, sender: TelegramSender) -> None:
        self.pipeline = pipeline
        self.sender = sender
        self._chats: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def register(self, application: Application) -> None:
        """Adds the handlers to a python-telegram-bot application."""
        application.add_handler(CommandHandler("start", self.on_start))
        application.add_handler(CommandHandler("stop", self.on_stop))
        application.add_handler(CommandHandler(list(COMMAND_PAYLOADS), self.on_command))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_handler(MessageHandler(filters.CONTACT, self.on_contact))
        application.add_handler(MessageHandler(filters.TEXT, self.on_text))
        application.add_handler(MessageHandler(NON_TEXT_FILTER, self.on_other))
        application.add_error_handler(self.on_error)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A typed message (an unknown /command is read as text too)."""
        await self._run(update, text=update.effective_message.text)

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start, optionally with a deep-link payload: a question in a language, or a front-desk referral."""
        start = parse_start(context.args[0]) if context.args else None
        intent = start_intent(start) if start else None
        if intent:
            await self._run(update, payload=f"/{intent}", language=start.language)
        else:
            referral = {"referral": start.referral} if start and start.referral else {}
            await self._run(update, payload="/greet", metadata=referral)

    async def on_stop(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/stop: no more messages from Wegwijs, as the word STOP."""
        await self._run(update, text="stop")

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/help, /language, /human, /privacy, /export, /forget."""
        command = update.effective_message.text.split()[0].lstrip("/").split("@")[0].lower()
        await self._run(update, payload=COMMAND_PAYLOADS[command])

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A pressed inline button: acknowledged, its keyboard taken away so it cannot be pressed twice, then run."""
        query = update.callback_query
        await query.answer()
        markup = query.message.reply_markup if query.message else None
        try:
            await query.edit_message_reply_markup(reply_markup=after_press(markup, query.data or ""))
        except TelegramError:
            logger.info("keyboard already removed")
        with get_sessionmaker()() as session:
            payload = expand(session, query.data or "")
        await self._run(update, payload=payload or "", message_id=f"q{query.id}")

    async def on_contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A shared contact: the parent's own number answers the call-back form; anyone else's is not read."""
        contact = update.effective_message.contact
        if contact.user_id and contact.user_id == update.effective_user.id:
            number = contact.phone_number
            await self._run(update, text=number if number.startswith("+") else f"+{number}")
        else:
            await self._run(update, kind=NON_TEXT)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Voice notes, photos, stickers, documents, locations: a kind answer in the parent's language."""
        await self._run(update, kind=NON_TEXT)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Logs an error without the update's content (it may hold personal data)."""
        logger.error("telegram update failed: %s", type(context.error).__name__)

    async def _run(self, update: Update, *, text: str = "", payload: str | None = None, kind: str = "text",
                   language: str | None = None, metadata: dict | None = None, message_id: str | None = None) -> None:
        """Runs one update through the pipeline and sends the answer, keeping each chat's order."""
        chat_id = str(update.effective_chat.id)
        user = update.effective_user
        incoming = Incoming(
            channel=CHANNEL, platform_id=chat_id, message_id=message_id or f"u{update.update_id}", text=text,
            payload=payload, kind=kind, metadata=metadata or {},
            language_prior=language or (user.language_code or "")[:2].lower() or None,
        )
        async with self._chats[chat_id]:
            await self.sender.typing(chat_id)
            outcome = await self.pipeline.handle(incoming)
            if outcome.duplicate:
                return
            messages = outcome.messages or [{"text": outcome.error, "buttons": []}]
            await self.sender.send(chat_id, messages)
