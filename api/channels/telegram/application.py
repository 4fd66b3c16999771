"""The python-telegram-bot application of Wegwijs: built from settings, pointed at a Bot API server."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from api.channels.pipeline import Pipeline
from api.channels.telegram.handlers import TelegramHandlers
from api.channels.telegram.sender import TelegramSender
from api.channels.texts import COMMANDS
from api.i18n import gettext
from api.settings import get_settings

logger = logging.getLogger(__name__)
# Updates of different chats run side by side; TelegramHandlers keeps each chat in order.
CONCURRENT_UPDATES = 64
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


def build_application(pipeline: Pipeline, *, polling: bool) -> Application:
    """Builds the application; without polling, updates come from the webhook route of api."""
    settings = get_settings()
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_url)
        .base_file_url(settings.telegram_file_url)
        .rate_limiter(AIORateLimiter())
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(register_commands)
    )
    if not polling:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data["sender"] = sender = TelegramSender(application.bot)
    TelegramHandlers(pipeline, sender).register(application)
    return application


async def register_commands(application: Application) -> None:
    """Registers the command menu in every language (the default list in Dutch)."""
    settings = get_settings()
    for language in [None, *settings.languages]:
        commands = [BotCommand(name, gettext(description, language or settings.default_language))
                    for name, description in COMMANDS.items()]
        await application.bot.set_my_commands(commands, language_code=language)
