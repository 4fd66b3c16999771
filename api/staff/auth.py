"""Staff log-in: argon2 passwords, lock-out after repeated failures, server-side sessions, CSRF tokens, roles."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from fastapi import Depends, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db import SessionDep
from api.settings import get_settings
from api.staff.models import ROLES, StaffSession, StaffUser

COOKIE = "wegwijs_staff"
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
SESSION_HOURS = 10
hasher = PasswordHasher()


class NotLoggedIn(Exception):
    """A staff page was opened without a valid session."""


@dataclass
class Staff:
    """The logged-in staff member of a request."""

    user: StaffUser
    session: StaffSession


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; everything is stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(session: Session, *, username: str, password: str, role: str) -> StaffUser:
    """Creates a staff user with an argon2-hashed password."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if len(password) < 12:
        raise ValueError("a password needs at least 12 characters")
    user = StaffUser(username=username, password_hash=hasher.hash(password), role=role)
    session.add(user)
    session.commit()
    return user


def log_in(session: Session, *, username: str, password: str) -> tuple[str, StaffSession] | None:
    """Checks a password; returns a new session token, or None (also while the account is locked)."""
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        hasher.hash(password)  # same work as a real check, so timing does not reveal unknown names
        return None
    if user.locked_until and _aware(user.locked_until) > _now():
        return None
    try:
        hasher.verify(user.password_hash, password)
    except VerificationError:
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until, user.failed_logins = _now() + dt.timedelta(minutes=LOCK_MINUTES), 0
        session.commit()
        return None
    user.failed_logins, user.locked_until = 0, None
    token = secrets.token_urlsafe(32)
    staff_session = StaffSession(token_hash=_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                                 expires_at=_now() + dt.timedelta(hours=SESSION_HOURS))
    session.add(staff_session)
    session.commit()
    return token, staff_session


def log_out(session: Session, token: str) -> None:
    """Ends a session."""
    found = session.get(StaffSession, _digest(token))
    if found:
        session.delete(found)
        session.commit()


def current_staff(request: Request, session: SessionDep) -> Staff:
    """Returns the logged-in staff member, or raises NotLoggedIn."""
    token = request.cookies.get(COOKIE)
    found = session.get(StaffSession, _digest(token)) if token else None
    if found is None or _aware(found.expires_at) < _now():
        raise NotLoggedIn()
    return Staff(found.user, found)


def require_role(*roles: str):
    """Builds a dependency that admits only the given roles (admin always)."""

    def check(staff: Staff = Depends(current_staff)) -> Staff:
        if staff.user.role not in (*roles, "admin"):
            raise HTTPException(403, detail="your role cannot do this")
        return staff

    return check


def check_csrf(staff: Staff, token: str | None) -> None:
    """Rejects a state-changing request whose CSRF token does not match the session's."""
    if not token or not hmac.compare_digest(token, staff.session.csrf_token):
        raise HTTPException(403, detail="invalid CSRF token")


def set_session_cookie(response, token: str) -> None:
    """Sets the session cookie: not readable by scripts, same-site only, HTTPS-only outside development."""
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", max_age=SESSION_HOURS * 3600,
                        secure=get_settings().environment != "development", path="/")
