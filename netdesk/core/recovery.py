"""What can be done when the database cannot be opened: the facts behind the recovery dialog.

`options(db_path, error)` says what is wrong (damaged, not a netdesk file, from a newer netdesk,
unreadable) and what is possible: restore the newest good backup, open another file, or quit.
`restore_newest(options)` carries out the restore the user agreed to: the damaged file is renamed
`*.damaged-YYYYmmdd-HHMMSS` beside itself (never overwritten, never deleted), then the backup is
copied into its place. Nothing here writes until the user has chosen.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path

from netdesk.db import backup
from netdesk.db.backup import BackupInfo
from netdesk.db.errors import (
    DatabaseCorrupt,
    DatabaseUnavailable,
    FolderMissing,
    NotADatabase,
    ReadOnlyDatabase,
    SchemaTooNew,
    StoreError,
)


class Problem(enum.StrEnum):
    """Why a database file cannot be used."""

    DAMAGED = "damaged"
    NOT_NETDESK = "not_netdesk"
    TOO_NEW = "too_new"
    UNREADABLE = "unreadable"
    MISSING_FOLDER = "missing_folder"
    READ_ONLY = "read_only"  # sound, but cannot be written where it is (nor restored into)


_PROBLEMS: list[tuple[type[StoreError], Problem]] = [
    (DatabaseCorrupt, Problem.DAMAGED),
    (NotADatabase, Problem.NOT_NETDESK),
    (SchemaTooNew, Problem.TOO_NEW),
    (FolderMissing, Problem.MISSING_FOLDER),
    (ReadOnlyDatabase, Problem.READ_ONLY),
    (DatabaseUnavailable, Problem.UNREADABLE),
]


_NOTHING_TO_RESTORE_INTO = frozenset({Problem.MISSING_FOLDER, Problem.READ_ONLY})


@dataclass(frozen=True)
class RecoveryOptions:
    """What is wrong with `db_path` and which ways out exist."""

    db_path: Path
    problem: Problem
    message: str  # one sentence, from the error
    backup: BackupInfo | None  # the newest copy that passes verification

    @property
    def can_restore(self) -> bool:
        return self.backup is not None and self.problem not in _NOTHING_TO_RESTORE_INTO

    @property
    def can_set_aside(self) -> bool:
        """The file exists and its folder lets us rename it."""
        return self.db_path.exists() and os.access(self.db_path.parent, os.W_OK | os.X_OK)


def classify(error: StoreError) -> Problem:
    for kind, problem in _PROBLEMS:
        if isinstance(error, kind):
            return problem
    return Problem.UNREADABLE


def diagnose(db_path: Path) -> StoreError | None:
    """The problem with `db_path` as a StoreError, or None if it is a sound netdesk database.

    Reads only. Deeper than opening: checks every page (quick_check).
    """
    if not db_path.parent.is_dir():
        return FolderMissing(f"The folder {db_path.parent} does not exist.")
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        backup.check_current(db_path)
    except StoreError as exc:
        return exc
    return None


def options(db_path: Path, error: StoreError | None = None) -> RecoveryOptions | None:
    """What the user can do about `db_path`; None when there is nothing wrong with it.

    `error` is what opening raised (skips a second diagnosis); the newest backup that verifies
    is looked up read-only.
    """
    db_path = Path(db_path)
    error = error if error is not None else diagnose(db_path)
    if error is None:
        return None
    good = backup.newest_good_backup(db_path) if db_path.parent.is_dir() else None
    return RecoveryOptions(db_path, classify(error), str(error), good)


def restore_newest(choice: RecoveryOptions) -> backup.Restored:
    """Set the damaged file aside and restore `choice.backup` (only after the user agreed)."""
    if choice.backup is None:
        raise backup.BackupError("There is no backup to restore.")
    return backup.restore(choice.backup.path, choice.db_path, set_aside_damaged=True)
