"""Files on disk: backup copies (their names, finding them, giving a finished copy its name),
what a write would destroy, and whether the database file can be written at all.

A copy of `netdesk.db` is named `netdesk.db-YYYYmmdd-HHMMSS-nSEQ-REASON.db`:
- the database's full file name comes first, so two databases with one stem in one folder
  (`netdesk.db` and `netdesk.sqlite`) never list, rotate or restore each other's copies;
- SEQ is one more than any earlier copy of that database: "newest" is decided by it, never by
  the time stamp alone, since the clock may have run ahead or backwards between two copies.

Copies named before SEQ existed (`netdesk-YYYYmmdd-HHMMSS[-N]-REASON.db`) still belong to the
database `<stem>.db` (the only suffix netdesk creates) and count as older than every numbered copy.
A copy is written into a hidden `.partial` file first and linked to its name only once complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

BACKUPS_FOLDER = "backups"  # beside the database
PARTIAL_SUFFIX = ".partial"
LEGACY_SUFFIX = ".db"  # the database suffix whose stem older copies were named after

STAMP = "%Y%m%d-%H%M%S"
_NUMBERED = re.compile(r"^(\d{8}-\d{6})-n(\d+)-([a-z][a-z0-9-]*)\.db$")
# Older names: date, time, an optional counter for copies made in the same second, reason.
_LEGACY = re.compile(r"^(\d{8}-\d{6})(?:-(\d+))?-([a-z][a-z0-9-]*)\.db$")
_PARTIAL_SEQUENCE = re.compile(r"-n(\d+)\.")
_LEGACY_PARTIAL = re.compile(r"^\d{8}-\d{6}-")


class Named(NamedTuple):
    """What a backup's file name says, without opening it."""

    path: Path
    created: dt.datetime
    sequence: int  # 0 for copies named before sequence numbers existed
    reason: str
    counter: int = 1  # older names only: 2, 3... for further copies made in the same second

    @property
    def order(self) -> tuple[int, dt.datetime, int]:
        """Newer copies sort higher: by sequence number first, then by time."""
        return self.sequence, self.created, self.counter


def folder_of(db_path: Path) -> Path:
    return db_path.parent / BACKUPS_FOLDER


def copies_of(db_path: Path) -> list[Named]:
    """The copies of `db_path` in its backups folder, newest first."""
    folder = folder_of(db_path)
    if not folder.is_dir():
        return []
    found = (parse_name(path, db_path) for path in folder.iterdir())
    return sorted((n for n in found if n is not None), key=lambda n: n.order, reverse=True)


def parse_name(path: Path, db_path: Path) -> Named | None:
    """Read a backup's file name; None for files not named as copies of `db_path`."""
    numbered = _match_after(path.name, f"{db_path.name}-", _NUMBERED)
    if numbered is not None:
        stamp, sequence, reason = numbered.groups()
        created = parse_stamp(stamp)
        return None if created is None else Named(path, created, int(sequence), reason)
    if db_path.suffix != LEGACY_SUFFIX:
        return None
    legacy = _match_after(path.name, f"{db_path.stem}-", _LEGACY)
    if legacy is None:
        return None
    stamp, counter, reason = legacy.groups()
    created = parse_stamp(stamp)
    return None if created is None else Named(path, created, 0, reason, int(counter or 1))


def _match_after(name: str, prefix: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    return pattern.match(name[len(prefix) :]) if name.startswith(prefix) else None


def parse_stamp(stamp: str) -> dt.datetime | None:
    """Read `YYYYmmdd-HHMMSS` by hand: strptime costs a 20 ms import at every start."""
    day, _, clock = stamp.partition("-")
    if len(day) != 8 or len(clock) != 6 or not (day + clock).isdigit():
        return None
    try:
        return dt.datetime(
            int(day[:4]), int(day[4:6]), int(day[6:]),
            int(clock[:2]), int(clock[2:4]), int(clock[4:]),
        )  # fmt: skip
    except ValueError:
        return None


# ----------------------------------------------------------------------------- partial copies


def partials_of(db_path: Path) -> Iterator[Path]:
    """Hidden half-written copies of `db_path` (a killed process may leave them behind)."""
    folder = folder_of(db_path)
    if not folder.is_dir():
        return
    numbered, legacy = f".{db_path.name}-n", f".{db_path.stem}-"
    for path in folder.iterdir():
        name = path.name
        if not name.endswith(PARTIAL_SUFFIX):
            continue
        if name.startswith(numbered) or (
            db_path.suffix == LEGACY_SUFFIX
            and name.startswith(legacy)
            and _LEGACY_PARTIAL.match(name[len(legacy) :])
        ):
            yield path


def reserve(db_path: Path, folder: Path) -> tuple[Path, int]:
    """A new, empty, private `.partial` file to copy into, and the sequence number it holds.

    The number is one more than any copy or partial copy of `db_path`; creating the partial file
    with O_EXCL keeps two threads or processes copying at once from taking the same one.
    """
    sequence = _highest_sequence(db_path) + 1
    for number in range(sequence, sequence + 1000):
        partial = folder / f".{db_path.name}-n{number}{PARTIAL_SUFFIX}"
        try:
            os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue
        return partial, number
    raise FileExistsError(f"too many backups of {db_path.name} in progress")


def _highest_sequence(db_path: Path) -> int:
    highest = max((n.sequence for n in copies_of(db_path)), default=0)
    for partial in partials_of(db_path):
        match = _PARTIAL_SEQUENCE.search(partial.name)
        if match is not None:
            highest = max(highest, int(match.group(1)))
    return highest


def publish(
    partial: Path, db_path: Path, sequence: int, reason: str, created: dt.datetime
) -> tuple[Path, int]:
    """Give the finished copy its backup name; returns the name and its sequence number.

    The link is atomic and never replaces another file; should a racing process have taken
    the name, the next number is used.
    """
    for number in range(sequence, sequence + 1000):
        name = f"{db_path.name}-{created.strftime(STAMP)}-n{number}-{reason}.db"
        target = partial.parent / name
        try:
            os.link(partial, target)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if target.exists():
                continue
            os.replace(partial, target)
            return target, number
        partial.unlink()
        return target, number
    raise FileExistsError(f"too many backups of {db_path.name} at once")


# ----------------------------------------------------------------------------- other writers


SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")


def database_in_the_way(target: Path, db_path: Path | None) -> str | None:
    """Why writing a file over `target` would destroy a database: it is the open database
    `db_path` (or one of its side files), a backup of it, or any SQLite file. None otherwise."""
    if db_path is not None:
        if _same_file(target, db_path) or _is_side_file(target, db_path):
            return f"{target} is the open netdesk database"
        if target.exists() and (
            parse_name(target, db_path) is not None or _same_file(target.parent, folder_of(db_path))
        ):
            return f"{target} is a backup of the netdesk database"
    if _starts_with_sqlite_magic(target):
        return f"{target} is an SQLite database"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_side_file(target: Path, db_path: Path) -> bool:
    return any(_same_file(target, db_path.with_name(db_path.name + s)) for s in SIDE_FILES) or (
        target.parent.resolve() == db_path.parent.resolve()
        and target.name in {db_path.name + s for s in SIDE_FILES}
    )


def _starts_with_sqlite_magic(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:  # missing, a folder, unreadable: nothing to lose here
        return False


# ----------------------------------------------------------------------------- the database file


class Identity(NamedTuple):
    """Which file a path named when it was opened (device and inode survive renames)."""

    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> Identity:
        """Raises FileNotFoundError when nothing is at `path`."""
        found = os.stat(path)
        return cls(found.st_dev, found.st_ino)


def read_only_reason(path: Path) -> str | None:
    """Why the database at `path` cannot be written (a read-only file or folder, as the start
    of a sentence), or None.

    SQLite writes a WAL-mode database through `-wal` and `-shm` files beside it, so a folder it
    cannot create them in makes the database read-only too. `os.access` answers for read-only
    mounts and immutable files as well as for permissions.
    """
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path.name} is read-only"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{path.name} is in a read-only folder ({folder})"
    return None


def readonly_uri(path: Path) -> str:
    """An SQLite URI that reads `path` without writing anything, even in a read-only folder.

    Reading a WAL-mode file needs a `-shm` file; in a folder where none exists and none can be
    made, the file is opened `immutable` instead (nothing can be writing it there either).
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal, shm = (path.with_name(path.name + side) for side in ("-wal", "-shm"))
    if not os.access(path.parent, os.W_OK | os.X_OK) and not (wal.exists() or shm.exists()):
        uri += "&immutable=1"
    return uri


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
