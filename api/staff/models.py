"""Staff users with a role, and their log-in sessions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base

ROLES = ("trusted_person", "coordinator", "frontdesk", "admin")
# Who may use which staff pages; admin may use all (see require_role). Every role may use the desk FAQ.
CALLBACK_ROLES = ("trusted_person", "coordinator")
DESK_ROLES = ("frontdesk", "trusted_person", "coordinator")
CATALOGUE_ROLES = ("coordinator",)
REVIEW_ROLES = ("coordinator",)


class StaffUser(Base):
    """A person of the city who logs in to the staff pages."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StaffSession(Base):
    """A logged-in session: the hash of its cookie token and its CSRF token."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    user: Mapped[StaffUser] = relationship()
