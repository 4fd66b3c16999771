"""Opaque sender ids: an HMAC of the platform id, so no raw platform id reaches Rasa or the logs."""

from __future__ import annotations

import hashlib
import hmac

from api.settings import get_settings


def sender_id(channel: str, platform_id: str) -> str:
    """Returns the opaque, stable sender id of a platform user, prefixed by the channel."""
    secret = get_settings().sender_secret.encode()
    digest = hmac.new(secret, f"{channel}:{platform_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}:{digest[:32]}"


def message_key(key: str) -> str:
    """Returns a keyed hash of a platform message id (WhatsApp's ids encode the parent's number), to compare ids."""
    return hmac.new(get_settings().sender_secret.encode(), key.encode(), hashlib.sha256).hexdigest()
