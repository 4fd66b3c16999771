"""The Telegram worker: polling mode, for machines without a public URL (`python -m api.channels.telegram.worker`)."""

from __future__ import annotations

import logging

from api.channels.pipeline import Pipeline
from api.channels.rasa import RasaClient
from api.channels.telegram.application import ALLOWED_UPDATES, build_application
from api.settings import get_settings


def main() -> None:
    """Polls Telegram for updates and answers them until stopped."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # httpx logs request URLs, and Telegram's carry the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if not get_settings().telegram_bot_token:
        raise SystemExit("set TELEGRAM_BOT_TOKEN to run the Telegram worker")
    application = build_application(Pipeline(RasaClient()), polling=True)
    application.run_polling(allowed_updates=ALLOWED_UPDATES)


if __name__ == "__main__":
    main()
