"""Command line: migrate and seed the database."""

from __future__ import annotations

import argparse
import getpass
import os

from alembic import command
from alembic.config import Config

from api.catalogue.service import seed
from api.retention import run_retention
from api.db import get_sessionmaker
from api.settings import ROOT, get_settings
from api.staff.auth import create_user
from api.staff.models import ROLES


def migrate() -> None:
    """Brings the database schema up to date."""
    command.upgrade(Config(str(ROOT / "alembic.ini")), "head")


def seed_catalogue() -> None:
    """Loads the seed catalogue into the database."""
    with get_sessionmaker()() as session:
        added = seed(session, catalogue_dir=get_settings().catalogue_dir)
    print(f"catalogue: {added} new entries")


def add_user(username: str, role: str) -> None:
    """Creates a staff user; the password comes from WEGWIJS_NEW_PASSWORD or is asked for."""
    password = os.environ.get("WEGWIJS_NEW_PASSWORD") or getpass.getpass(f"password for {username}: ")
    with get_sessionmaker()() as session:
        create_user(session, username=username, password=password, role=role)
    print(f"staff user {username} ({role}) created")


def main() -> None:
    """Runs a command."""
    parser = argparse.ArgumentParser(prog="wegwijs")
    parser.add_argument("command", choices=["migrate", "seed", "setup", "create-user", "retention"])
    parser.add_argument("username", nargs="?")
    parser.add_argument("--role", choices=ROLES, default="trusted_person")
    args = parser.parse_args()
    if args.command == "create-user":
        add_user(args.username, args.role)
        return
    if args.command == "retention":
        print(run_retention())
        return
    (ROOT / "var").mkdir(exist_ok=True)
    if args.command in ("migrate", "setup"):
        migrate()
    if args.command in ("seed", "setup"):
        seed_catalogue()


if __name__ == "__main__":
    main()
