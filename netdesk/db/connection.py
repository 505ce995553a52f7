"""The one place that opens a netdesk database.

`open_database(path)` checks the file before anything can write to it (so a wrong or damaged file
is refused untouched), creates a new file 0600, sets the pragmas every connection needs, upgrades
the schema with a backup first, and binds the models.

`open_for_window(path)` (the window's start) opens a file that needs nothing done to it with the
sqlite3 module alone: the window reads its first page through `netdesk.db.reads` and the models
(peewee, ~25 ms to import) bind on first use, adopting that same connection for its thread.

A database in a read-only file or folder is opened read-only: everything can be viewed, and
`check_writable()` (run before every write) refuses changes with that reason. It also notices a
file deleted, moved away or replaced under the running process (its device and inode no longer
match the path's); `follow_path()` lets a long-running reader reopen the new file.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.db import files, migrations, search_index
from netdesk.db.errors import (
    DatabaseCorrupt,
    DatabaseGone,
    DatabaseReplaced,
    DatabaseUnavailable,
    FolderMissing,
    NotADatabase,
    ReadOnlyDatabase,
    SchemaTooNew,
    StoreError,
)
from netdesk.db.files import SQLITE_MAGIC

if TYPE_CHECKING:
    import peewee as pw

    from netdesk.db.transactions import NetdeskDatabase

log = logging.getLogger(__name__)

HEADER_SIZE = 100
BUSY_TIMEOUT_S = 15.0

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": int(BUSY_TIMEOUT_S * 1000),
    "cache_size": -16000,  # 16 MB page cache
    "temp_store": "memory",
}
# A read-only file keeps its journal mode; query_only makes any stray write fail at once.
READ_ONLY_PRAGMAS = {
    "foreign_keys": 1,
    "busy_timeout": int(BUSY_TIMEOUT_S * 1000),
    "cache_size": -16000,
    "temp_store": "memory",
    "query_only": 1,
}

# Called with (db_path, reason) before an existing database is upgraded. The default reaches
# netdesk.db.backup lazily, so every process that opens a database copies it first.
BackupHook = Callable[[Path, str], object]


def _default_upgrade_backup(path: Path, why: str) -> object:
    # Imported late: the backup module imports this one. Without this default, a process that
    # never imported it (the reminders service, a script) would upgrade without a copy.
    from netdesk.db import backup

    return backup.before_migration(path, why)


_before_upgrade: BackupHook = _default_upgrade_backup


@dataclass
class _Opened:
    """A database opened without the ORM: its path, and the connection of the thread that
    opened it, until the ORM adopts it."""

    path: Path
    connection: sqlite3.Connection | None
    thread: int


@dataclass(frozen=True)
class _OpenFile:
    """The database file this process opened: where, which file it was, whether it is writable."""

    path: Path
    identity: files.Identity
    read_only: str | None  # why it cannot be written, or None


_opened: _Opened | None = None
_file: _OpenFile | None = None
_lock = threading.Lock()


def open_database(path: Path | str, *, create: bool = True) -> pw.SqliteDatabase:
    """Open (or create) the database at `path` and make it the one the models use."""
    return _bind(_prepare(path, create=create)[0])


def open_for_window(path: Path | str) -> None:
    """`open_database` for the window's start: a file that needs nothing done to it (no schema
    to create or upgrade, no search index work pending) is opened without the models, which
    bind on first use; anything else is opened as `open_database` opens it."""
    global _opened
    path, version = _prepare(path, create=True)
    # Only in a process whose models are not loaded yet: elsewhere they are bound already.
    if (
        "netdesk.db.models" not in sys.modules
        and version == migrations.CURRENT_VERSION
        and not _is_read_only()
    ):
        connection = _ready_plain_connection(path)
        if connection is not None:
            with _lock:
                _opened = _Opened(path, connection, threading.get_ident())
            return
    _bind(path)


def _prepare(path: Path | str, *, create: bool) -> tuple[Path, int]:
    """Check (or create) the file and back it up before an upgrade; returns its schema version."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise FolderMissing(f"The folder {path.parent} does not exist.")
    exists = path.exists() and path.stat().st_size > 0
    read_only = files.read_only_reason(path)
    if exists:
        version = inspect_existing(path)
    elif not create:
        raise StoreError(f"There is no netdesk database at {path}.")
    elif read_only:
        raise ReadOnlyDatabase(f"{read_only}; a new database cannot be created there.")
    else:
        create_private_file(path)
        version = 0
    if exists and version < migrations.CURRENT_VERSION:
        if read_only:
            raise ReadOnlyDatabase(
                f"{read_only}, and it needs an upgrade for this netdesk that cannot be written."
            )
        _backup_before_upgrade(path, version)
    _forget_plain_connection()
    _remember_file(path, read_only)
    return path, version


def _remember_file(path: Path, read_only: str | None) -> None:
    global _file
    _file = _OpenFile(path, files.Identity.of(path), read_only)


def _is_open_here(path: Path) -> bool:
    """Whether `path` is the database file this process has open."""
    opened = _file
    if opened is None:
        return False
    try:
        return files.Identity.of(path) == opened.identity
    except OSError:
        return False


def _is_read_only() -> bool:
    opened = _file
    return opened is not None and opened.read_only is not None


def _bind(path: Path) -> pw.SqliteDatabase:
    """Connect through the models, upgrade the schema and bring the search index up to date."""
    db = _connect(path)
    import peewee as pw  # loaded with the models by _connect

    try:
        migrations.upgrade(db)  # writes nothing when the schema is current
        if not _is_read_only():
            search_index.flush(db)
    except sqlite3.DatabaseError as exc:  # pragma: no cover - depends on the damage
        db.close()
        raise DatabaseCorrupt(f"{path.name} is damaged and cannot be read ({exc}).") from exc
    except pw.OperationalError as exc:
        db.close()
        raise DatabaseUnavailable(f"{path.name} cannot be opened: {exc}.") from exc
    return db


def _ready_plain_connection(path: Path) -> sqlite3.Connection | None:
    """A connection as the ORM would make it (autocommit, the same pragmas), without the ORM,
    when the file needs nothing done to it; None when it does (the search index has pending
    work) or anything goes wrong: the ORM's path then does the work and reports the trouble."""
    old_umask = os.umask(0o077)  # -wal and -shm private too
    try:
        connection = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error:
        return None
    finally:
        os.umask(old_umask)
    try:
        for name, value in PRAGMAS.items():
            connection.execute(f"PRAGMA {name} = {value}")
        pending = connection.execute("SELECT count(*) FROM search_dirty").fetchone()[0]
    except sqlite3.Error:
        pending = None
    if pending == 0:
        return connection
    connection.close()
    return None


def plain_connection_here() -> sqlite3.Connection | None:
    """The connection opened without the ORM, while the ORM has not adopted it, on the thread
    that opened it (a connection is never shared between threads here)."""
    opened = _opened
    if opened is None or opened.thread != threading.get_ident():
        return None
    return opened.connection


def _forget_plain_connection() -> None:
    global _opened
    with _lock:
        opened, _opened = _opened, None
    if opened is not None and opened.connection is not None:
        opened.connection.close()


def bind_models() -> None:
    """Bind the models to a database `open_for_window` opened (the models module calls this when
    it is first imported); the opening thread's connection is adopted, not opened again."""
    from netdesk.db.models import database

    with _lock:
        opened = _opened
        if opened is None or database.obj is not None:
            return
        db = _make_database(opened.path)
        if opened.connection is not None:
            db.adopt(opened.connection, opened.thread)
            opened.connection = None
        database.initialize(db)


def _backup_before_upgrade(path: Path, version: int) -> None:
    """Copy the file before its schema changes; no copy, no upgrade."""
    try:
        _before_upgrade(path, f"before upgrade from schema {version}")
    except Exception as exc:
        log.exception("backup before upgrade failed")
        raise DatabaseUnavailable(
            f"{path.name} was left as it is: a backup copy could not be made before "
            f"upgrading it ({exc})."
        ) from exc


def _too_new(path: Path, version: int) -> SchemaTooNew:
    return SchemaTooNew(
        f"{path.name} was written by a newer netdesk (schema {version}); "
        "please update netdesk to open it."
    )


def inspect_existing(path: Path) -> int:
    """Check an existing file read-only; returns its schema version or raises a StoreError.

    A refused file is left byte for byte as it was, with no -wal or -shm created beside it.
    """
    if _is_open_here(path):
        # Closing any descriptor of the file would drop the POSIX locks our own connections hold
        # on it, and another process, taking itself for the last user, could then checkpoint and
        # delete the -wal under them. The file passed the header checks when it was opened.
        return _check_schema(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as exc:
        raise DatabaseUnavailable(f"{path} cannot be read: {exc.strerror}.") from exc
    if header[: len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise NotADatabase(f"{path.name} is not a netdesk database.")
    wal = path.with_name(path.name + "-wal")
    if len(header) == HEADER_SIZE and not wal.exists():
        # Without a -wal the header's user_version is the truth: refuse a newer file before
        # SQLite, opening a WAL-mode file even read-only, leaves -wal and -shm beside it.
        header_version = int.from_bytes(header[60:64], "big")
        if header_version > migrations.CURRENT_VERSION:
            raise _too_new(path, header_version)
    with no_side_files_on_refusal(path):
        return _check_schema(path)


@contextlib.contextmanager
def no_side_files_on_refusal(path: Path) -> Iterator[None]:
    """If the block raises StoreError, remove the empty -wal/-shm it made beside `path`.

    SQLite creates them even for a read-only look at a WAL-mode file; a file we refuse must be
    left exactly as we found it.
    """
    sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    existed = {side for side in sidecars if side.exists()}
    try:
        yield
    except StoreError:
        _remove_new_sidecars(sidecars, existed)
        raise


def _check_schema(path: Path) -> int:
    uri = files.readonly_uri(path)
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(f"{path.name} is damaged and cannot be read ({exc}).") from exc
    if version > migrations.CURRENT_VERSION:
        raise _too_new(path, version)
    if version == 0 and tables:
        raise NotADatabase(f"{path.name} is an SQLite file but not a netdesk database.")
    if version > 0 and "person" not in tables:
        raise DatabaseCorrupt(f"{path.name} is missing netdesk's tables.")
    return version


def _remove_new_sidecars(sidecars: list[Path], existed: set[Path]) -> None:
    """Undo the empty -wal/-shm a read-only look at a refused WAL-mode file created."""
    wal = sidecars[0]
    if wal in existed or (wal.exists() and wal.stat().st_size > 0):
        return
    for side in sidecars:
        if side not in existed:
            with contextlib.suppress(OSError):
                side.unlink()


def create_private_file(path: Path) -> None:
    """Create an empty file only the user can read (0600), whatever the umask."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _make_database(path: Path) -> NetdeskDatabase:
    from netdesk.db.transactions import NetdeskDatabase

    if _is_read_only():
        return NetdeskDatabase(
            files.readonly_uri(path),
            uri=True,
            pragmas=READ_ONLY_PRAGMAS,
            timeout=BUSY_TIMEOUT_S,
            check_same_thread=False,
        )
    return NetdeskDatabase(
        str(path),
        pragmas=PRAGMAS,
        timeout=BUSY_TIMEOUT_S,
        lock_type="IMMEDIATE",  # writers queue at BEGIN instead of failing at upgrade
        check_same_thread=False,
    )


def _connect(path: Path) -> pw.SqliteDatabase:
    from netdesk.db.models import database

    # The sqlite3 module creates -wal and -shm with the database's mode; a umask of 077 while
    # connecting keeps them private too.
    old_umask = os.umask(0o077)
    try:
        db = _make_database(path)
        database.initialize(db)
        db.connect(reuse_if_open=True)
    finally:
        os.umask(old_umask)
    return db


def close_database() -> None:
    global _file
    _forget_plain_connection()
    _file = None
    models = sys.modules.get("netdesk.db.models")
    database = getattr(models, "database", None)
    if database is not None and database.obj is not None and not database.is_closed():
        database.close()


def current_path() -> Path:
    opened = _opened
    if opened is not None:
        return opened.path
    if _file is not None:
        return _file.path
    from netdesk.db.models import database

    if database.obj is None:
        raise StoreError("No database is open.")
    return Path(database.database)


# ----------------------------------------------------------------------------- under the process


def check_writable() -> None:
    """Raise a StoreError before a write that could not land in the database the user chose:
    a read-only one, or a file deleted, moved away or replaced since it was opened."""
    opened = _file
    if opened is None:
        return
    if opened.read_only is not None:
        raise ReadOnlyDatabase(f"{opened.read_only}; changes cannot be saved.")
    _check_same_file(opened)


def _check_same_file(opened: _OpenFile) -> None:
    name = opened.path.name
    try:
        identity = files.Identity.of(opened.path)
    except FileNotFoundError:
        raise DatabaseGone(
            f"{name} was deleted or moved away from {opened.path.parent} while netdesk had it "
            "open; nothing more can be saved to it."
        ) from None
    if identity != opened.identity:
        raise DatabaseReplaced(
            f"{name} was replaced by another file while netdesk had it open; nothing was saved. "
            "Start netdesk again to use the new file."
        )


class Followed(enum.Enum):
    """What `follow_path` found at the open database's path."""

    SAME = "same"
    REOPENED = "reopened"  # another file was there: it is now the open database
    GONE = "gone"  # nothing is there


def follow_path() -> Followed:
    """For a process that reads for hours (the reminders): reopen the database when another
    file now sits at its path; GONE (the old file stays open) when nothing does. Raises a
    StoreError when the new file cannot be opened."""
    global _file
    opened = _file
    if opened is None:
        return Followed.SAME
    try:
        _check_same_file(opened)
    except DatabaseGone:
        return Followed.GONE
    except DatabaseReplaced:
        log.warning("%s was replaced by another file; opening that one", opened.path)
        close_database()
        try:
            open_database(opened.path, create=False)
        except StoreError:
            _file = opened  # look again on the next call
            raise
        return Followed.REOPENED
    return Followed.SAME


_create_private_file = create_private_file  # the earlier private name
