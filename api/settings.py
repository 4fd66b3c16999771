"""The api process's settings, read once from the environment (prefix WEGWIJS_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
DEVELOPMENT_SECRET = "development-only-secret"


class Settings(BaseSettings):
    """Typed settings of the api process."""

    model_config = SettingsConfigDict(env_prefix="WEGWIJS_", env_file=ROOT / ".env", extra="ignore")

    environment: str = "development"
    database_url: str = f"sqlite:///{ROOT / 'var' / 'wegwijs.db'}"
    # Rasa's tracker store (bot/endpoints.yml), where retention deletes old conversations.
    tracker_database_url: str = f"sqlite:///{ROOT / 'var' / 'rasa-tracker.db'}"
    retention_interval_hours: float = 6.0
    rasa_url: str = "http://127.0.0.1:5005"
    # Rasa replicas sharing one tracker store and lock store, comma-separated; empty means rasa_url alone.
    rasa_urls: Annotated[list[str], NoDecode] = []
    rasa_token: str = DEVELOPMENT_SECRET
    internal_token: str = DEVELOPMENT_SECRET
    sender_secret: str = DEVELOPMENT_SECRET
    languages: list[str] = ["nl", "fr", "en", "ar", "tr"]
    default_language: str = "nl"
    max_message_chars: int = 2000
    messages_per_minute: int = 30
    # Posts to the chat, /api/ask and the log-in per client address, whatever cookie or sender they claim.
    requests_per_minute_per_ip: int = 120
    # Largest JSON or form body (uploads and webhooks have their own, larger limits in api/limits.py).
    max_body_bytes: int = 64 * 1024
    conversation_retention_days: int = 30
    question_retention_days: int = 365
    callback_working_days: int = 2
    callback_max_attempts: int = 3
    callback_languages: list[str] = ["nl", "fr", "en", "ar", "tr"]
    phone_retention_days: int = 30
    catalogue_dir: Path = ROOT / "data" / "catalogue"
    # A service not checked for this long is flagged on the catalogue page (about six months).
    catalogue_stale_days: int = 183
    responses_dir: Path = ROOT / "bot" / "responses"
    rasa_timeout_seconds: float = 30.0
    # Conversation turns sent to each Rasa replica at once; the rest wait in api, first come first served. Fewer turns
    # sharing Rasa's one core makes the slowest turns faster at the same throughput (16 → 8: p95/p50 1.5 → 1.3).
    max_concurrent_turns: int = 8
    # Telegram: the channel runs only with a token; webhook mode also needs the secret header value.
    telegram_bot_token: str = Field(default="", validation_alias=AliasChoices(
        "WEGWIJS_TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_TOKEN"))
    # With a public URL, Telegram posts updates to api (webhook mode); without one, the worker polls.
    telegram_webhook_url: str = ""
    telegram_bot_username: str = ""
    telegram_webhook_secret: str = ""
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_file_url: str = "https://api.telegram.org/file/bot"
    # WhatsApp Business Cloud API: the channel runs only when the access token is set.
    whatsapp_access_token: str = ""
    whatsapp_app_secret: str = ""
    whatsapp_verify_token: str = ""
    whatsapp_phone_number_id: str = ""
    whatsapp_display_number: str = ""
    whatsapp_graph_url: str = "https://graph.facebook.com/v23.0"
    # An approved template for messages outside the 24-hour window; without one they wait for the parent.
    whatsapp_template_name: str = ""

    @field_validator("rasa_urls", mode="before")
    @classmethod
    def split_urls(cls, value: object) -> object:
        """Reads a comma-separated list of URLs."""
        if isinstance(value, str):
            return [url.strip() for url in value.split(",") if url.strip()]
        return value

    @property
    def rasa_replicas(self) -> list[str]:
        """The base URLs of the Rasa replicas, in a fixed order."""
        return self.rasa_urls or [self.rasa_url]

    @model_validator(mode="after")
    def refuse_development_secrets(self) -> "Settings":
        """Refuses the development secrets outside development."""
        secrets = (self.rasa_token, self.internal_token, self.sender_secret)
        if self.environment != "development" and DEVELOPMENT_SECRET in secrets:
            raise ValueError("set WEGWIJS_RASA_TOKEN, WEGWIJS_INTERNAL_TOKEN and WEGWIJS_SENDER_SECRET outside development")
        return self

    @model_validator(mode="after")
    def refuse_unsafe_channels(self) -> "Settings":
        """Refuses to run a channel whose secret is missing, or left at the development value in production."""
        problems = []
        if self.telegram_bot_token and self.telegram_webhook_url and not self.telegram_webhook_secret:
            problems.append("WEGWIJS_TELEGRAM_WEBHOOK_SECRET")
        if self.whatsapp_access_token:
            problems += [name for name, value in (("WEGWIJS_WHATSAPP_APP_SECRET", self.whatsapp_app_secret),
                                                  ("WEGWIJS_WHATSAPP_VERIFY_TOKEN", self.whatsapp_verify_token),
                                                  ("WEGWIJS_WHATSAPP_PHONE_NUMBER_ID", self.whatsapp_phone_number_id))
                         if not value]
        if self.environment != "development":
            problems += [name for name, value in (("WEGWIJS_TELEGRAM_WEBHOOK_SECRET", self.telegram_webhook_secret),
                                                  ("WEGWIJS_WHATSAPP_APP_SECRET", self.whatsapp_app_secret),
                                                  ("WEGWIJS_WHATSAPP_VERIFY_TOKEN", self.whatsapp_verify_token))
                         if value == DEVELOPMENT_SECRET]
        if problems:
            raise ValueError(f"channel secrets missing or unsafe: {', '.join(sorted(set(problems)))}")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Returns the settings, read once."""
    return Settings()
