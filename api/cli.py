"""Command line: migrate and seed the database."""

from __future__ import annotations

import argparse

from alembic import command
from alembic.config import Config

from api.catalogue.service import seed
from api.db import get_sessionmaker
from api.settings import ROOT, get_settings


def migrate() -> None:
    """Brings the database schema up to date."""
    command.upgrade(Config(str(ROOT / "alembic.ini")), "head")


def seed_catalogue() -> None:
    """Loads the seed catalogue into the database."""
    with get_sessionmaker()() as session:
        added = seed(session, catalogue_dir=get_settings().catalogue_dir)
    print(f"catalogue: {added} new entries")


def main() -> None:
    """Runs a command."""
    parser = argparse.ArgumentParser(prog="wegwijs")
    parser.add_argument("command", choices=["migrate", "seed", "setup"])
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    if args.command in ("migrate", "setup"):
        migrate()
    if args.command in ("seed", "setup"):
        seed_catalogue()


if __name__ == "__main__":
    main()
