"""What every `netdesk` subcommand shares: exit codes, UserError, Command, `--db`, opening the
store, and the one line a failure is reported as."""

from __future__ import annotations

import abc
import argparse
import datetime as dt
from pathlib import Path

from netdesk.system import paths

EXIT_OK, EXIT_USER, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A failure to report as one line with exit code 1."""


class Command(abc.ABC):
    """One subcommand: its one-line help, its arguments and its work."""

    help = ""

    @abc.abstractmethod
    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the subcommand's arguments."""

    @abc.abstractmethod
    def run(self, args: argparse.Namespace) -> int:
        """Do the work; return the exit code (raise UserError for a one-line failure)."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The `--db PATH` every command takes."""
    parser.add_argument("--db", type=Path, metavar="PATH", help="database file to use")


def add_at_option(parser: argparse.ArgumentParser) -> None:
    """`--at DATE`: compute as of another day than today."""
    parser.add_argument("--at", type=_date, default=None, metavar="DATE", help="as of DATE")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def open_store(db_arg: Path | None) -> Path:
    """Open the database for a command; StoreError becomes a one-line user error."""
    from netdesk import db
    from netdesk.db import backup
    from netdesk.db.errors import StoreError

    path = paths.db_path(db_arg)
    try:
        db.open(path)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    backup.backup_if_stale(path)  # the daily copy; never raises
    return path


def check_output(out: Path, *, force: bool) -> None:
    """A file a command writes: never over a database (not even with --force); over another
    existing file only with --force."""
    from netdesk.core import exporting
    from netdesk.db.errors import StoreError

    try:
        exporting.check_destination(out)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    if out.exists() and not force:
        raise UserError(f"{out} exists; use --force to replace it.")


def describe_failure(exc: Exception) -> str:
    """One line for an error no command expected (the traceback goes to the log)."""
    import sqlite3

    import peewee

    from netdesk.db.errors import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "the database is busy in another program; try again in a moment."
    if "disk is full" in text or "no space" in text:
        return "the disk is full; nothing was changed."
    if isinstance(exc, (sqlite3.DatabaseError, peewee.DatabaseError)):
        return f"the database cannot be read ({exc})."
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}."
    return f"unexpected error: {exc}"
