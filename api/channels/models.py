"""Messages already processed, so that a platform's retries are answered once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base


class ProcessedMessage(Base):
    """The id of an incoming message that was already handled."""

    __tablename__ = "processed_messages"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
