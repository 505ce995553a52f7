"""Private by default: the database, its backups and the logs are 0600 in 0700 folders.

Run under a permissive umask (022, the usual default) so the modes come from netdesk, not from
the test machine's settings.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from netdesk import db
from netdesk.db import backup
from netdesk.system import logs as logging_setup
from netdesk.system import paths
from tests.helpers.people import person


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """NETDESK_HOME pointing at a folder that does not exist yet, under umask 022."""
    home = tmp_path / "not-yet" / "netdesk-home"
    monkeypatch.setenv("NETDESK_HOME", str(home))
    old = os.umask(0o022)
    yield home
    os.umask(old)


def test_folders_are_created_0700(fresh_home):
    assert paths.data_dir() == fresh_home
    assert mode(fresh_home) == 0o700
    assert mode(paths.backups_dir(paths.default_db_path())) == 0o700
    assert mode(paths.log_dir()) == 0o700


def test_parent_folders_netdesk_creates_are_0700_too(fresh_home, monkeypatch):
    paths.data_dir()
    assert mode(fresh_home.parent) == 0o700
    logs_home = fresh_home.parent.parent / "other" / "deeper"
    monkeypatch.setenv("NETDESK_HOME", str(logs_home))
    paths.log_dir()
    assert [mode(p) for p in (logs_home.parent, logs_home, logs_home / "logs")] == [0o700] * 3


def test_database_wal_and_backups_are_0600(fresh_home):
    db_path = paths.default_db_path()
    db.open(db_path)
    try:
        person("Ada Lovelace")
        files = [db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))]
        for path in files:
            assert path.exists() and mode(path) == 0o600, path
        made = [backup.backup_now(db_path), backup.before_import(db_path)]
        restored = backup.restore(made[0].path, db_path)
    finally:
        db.close_database()
    assert mode(db_path) == 0o600
    for info in [*made, restored.previous]:
        assert mode(info.path) == 0o600 and mode(info.path.parent) == 0o700
    assert not [p for p in info.path.parent.iterdir() if mode(p) & 0o077]


def test_damaged_file_set_aside_keeps_its_private_mode(fresh_home):
    db_path = paths.default_db_path()
    db_path.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    db_path.chmod(0o600)
    moved = backup.set_aside(db_path)
    assert mode(moved) == 0o600 and not db_path.exists()


def test_log_file_is_0600(fresh_home, monkeypatch):
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    monkeypatch.setattr(logging_setup, "_configured", False)
    try:
        logging_setup.configure(name="permissions-test")
        logging.getLogger("netdesk.test").warning("Ada Lovelace's phone number")
        for handler in root.handlers:
            handler.flush()
        log_file = paths.log_dir() / "permissions-test.log"
        assert log_file.read_text().count("Ada Lovelace") == 1
        assert mode(log_file) == 0o600 and mode(log_file.parent) == 0o700
    finally:
        for handler in root.handlers:
            if handler not in handlers_before:
                root.removeHandler(handler)
                handler.close()


def test_rotated_log_files_stay_0600(fresh_home):
    old_umask = os.umask(0o022)
    try:
        handler = logging_setup.private_file_handler(
            paths.log_dir() / "rotate.log", max_bytes=200, backups=2
        )
        record = logging.LogRecord("netdesk", logging.INFO, __file__, 1, "x" * 150, None, None)
        for _ in range(5):
            handler.emit(record)
        handler.close()
    finally:
        os.umask(old_umask)
    files = sorted(paths.log_dir().glob("rotate.log*"))
    assert len(files) == 3
    assert all(mode(f) == 0o600 for f in files)


def test_a_deferred_log_writes_what_it_held_once_finished(fresh_home, monkeypatch):
    """The window opens its log file after the first paint; nothing logged before is lost."""
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    monkeypatch.setattr(logging_setup, "_configured", False)
    try:
        logging_setup.configure(name="deferred-test", deferred=True)
        logging.getLogger("netdesk.test").warning("before the window painted")
        log_file = paths.log_dir() / "deferred-test.log"
        assert not log_file.exists()
        logging_setup.finish()
        logging.getLogger("netdesk.test").warning("after")
        for handler in root.handlers:
            handler.flush()
        lines = log_file.read_text().splitlines()
        assert [line.split(": ", 1)[1] for line in lines] == ["before the window painted", "after"]
        assert mode(log_file) == 0o600
        logging_setup.finish()  # twice is harmless
    finally:
        for handler in root.handlers:
            if handler not in handlers_before:
                root.removeHandler(handler)
                handler.close()
