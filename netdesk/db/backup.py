"""Backup copies of the database, made with SQLite's online backup API, and restoring them.

A backup is a consistent snapshot even while other processes write (the backup API copies the
pages of one read transaction). Copies live in `paths.backups_dir(db_path)` (0700), one 0600
file each, named `<db file name>-YYYYmmdd-HHMMSS-n<sequence>-<reason>.db` (see `db.files`); for
the default database that is `netdesk.db-20240131-093000-n12-daily.db`. Backups are
self-contained single files (rollback journal, not WAL), so they can be copied anywhere and
opened read-only without side files. A damaged database is never copied: every copy starts with
`PRAGMA quick_check`, so a damaged file can never push the last good copies out.

When copies are made:
- `backup_if_stale(db_path)` on start: when the newest copy is older than a day (reason `daily`);
- `before_import(db_path)`: before every import (reason `pre-import`);
- before every schema upgrade: `netdesk.db.connection`'s default upgrade hook calls
  `before_migration` (reason `pre-migration`) in every process, whatever it imported;
- `restore()` first copies the database it replaces (reason `pre-restore`);
- `backup_now()` on request (reason `manual`).

Rotation (`rotate`, run after every new copy) keeps:
- the newest copy of each of the 7 most recent days that have copies (daily);
- the newest copy of each of the 4 most recent ISO weeks that have copies (weekly);
- "safety" copies, the ones the user or a risky change asked for (manual, pre-import,
  pre-migration, pre-restore): the 3 newest whatever their age, so the state before the last
  import or upgrade is always there, and up to 10 of those younger than 14 days (a day of many
  imports cannot fill the disk);
- the newest copy of each reason, the newest copy that passes `quick_check`, and the copy just
  made.
"Newest" and "most recent" follow the copies' sequence numbers, not their time stamps alone, so
copies made while the clock was wrong never push out the ones made after it was put right.
So at most 7 + 4 + 3 + 10 + 5 + 2 = 31 copies, usually far fewer as the sets overlap.
Everything else in the folder that matches this database's naming is deleted; files we did not
name are never touched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import peewee as pw

from netdesk.db import connection, files, migrations
from netdesk.db.errors import DatabaseCorrupt, ReadOnlyDatabase, StoreError
from netdesk.db.files import BACKUPS_FOLDER as BACKUPS_FOLDER  # the window and CLI name it
from netdesk.db.files import Named
from netdesk.system import paths

log = logging.getLogger(__name__)

DAILY_KEEP = 7
WEEKLY_KEEP = 4
SAFETY_KEEP_DAYS = 14
SAFETY_KEEP_NEWEST = 3
SAFETY_KEEP_RECENT = 10
STALE_AFTER = dt.timedelta(days=1)
STALE_PARTIAL = dt.timedelta(hours=6)
BUSY_TIMEOUT_S = connection.BUSY_TIMEOUT_S


class Reason(StrEnum):
    """Why a copy was made; the last part of its file name."""

    MANUAL = "manual"
    DAILY = "daily"
    PRE_IMPORT = "pre-import"
    PRE_MIGRATION = "pre-migration"
    PRE_RESTORE = "pre-restore"


# Copies kept longer than the daily/weekly slots give them.
SAFETY_REASONS = frozenset(
    {Reason.MANUAL, Reason.PRE_IMPORT, Reason.PRE_MIGRATION, Reason.PRE_RESTORE}
)


class BackupError(StoreError):
    """A copy could not be made or restored; the message is one sentence for the user."""


class BadBackup(BackupError):
    """The file offered for restoring is not a usable netdesk backup."""


class CurrentDatabaseDamaged(BackupError):
    """Restoring would overwrite a database that cannot be copied first."""


class DamagedSource(BackupError, DatabaseCorrupt):
    """The database to copy is damaged; a copy of it would pass for a good one."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file; `people` is None when the copy cannot be read."""

    path: Path
    created: dt.datetime
    reason: str
    people: int | None
    size: int = 0
    sequence: int = 0  # 0 for copies named before sequence numbers


# ----------------------------------------------------------------------------- making copies


def backup_now(
    db_path: Path | None = None, reason: str = "manual", *, now: dt.datetime | None = None
) -> BackupInfo:
    """Copy the database now (`now` names the copy); returns the new copy. Raises BackupError,
    DamagedSource when the database fails `quick_check`."""
    db_path = _resolve(db_path)
    info = _make_copy(db_path, reason, now)
    _rotate_quietly(db_path, info.path)
    return info


def _rotate_quietly(db_path: Path, made: Path | None = None) -> None:
    try:
        rotate(db_path, made=made)
    except OSError:  # an old copy we cannot delete must not fail the new one
        log.exception("backup rotation failed for %s", db_path)


def _make_copy(db_path: Path, reason: str, now: dt.datetime | None = None) -> BackupInfo:
    if not _has_data(db_path):
        raise BackupError(f"There is no database at {db_path} to back up.")
    _refuse_damaged(db_path)
    created = (now or dt.datetime.now()).replace(microsecond=0)
    reason = _slug(reason)
    partial = None
    try:
        partial, sequence = files.reserve(db_path, paths.backups_dir(db_path))
        _copy(db_path, partial)
        target, sequence = files.publish(partial, db_path, sequence, reason, created)
    except (sqlite3.Error, OSError) as exc:
        if partial is not None:
            files.remove_quietly(partial)
        raise BackupError(f"The backup of {db_path.name} failed ({_why(exc)}).") from exc
    info = BackupInfo(
        target, created, reason, count_people(target), target.stat().st_size, sequence
    )
    log.info("backup %s made (%s)", target.name, reason)
    return info


def _refuse_damaged(db_path: Path) -> None:
    """Raise DamagedSource when `db_path` fails `quick_check`: its copy must not pass for good."""
    try:
        check_current(db_path)
    except DatabaseCorrupt as exc:
        raise DamagedSource(
            f"{exc} It was not backed up, so the earlier backups stay as they are."
        ) from exc


def backup_if_stale(
    db_path: Path | None = None, *, now: dt.datetime | None = None
) -> BackupInfo | None:
    """Make a `daily` copy when the newest copy is older than a day; never raises.

    Called when the window, the reminders process or a command starts. A failure is logged and
    returns None: a missed daily copy must not keep anyone from their data.
    """
    try:
        db_path = _resolve(db_path)
        if not _has_data(db_path) or not _can_write_copies(db_path):
            return None
        newest = newest_backup(db_path)
        now = now or dt.datetime.now()
        # A newest copy dated ahead of now was made while the clock ran ahead: not a fresh one.
        if newest is not None and dt.timedelta(0) <= now - newest.created < STALE_AFTER:
            return None
        return backup_now(db_path, Reason.DAILY)
    except (StoreError, OSError):
        log.exception("daily backup failed")
        return None


def _can_write_copies(db_path: Path) -> bool:
    """Whether the backups folder can take a copy (a read-only folder is not a failure)."""
    folder = files.folder_of(db_path)
    if folder.is_dir():
        return os.access(folder, os.W_OK | os.X_OK)
    return os.access(db_path.parent, os.W_OK | os.X_OK)


def before_import(db_path: Path | None = None) -> BackupInfo | None:
    """A copy before an import changes the database; raises BackupError if it cannot be made.

    Returns None when there is nothing to protect yet (a new, empty database). A damaged
    database raises DamagedSource, a read-only one ReadOnlyDatabase: nothing may be imported.
    """
    db_path = _resolve(db_path)
    read_only = files.read_only_reason(db_path)
    if read_only is not None:  # say so, rather than that the copy failed
        raise ReadOnlyDatabase(f"{read_only}; changes cannot be saved.")
    if not _has_people(db_path):
        if _has_data(db_path):
            _refuse_damaged(db_path)
        return None
    return backup_now(db_path, Reason.PRE_IMPORT)  # which runs the check (once)


def before_migration(db_path: Path, why: str = "") -> BackupInfo:
    """The hook `netdesk.db.connection` calls before upgrading an existing database."""
    log.info("backing up %s %s", db_path.name, why)
    return backup_now(db_path, Reason.PRE_MIGRATION)


def _copy(source: Path, target: Path) -> None:
    """Snapshot `source` into the new, empty private file `target` (online backup API)."""
    with _connect(source, readonly=True) as src, _connect(target) as dst:
        src.backup(dst)
        # A backup is one self-contained file: no -wal beside it, readable with mode=ro.
        dst.execute("PRAGMA journal_mode=DELETE")
    os.chmod(target, 0o600)


@contextlib.contextmanager
def _connect(path: Path, *, readonly: bool = False) -> Iterator[sqlite3.Connection]:
    old_umask = os.umask(0o077)  # any journal file SQLite makes stays private
    try:
        if readonly:
            uri = files.readonly_uri(path)  # also in a read-only folder
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    finally:
        os.umask(old_umask)
    try:
        yield conn
    finally:
        conn.close()


# ----------------------------------------------------------------------------- listing


def list_backups(db_path: Path | None = None) -> list[BackupInfo]:
    """This database's copies, newest first, each with its number of people (read-only)."""
    infos = (_describe(named) for named in files.copies_of(_resolve(db_path)))
    return [info for info in infos if info is not None]


def newest_backup(db_path: Path | None = None) -> BackupInfo | None:
    """The newest copy by its name's sequence number and time stamp (cheap: opens no database)."""
    for named in files.copies_of(_resolve(db_path)):
        info = BackupInfo(named.path, named.created, named.reason, None, 0, named.sequence)
        with contextlib.suppress(OSError):
            return dataclasses.replace(info, size=named.path.stat().st_size)
    return None


def newest_good_backup(db_path: Path | None = None) -> BackupInfo | None:
    """The newest copy that passes `verify`, or None."""
    for info in list_backups(db_path):
        try:
            verify(info.path)
        except BadBackup:
            continue
        return info
    return None


def _describe(named: Named) -> BackupInfo | None:
    try:
        size = named.path.stat().st_size
    except OSError:
        return None
    people = count_people(named.path)
    return BackupInfo(named.path, named.created, named.reason, people, size, named.sequence)


def count_people(path: Path) -> int | None:
    """People in a database file, read-only; None when it cannot be read."""
    try:
        with _connect(path, readonly=True) as conn:
            return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
    except sqlite3.Error:
        return None


# ----------------------------------------------------------------------------- rotation


def rotate(
    db_path: Path | None = None, *, now: dt.datetime | None = None, made: Path | None = None
) -> list[Path]:
    """Delete copies the retention rules (module docstring) no longer keep; returns them.

    `made` is the copy just made: it is kept whatever the clock says, and it passed
    `quick_check` on the way in, so no other copy needs opening to find the newest good one.
    """
    db_path = _resolve(db_path)
    now = now or dt.datetime.now()
    named = files.copies_of(db_path)
    keep = kept(named, now=now)
    if made is not None:
        keep.add(made)
    good = made if named and named[0].path == made else _newest_sound(named)
    if good is not None:
        keep.add(good)
    removed = [n.path for n in named if n.path not in keep]
    removed += _stale_partials(db_path, now)
    for path in removed:
        path.unlink(missing_ok=True)
    if removed:
        log.info("rotation removed %d old backups", len(removed))
    return removed


def _newest_sound(newest_first: list[Named]) -> Path | None:
    """The newest copy that passes `quick_check` (usually the first one opened)."""
    for named in newest_first:
        if _is_sound(named.path):
            return named.path
    return None


def _is_sound(path: Path) -> bool:
    try:
        with _connect(path, readonly=True) as conn:
            return [row[0] for row in conn.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False


def _stale_partials(db_path: Path, now: dt.datetime) -> list[Path]:
    """Copies a killed process left half written (hidden `.partial` files), once old."""
    stale = []
    for path in files.partials_of(db_path):
        with contextlib.suppress(OSError):
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
            if now - modified > STALE_PARTIAL:
                stale.append(path)
    return stale


def kept(copies: Iterable[Named], *, now: dt.datetime) -> set[Path]:
    """Which of `copies` the retention rules keep (newest by sequence number, then time)."""
    newest_first = sorted(copies, key=lambda n: n.order, reverse=True)
    keep = {n.path for n in newest_first[:1]}
    keep |= _newest_per(newest_first, lambda n: n.created.date(), DAILY_KEEP)
    keep |= _newest_per(newest_first, lambda n: n.created.isocalendar()[:2], WEEKLY_KEEP)
    keep |= _newest_per(newest_first, lambda n: n.reason, len(newest_first))
    safety = [n for n in newest_first if n.reason in SAFETY_REASONS]
    keep |= {n.path for n in safety[:SAFETY_KEEP_NEWEST]}
    horizon = now - dt.timedelta(days=SAFETY_KEEP_DAYS)
    recent = [n.path for n in safety if n.created >= horizon]
    keep |= set(recent[:SAFETY_KEEP_RECENT])
    return keep


def _newest_per(
    newest_first: list[Named], bucket: Callable[[Named], Hashable], limit: int
) -> set[Path]:
    """The newest copy in each of the `limit` most recent buckets (days, weeks)."""
    chosen: dict[Hashable, Path] = {}
    for named in newest_first:
        key = bucket(named)
        if key in chosen:
            continue
        if len(chosen) == limit:
            break
        chosen[key] = named.path
    return set(chosen.values())


# ----------------------------------------------------------------------------- restoring


def verify(backup_path: Path) -> int:
    """Check a file is a sound netdesk database this version can open; returns its schema.

    Raises BadBackup with a one-sentence reason. Reads only (mode=ro).
    """
    backup_path = Path(backup_path)
    try:
        connection.inspect_existing(backup_path)
    except StoreError as exc:
        raise BadBackup(str(exc)) from exc
    try:
        with _connect(backup_path, readonly=True) as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.Error as exc:
        raise BadBackup(f"{backup_path.name} cannot be read ({exc}).") from exc
    if problems != ["ok"]:
        raise BadBackup(f"{backup_path.name} is damaged ({_one_line(problems[0])}).")
    if orphans:
        raise BadBackup(f"{backup_path.name} has {len(orphans)} broken links between records.")
    if not 1 <= version <= migrations.CURRENT_VERSION:
        raise BadBackup(f"{backup_path.name} has an unknown schema version ({version}).")
    return version


@dataclass(frozen=True)
class Restored:
    """What `restore` did with the database it replaced."""

    previous: BackupInfo | None  # the pre-restore copy of a sound database
    set_aside: Path | None  # where a damaged database was moved


def restore(
    backup_path: Path, db_path: Path | None = None, *, set_aside_damaged: bool = False
) -> Restored:
    """Replace the database at `db_path` with the copy at `backup_path`.

    Verifies the copy first. A sound current database is backed up (reason `pre-restore`; that
    copy is returned). A current file that is damaged, foreign or from a newer netdesk is never
    overwritten: with `set_aside_damaged` it is renamed `*.damaged-YYYYmmdd-HHMMSS` (see
    `set_aside`; pass it only when the user agreed), otherwise CurrentDatabaseDamaged is raised.
    The copy goes in through the backup API, so a process reading the database sees either the
    old or the restored data, never a mix; the window should still be closed, or reload.
    """
    backup_path = Path(backup_path)
    db_path = _resolve(db_path)
    version = verify(backup_path)
    if db_path.exists() and backup_path.resolve() == db_path.resolve():
        raise BadBackup("A database cannot be restored onto itself.")
    before, moved = None, None
    if _has_data(db_path):
        try:
            check_current(db_path)
        except StoreError as exc:
            if not set_aside_damaged:
                raise CurrentDatabaseDamaged(f"{exc} It was left as it is.") from exc
            moved = set_aside(db_path)
        else:
            # Rotation waits until the restore is done: it could remove the copy being restored.
            before = _make_copy(db_path, Reason.PRE_RESTORE)
    try:
        _restore_into(backup_path, db_path, version)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"Restoring {backup_path.name} failed ({_why(exc)}).") from exc
    log.info("restored %s into %s", backup_path.name, db_path)
    _rotate_quietly(db_path, before.path if before is not None else None)
    return Restored(before, moved)


def check_current(db_path: Path) -> None:
    """Raise a StoreError unless `db_path` is a sound netdesk database (reads only).

    Deeper than what opening checks: runs `PRAGMA quick_check` over every page.
    """
    with connection.no_side_files_on_refusal(db_path):
        connection.inspect_existing(db_path)
        try:
            with _connect(db_path, readonly=True) as conn:
                problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        except sqlite3.Error as exc:
            raise DatabaseCorrupt(f"{db_path.name} is damaged and cannot be read ({exc}).") from exc
        if problems != ["ok"]:
            raise DatabaseCorrupt(f"{db_path.name} is damaged ({_one_line(problems[0])}).")


def _one_line(problem: str) -> str:
    """SQLite's first complaint about a damaged file, on one line: one row can hold several
    ("*** in database main ***" then a line per page)."""
    return " ".join(problem.split())


def _restore_into(backup_path: Path, db_path: Path, version: int) -> None:
    source = backup_path
    staged = None
    if version < migrations.CURRENT_VERSION:
        # An older copy climbs the ladder in a private staging file first, so the live path
        # only ever holds a current schema (the copy itself stays untouched).
        staged = _stage_upgrade(backup_path, db_path)
        source = staged
    try:
        if not db_path.exists():
            connection.create_private_file(db_path)
        with _connect(source, readonly=True) as src, _connect(db_path) as dst:
            src.backup(dst)
            # The copy is a rollback-journal file; the live database runs in WAL.
            dst.execute("PRAGMA journal_mode=WAL")
        os.chmod(db_path, 0o600)
    finally:
        if staged is not None:
            files.remove_quietly(staged)


def _stage_upgrade(backup_path: Path, db_path: Path) -> Path:
    staged = db_path.with_name(f".{db_path.name}.restoring")
    files.remove_quietly(staged)
    connection.create_private_file(staged)
    with _connect(backup_path, readonly=True) as src, _connect(staged) as dst:
        src.backup(dst)
    db = pw.SqliteDatabase(str(staged), pragmas={"foreign_keys": 1})
    try:
        db.connect()
        migrations.upgrade(db)
    finally:
        db.close()
    return staged


def set_aside(db_path: Path, *, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way; returns the new path.

    Only ever called when the user agreed. Nothing is deleted: the file keeps its bytes under
    `<name>.damaged-YYYYmmdd-HHMMSS` beside the original.
    """
    stamp = (now or dt.datetime.now()).strftime(files.STAMP)
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{counter}")
    os.replace(db_path, target)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    log.warning("moved damaged database %s aside to %s", db_path, target)
    return target


# ----------------------------------------------------------------------------- helpers


def _resolve(db_path: Path | None) -> Path:
    if db_path is not None:
        return Path(db_path).expanduser()
    with contextlib.suppress(StoreError):
        return connection.current_path()
    return paths.default_db_path()


def _has_data(db_path: Path) -> bool:
    try:
        return db_path.stat().st_size > 0
    except OSError:
        return False


def _has_people(db_path: Path) -> bool:
    if not _has_data(db_path):
        return False
    count = count_people(db_path)
    return count is None or count > 0  # unreadable: let backup_now report why


def _slug(reason: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(reason).lower()).strip("-")
    if not slug or not slug[0].isalpha():
        slug = f"r-{slug}".rstrip("-")
    return slug[:40]


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)
