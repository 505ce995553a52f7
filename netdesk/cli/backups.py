"""`netdesk backup`, `netdesk restore FILE` and `netdesk backups`: copies from the command line.

`restore` copies the backup into the live file through SQLite's backup API, which is safe for
other processes reading it, but the window should be closed first: it would keep showing what it
loaded before. A damaged current database is renamed aside (never overwritten) and the message
says where it went.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from netdesk.cli.base import EXIT_OK, Command, UserError, add_db_option
from netdesk.db import backup, connection
from netdesk.db.errors import StoreError
from netdesk.system import paths


class BackupCommand(Command):
    help = "copy the database into its backups folder now"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        db_path = paths.db_path(args.db)
        if not db_path.exists():
            raise UserError(f"There is no netdesk database at {db_path}.")
        try:
            connection.inspect_existing(db_path)  # read-only: a wrong file is not copied
            info = backup.backup_now(db_path, backup.Reason.MANUAL)
        except StoreError as exc:
            raise UserError(str(exc)) from exc
        print(info.path)
        return EXIT_OK


class RestoreCommand(Command):
    help = "replace the database with a backup copy (the current one is backed up first)"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE", help="backup file (or its name)")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        db_path = paths.db_path(args.db)
        source = _find_backup(args.file, db_path)
        try:
            done = backup.restore(source, db_path, set_aside_damaged=True)
        except StoreError as exc:
            raise UserError(str(exc)) from exc
        if done.previous is not None:
            print(f"The previous database was backed up to {done.previous.path}")
        if done.set_aside is not None:
            print(f"The damaged database was kept as {done.set_aside}")
        print(f"Restored {source.name} into {db_path}")
        return EXIT_OK


class BackupsCommand(Command):
    help = "list the backup copies of the database"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        infos = backup.list_backups(paths.db_path(args.db))
        if args.json:
            print(json.dumps([_as_json(i) for i in infos], ensure_ascii=False, indent=1))
            return EXIT_OK
        for info in infos:
            people = "unreadable" if info.people is None else f"{info.people} people"
            print(f"{info.created:%Y-%m-%d %H:%M:%S}  {info.reason:<13}  {people:>12}  {info.path}")
        if not infos:
            print("There are no backups yet.")
        return EXIT_OK


def _as_json(info: backup.BackupInfo) -> dict[str, object]:
    return {
        "path": str(info.path),
        "created": info.created.isoformat(),
        "reason": info.reason,
        "people": info.people,
        "size": info.size,
    }


def _find_backup(name: Path, db_path: Path) -> Path:
    """A path as given, or a bare name looked up in the database's backups folder."""
    if name.exists():
        return name
    candidate = db_path.parent / backup.BACKUPS_FOLDER / name.name
    if name.parent == Path(".") and candidate.exists():
        return candidate
    raise UserError(f"There is no backup file {name}.")
