"""The actions process's settings."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Typed settings of the actions process (prefix WEGWIJS_)."""

    model_config = SettingsConfigDict(env_prefix="WEGWIJS_", extra="ignore")

    api_url: str = "http://127.0.0.1:8000"
    internal_token: str = "development-only-secret"
    languages: list[str] = ["nl", "fr", "en", "ar", "tr"]
    default_language: str = "nl"
    api_timeout_seconds: float = 10.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Returns the settings, read once."""
    return Settings()
