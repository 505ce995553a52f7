"""A database file deleted, moved away or replaced while a process has it open: writes refuse
with a clear message instead of landing in the old file, and the reminders follow the path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk import db
from netdesk.core import settings
from netdesk.db import backup, connection
from netdesk.db.errors import DatabaseGone, DatabaseReplaced
from netdesk.reminders.notifiers import Notifier
from netdesk.reminders.service import ReminderService
from tests.helpers.database_files import dump
from tests.helpers.people import person
from tests.helpers.reminders import FakeClock, overdue_person


def make_due_db(path: Path, names: list[str]) -> None:
    db.open(path)
    try:
        settings.put("quiet_start", "")
        settings.put("quiet_end", "")
        for name in names:
            overdue_person(name)
    finally:
        db.close_database()


def names_in(path: Path) -> list[str]:
    return [row[1] for row in dump(path, ["person"])["person"]]


@pytest.fixture
def opened(tmp_path):
    path = tmp_path / "netdesk.db"
    db.open(path)
    person("Ada Lovelace")
    yield path
    db.close_database()


def test_a_write_after_the_file_was_deleted_is_refused(opened):
    opened.unlink()
    with pytest.raises(DatabaseGone, match=r"netdesk\.db was deleted or moved away"):
        person("Alan Turing")


def test_a_write_after_a_rename_replace_is_refused_and_lands_nowhere(opened, tmp_path):
    """The window kept saving into the moved file; now it says so and saves nothing."""
    moved = tmp_path / "moved.db"
    replacement = tmp_path / "replacement.db"
    db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the copy holds Ada too
    shutil.copyfile(opened, replacement)
    os.rename(opened, moved)
    os.rename(replacement, opened)
    with pytest.raises(DatabaseReplaced, match=r"netdesk\.db was replaced by another file"):
        person("Alan Turing")
    db.close_database()
    assert names_in(moved) == ["Ada Lovelace"]
    assert names_in(opened) == ["Ada Lovelace"]


def test_writes_go_on_when_nothing_changed(opened):
    person("Alan Turing")
    db.close_database()
    assert names_in(opened) == ["Ada Lovelace", "Alan Turing"]


class Recorder(Notifier):
    """Notes are recorded: there is no desktop on a test machine."""

    name = "recording"

    def notify(self, note) -> bool:
        return True


def test_the_reminders_follow_a_deleted_and_recreated_file(qapp, tmp_path):
    path, other = tmp_path / "netdesk.db", tmp_path / "other.db"
    make_due_db(other, ["Grace Hopper"])
    make_due_db(path, ["Ana Lima", "Ben Okafor", "Chidi Obi"])
    db.open(path)
    service = ReminderService(FakeClock(), notifier_factory=lambda _tray: Recorder())
    try:
        service.check()
        assert len(service.scheduler.current) == 3
        path.unlink()
        service._on_tick()
        assert service.scheduler.current == []
        assert service.menu.actions_named("dueItemAction") == []
        shutil.copyfile(other, path)  # the file is back, another one
        service._on_tick()
        assert [item.name for item in service.scheduler.current] == ["Grace Hopper"]
        assert connection.current_path() == path
        person("Dan Brown")  # writes go to the new file
    finally:
        service.stop()
        db.close_database()
    assert names_in(path) == ["Grace Hopper", "Dan Brown"]


# Another process reads the database and closes its connection.
PEER = """
import sqlite3, sys
peer = sqlite3.connect(sys.argv[1])
peer.execute("SELECT count(*) FROM person").fetchone()
peer.close()
"""


def test_checking_the_open_database_keeps_other_processes_off_its_wal(tmp_path):
    """A check of the open file (before an import, a backup) must not drop this process's locks:
    another process closing its connection would take itself for the last user and delete the
    -wal under us, and the next write would be lost."""
    path = tmp_path / "netdesk.db"
    db.open(path)
    try:
        person("Ada Lovelace")
        backup.check_current(path)
        subprocess.run([sys.executable, "-c", PEER, str(path)], check=True)
        assert path.with_name("netdesk.db-wal").exists()
        person("Alan Turing")
    finally:
        db.close_database()
    assert names_in(path) == ["Ada Lovelace", "Alan Turing"]
