"""Sends neutral messages to a Telegram chat: paced per chat, retried on the platform's errors."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict

from telegram import Bot
from telegram.constants import ChatAction
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from api.channels.telegram.render import render
from api.db import get_sessionmaker

logger = logging.getLogger(__name__)
# Telegram allows about one message per second in one chat; the overall 30/s is AIORateLimiter's job.
PER_CHAT_INTERVAL = 1.0
RETRIES = 4


class TelegramSender:
    """Delivers messages to Telegram chats in order, one per second per chat."""

    channel = "telegram"

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._last_sent: dict[str, float] = defaultdict(float)
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def typing(self, chat_id: str) -> None:
        """Shows "typing…" while the assistant thinks; a failure here does not matter."""
        try:
            await self.bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)
        except NetworkError:
            logger.info("typing indicator not shown")

    async def send(self, chat_id: str, messages: list[dict]) -> None:
        """Sends messages to a chat, in order and paced."""
        with get_sessionmaker()() as session:
            rendered = [part for message in messages for part in render(session, message)]
        async with self._locks[chat_id]:
            for part in rendered:
                wait = self._last_sent[chat_id] + PER_CHAT_INTERVAL - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                await self._with_retries(chat_id, part)
                self._last_sent[chat_id] = time.monotonic()

    async def _with_retries(self, chat_id: str, part) -> None:
        """Sends one message, waiting as Telegram asks on 429 and backing off on network errors and 5xx."""
        for attempt in range(RETRIES):
            try:
                await self.bot.send_message(chat_id=chat_id, text=part.text, reply_markup=part.reply_markup)
                return
            except RetryAfter as error:
                await asyncio.sleep(_seconds(error.retry_after))
            except BadRequest:
                raise
            except (TimedOut, NetworkError):
                if attempt == RETRIES - 1:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise NetworkError("telegram kept asking to retry")


def _seconds(retry_after) -> float:
    """Reads Telegram's retry_after, a number or a timedelta depending on the library's settings."""
    return retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else float(retry_after)
