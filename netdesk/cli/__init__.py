"""The `netdesk` command: opens the window, or runs one command for users and scripts.

Exit codes: 0 ok, 1 a user error (one line on stderr), 2 usage. Tracebacks go to the log, never
to the user.
"""

from __future__ import annotations

import abc
import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from netdesk import __version__
from netdesk.system import paths

log = logging.getLogger(__name__)

EXIT_OK, EXIT_USER, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A failure to report as one line with exit code 1."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The `--db PATH` every command takes."""
    parser.add_argument("--db", type=Path, metavar="PATH", help="database file to use")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netdesk", description="netdesk: keep your professional relationships alive."
    )
    parser.add_argument("--version", action="version", version=f"netdesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("list", help="list people")
    p.add_argument("--search", default="", metavar="TEXT", help="only people matching TEXT")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--archived", action="store_true", help="list archived people instead")
    add_db_option(p)

    p = commands.add_parser("due", help="what needs attention")
    p.add_argument("--at", type=_date, default=None, metavar="DATE", help="as of DATE")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(p)

    for name, command in _extra_commands().items():
        command.configure(commands.add_parser(name, help=command.help))
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="netdesk", add_help=True)
    parser.add_argument("--version", action="version", version=f"netdesk {__version__}")
    parser.add_argument("files", nargs="*", type=Path, help="vCard or CSV files to import")
    parser.add_argument("--show-person", type=int, metavar="ID", help="open this person")
    parser.add_argument("--self-test", action="store_true", help="check the app starts, exit")
    add_db_option(parser)
    return parser


class Command(abc.ABC):
    """A subcommand contributed by another module (import, export, backup...)."""

    help = ""

    @abc.abstractmethod
    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the subcommand's arguments."""

    @abc.abstractmethod
    def run(self, args: argparse.Namespace) -> int:
        """Do the work; return the exit code (raise UserError for a one-line failure)."""


def _extra_commands() -> dict[str, Command]:
    from netdesk.cli import commands as cli_commands

    return cli_commands.COMMANDS


def open_store(db_path: Path | None) -> Path:
    """Open the database for a command; StoreError becomes a one-line user error."""
    from netdesk import db
    from netdesk.db.errors import StoreError

    path = db_path if db_path is not None else paths.default_db_path()
    try:
        db.open(path)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    from netdesk.db import backup

    backup.backup_if_stale(path)  # the daily copy; never raises
    return path


def cmd_list(args: argparse.Namespace) -> int:
    from netdesk.core import export_rows, listing

    open_store(args.db)
    query = listing.ListQuery(
        search=args.search,
        filter=listing.Filter.ARCHIVED if args.archived else listing.Filter.ALL,
    )
    rows = export_rows.list_rows(query)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    for row in rows:
        job = ", ".join(x for x in (row["title"], row["organization"]) if x)
        due = f"  next {row['next_due']} ({row['status']})" if row["next_due"] else ""
        print(f"{row['id']:>6}  {row['name']}" + (f" — {job}" if job else "") + due)
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    from netdesk.core import due

    open_store(args.db)
    items = due.compute(args.at or dt.date.today())
    if args.json:
        print(json.dumps([i.as_json() for i in items], ensure_ascii=False, indent=1))
        return EXIT_OK
    for item in items:
        print(f"{item.due}  {item.kind:<13}  {item.name}: {item.detail}")
    if not items:
        print("Nothing is due.")
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"list": cmd_list, "due": cmd_due}


def run_command(argv: Sequence[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 0 for --help/--version, 2 for usage errors
        return int(exc.code or 0)
    handler = HANDLERS.get(args.command)
    try:
        if handler is not None:
            return handler(args)
        return _extra_commands()[args.command].run(args)
    except UserError as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return EXIT_USER
    except BrokenPipeError:
        raise
    except Exception as exc:  # the last line of defence: one line, details in the log
        from netdesk.db.errors import StoreError

        log.exception("command failed")
        message = str(exc) if isinstance(exc, StoreError) else _describe(exc)
        print(f"netdesk: {message}", file=sys.stderr)
        return EXIT_USER


def _describe(exc: Exception) -> str:
    import sqlite3

    import peewee

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


# Every subcommand's name, so telling a command from a window start imports none of them (they
# pull in the backup and import machinery, ~10 ms the window would wait for); a test keeps this
# in step with HANDLERS and cli_commands.COMMANDS.
COMMAND_NAMES = frozenset(
    {"list", "due", "backup", "backups", "restore", "import", "imports", "export", "undo-import"}
)


def is_command(argv: Sequence[str]) -> bool:
    return bool(argv) and argv[0] in COMMAND_NAMES | {"-h", "--help"}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if is_command(argv):
        from netdesk.system import logs as logging_setup

        logging_setup.configure(console=False)
        try:
            return run_command(argv)
        except BrokenPipeError:  # `netdesk list | head`: the reader left; that is fine
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
    if argv == ["--version"]:
        print(f"netdesk {__version__}")
        return EXIT_OK
    args = window_args(argv)
    from netdesk.ui import app

    return app.run(args)


def window_args(argv: Sequence[str]) -> argparse.Namespace:
    """Get ready to start the window: the log file and the garbage collector wait until it is
    on screen (app.start hands both over then), so nothing delays the first paint."""
    from netdesk.core import gc_pause
    from netdesk.system import logs as logging_setup

    logging_setup.configure(console=False, deferred=True)
    args = build_gui_parser().parse_args(list(argv))
    gc_pause.starting()
    return args
