"""The `netdesk` command: opens the window, or runs one subcommand for users and scripts.

`netdesk` and `netdesk FILE...` open the window (the files in an import preview). `netdesk
COMMAND ...` runs one entry of `COMMANDS`, whose module is imported only then, so a window start
loads none of them. Exit codes: 0 ok, 1 a user error (one line on stderr), 2 usage. Tracebacks
go to the log, never to the user.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from netdesk import __version__
from netdesk.cli.base import (
    EXIT_OK,
    EXIT_USAGE,
    EXIT_USER,
    Command,
    UserError,
    add_db_option,
    describe_failure,
)

log = logging.getLogger(__name__)

# Every subcommand, name -> "module:class", in the order `netdesk --help` lists them.
COMMANDS: dict[str, str] = {
    "list": "netdesk.cli.people:ListCommand",
    "due": "netdesk.cli.people:DueCommand",
    "week": "netdesk.cli.week:WeekCommand",
    "health": "netdesk.cli.health:HealthCommand",
    "suggest": "netdesk.cli.suggest:SuggestCommand",
    "prep": "netdesk.cli.prep:PrepCommand",
    "paths": "netdesk.cli.paths:PathsCommand",
    "import": "netdesk.cli.imports:ImportCommand",
    "export": "netdesk.cli.imports:ExportCommand",
    "undo-import": "netdesk.cli.imports:UndoImportCommand",
    "imports": "netdesk.cli.imports:ImportsCommand",
    "backup": "netdesk.cli.backups:BackupCommand",
    "restore": "netdesk.cli.backups:RestoreCommand",
    "backups": "netdesk.cli.backups:BackupsCommand",
    "sync": "netdesk.cli.sync:SyncCommand",
    "sync-merge": "netdesk.cli.sync:SyncMergeCommand",
}

USAGE = """\
netdesk [FILE ...] [--db PATH] [--show-person ID]
       netdesk --self-test | --version
       netdesk COMMAND [options]"""

DESCRIPTION = """\
netdesk: keep your professional relationships alive.

`netdesk` opens the window; `netdesk FILE...` opens it with an import preview of
those vCard or CSV files. `netdesk COMMAND` runs one of the commands below
instead (`netdesk COMMAND --help` shows its options)."""


def load(name: str) -> Command:
    """The subcommand called `name`, its module imported now."""
    module, _, class_name = COMMANDS[name].partition(":")
    command: Command = getattr(importlib.import_module(module), class_name)()
    return command


def is_command(argv: Sequence[str]) -> bool:
    return bool(argv) and argv[0] in COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--vdirsyncer"]:
        return run_vdirsyncer(argv[1:])
    if is_command(argv):
        return run_command(argv[0], argv[1:])
    try:
        args = window_args(argv)
    except SystemExit as exc:  # argparse: 0 after --help or --version, 2 for usage errors
        return int(exc.code or 0)
    from netdesk.ui import app

    return app.run(args)


def run_vdirsyncer(argv: Sequence[str]) -> int:
    """vdirsyncer's own command line, in this process: the frozen bundle has no other Python
    to run `python -m vdirsyncer` with, and `netdesk sync` runs it this way there."""
    from vdirsyncer.cli import app

    try:
        app.main(args=list(argv), prog_name="vdirsyncer")
    except SystemExit as exc:  # click ends every run this way
        return exc.code if isinstance(exc.code, int) else EXIT_USER
    return EXIT_OK


def run_command(name: str, argv: Sequence[str]) -> int:
    from netdesk.system import logs

    logs.configure(console=False)
    try:
        return _parse_and_run(name, load(name), argv)
    except BrokenPipeError:  # `netdesk list | head`: the reader left; that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _parse_and_run(name: str, command: Command, argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"netdesk {name}", description=command.help)
    command.configure(parser)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse: 0 after --help, 2 for usage errors
        return int(exc.code or 0)
    try:
        return command.run(args)
    except UserError as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return EXIT_USER
    except BrokenPipeError:
        raise
    except Exception as exc:  # the last line of defence: one line, details in the log
        log.exception("command failed")
        print(f"netdesk: {describe_failure(exc)}", file=sys.stderr)
        return EXIT_USER


class _WindowParser(argparse.ArgumentParser):
    """The window's options; its help also lists the subcommands (loaded only to show it)."""

    def format_help(self) -> str:
        self.epilog = commands_help()
        return super().format_help()


def commands_help() -> str:
    """`commands:` and one line per subcommand, laid out like argparse's own options."""
    import shutil
    import textwrap

    indent = " " * (max(map(len, COMMANDS)) + 4)
    width = max(shutil.get_terminal_size().columns - 2, 40)
    lines = [
        textwrap.fill(
            load(name).help,
            width,
            initial_indent=f"  {name}".ljust(len(indent)),
            subsequent_indent=indent,
        )
        for name in COMMANDS
    ]
    return "commands:\n" + "\n".join(lines)


def build_gui_parser() -> argparse.ArgumentParser:
    parser = _WindowParser(
        prog="netdesk",
        usage=USAGE,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="vCard, CSV or calendar (.ics) files"
    )
    add_db_option(parser)
    parser.add_argument(
        "--show-person", type=int, metavar="ID", help="open the window on this person"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check that the window starts, then exit"
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"netdesk {__version__}",
        help="show netdesk's version and exit",
    )
    return parser


def window_args(argv: Sequence[str]) -> argparse.Namespace:
    """Read the window's arguments and get ready to start it: the log file and the garbage
    collector wait until it is on screen (app.start hands both over then), so nothing delays
    the first paint. A usage error exits (SystemExit) before anything is logged."""
    parser = build_gui_parser()
    args = parser.parse_args(list(argv))
    _refuse_missing_files(parser, args.files)
    from netdesk.core import gc_pause
    from netdesk.system import logs

    logs.configure(console=False, deferred=True)
    gc_pause.starting()
    return args


def _refuse_missing_files(parser: argparse.ArgumentParser, files: list[Path]) -> None:
    """A word that is neither a subcommand nor a file is most likely a mistyped command: say so
    instead of opening the window on an import that cannot work."""
    for position, path in enumerate(files):
        if not path.exists():
            what = "no such command or file" if position == 0 else "no such file"
            parser.exit(EXIT_USAGE, f"netdesk: {path}: {what}\n")
