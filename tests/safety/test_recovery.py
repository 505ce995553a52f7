"""A database that cannot be opened: the one-line CLI message, the recovery options and dialog,
and the restore dialog. The damaged file is never overwritten, only renamed when asked."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

import netdesk.qt  # noqa: F401 - the PySide6 guard, before any Qt call
from netdesk import cli, db
from netdesk.core import recovery
from netdesk.core.recovery import Problem
from netdesk.db import backup, migrations
from netdesk.db.errors import StoreError
from netdesk.ui.dialogs import recovery_dialog, restore_dialog
from netdesk.ui.dialogs.recovery_dialog import RecoveryAction, RecoveryDialog
from netdesk.ui.dialogs.restore_dialog import RestoreDialog
from tests.helpers.database_files import digest, dump, sidecars
from tests.helpers.modals import refuse_modals
from tests.helpers.people import person

WAIT_MS = 20_000
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal loop would hang the test run: make any unexpected one fail instead."""
    refuse_modals(monkeypatch)


def make_db(path: Path, names: list[str]) -> None:
    db.open(path)
    try:
        for name in names:
            person(name, email=f"{name.split()[0].lower()}@example.org")
    finally:
        db.close_database()


def smash(path: Path, start: int = 100, end: int = 4096) -> bytes:
    """Overwrite bytes of a database file (the schema page by default); returns the new bytes."""
    data = bytearray(path.read_bytes())
    data[start:end] = os.urandom(end - start)
    path.write_bytes(bytes(data))
    for side in sidecars(path):
        (path.parent / side).unlink()
    return bytes(data)


def open_error(path: Path) -> StoreError:
    with pytest.raises(StoreError) as caught:
        db.open(path)
    return caught.value


@pytest.fixture
def damaged(tmp_path) -> Path:
    """A database with two good backups (2 and 3 people) whose live file is then smashed."""
    path = tmp_path / "netdesk.db"
    make_db(path, ["Ada Lovelace", "Alan Turing"])
    backup.backup_now(path)
    make_db(path, ["Grace Hopper"])
    backup.backup_now(path)
    smash(path)
    return path


# ------------------------------------------------------------------------- core and CLI


def test_cli_prints_one_line_and_leaves_the_file_alone(capsys, damaged):
    before = digest(damaged)
    assert cli.main(["list", "--db", str(damaged)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "netdesk.db" in err
    assert digest(damaged) == before
    assert sidecars(damaged) == []


def test_options_offer_the_newest_good_backup(damaged):
    copies = backup.list_backups(damaged)
    # the newest copy is itself broken: the one before it is offered
    smash(copies[0].path, 4096 * 2, 4096 * 6)
    choice = recovery.options(damaged, open_error(damaged))
    assert choice.problem is Problem.DAMAGED and choice.can_restore and choice.can_set_aside
    assert choice.backup.path == copies[1].path and choice.backup.people == 2
    assert recovery.options(damaged).problem is Problem.DAMAGED  # diagnosis without the error


def test_restore_newest_sets_the_damaged_file_aside_and_restores(damaged):
    damaged_bytes = damaged.read_bytes()
    choice = recovery.options(damaged, open_error(damaged))
    done = recovery.restore_newest(choice)
    assert done.previous is None
    assert done.set_aside.name.startswith("netdesk.db.damaged-")
    assert done.set_aside.read_bytes() == damaged_bytes
    db.open(damaged)
    db.close_database()
    assert len(dump(damaged, ["person"])["person"]) == 3
    assert recovery.options(damaged) is None


def test_damage_deep_inside_is_found_by_diagnose(tmp_path):
    path = tmp_path / "netdesk.db"
    make_db(path, [f"Person {n} " + "x" * 180 for n in range(900)])  # names stay under the cap
    db.open(path)
    db.close_database()
    size = path.stat().st_size
    smash(path, size // 2, size // 2 + 8192)
    before = digest(path)
    error = recovery.diagnose(path)
    assert error is not None and recovery.classify(error) is Problem.DAMAGED
    assert digest(path) == before and sidecars(path) == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("newer", Problem.TOO_NEW),
        ("foreign", Problem.NOT_NETDESK),
        ("foreign-wal", Problem.NOT_NETDESK),
        ("tables-missing", Problem.DAMAGED),
        ("random", Problem.NOT_NETDESK),
    ],
)
def test_other_problems_are_classified_without_touching_the_file(tmp_path, content, problem):
    path = tmp_path / "netdesk.db"
    if content == "random":
        path.write_bytes(os.urandom(10_000))
    else:
        conn = sqlite3.connect(path)
        if content == "foreign-wal":
            conn.execute("PRAGMA journal_mode = wal")
        table = "songs" if content == "tables-missing" else "person"
        conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
        versions = {"newer": migrations.CURRENT_VERSION + 3, "tables-missing": 1}
        conn.execute(f"PRAGMA user_version = {versions.get(content, 0)}")
        conn.commit()
        conn.close()
    before = digest(path)
    choice = recovery.options(path, open_error(path))
    assert choice.problem is problem and choice.backup is None and not choice.can_restore
    assert digest(path) == before and sidecars(path) == []
    assert recovery.options(path).problem is problem


# ------------------------------------------------------------------------- recovery dialog


def test_recovery_dialog_restores_after_the_user_agrees(qtbot, damaged):
    choice = recovery.options(damaged, open_error(damaged))
    dialog = RecoveryDialog(choice)
    qtbot.addWidget(dialog)
    assert "damaged" in dialog.headline.text()
    assert ".damaged-" in dialog.advice.text()  # says what will happen to the file
    assert "3" in dialog.restore_button.text() and dialog.restore_button.isVisibleTo(dialog)
    assert damaged.exists()  # nothing happened yet
    with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(dialog.restore_button, LEFT)
    outcome = signal.args[0]
    assert outcome.action is RecoveryAction.RESTORED and outcome.db_path == damaged
    assert outcome.restored.set_aside.exists()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert recovery.options(damaged) is None


def test_recovery_dialog_open_another_file_and_quit_change_nothing(qtbot, damaged, tmp_path):
    before = digest(damaged)
    other = tmp_path / "other.db"
    choice = recovery.options(damaged, open_error(damaged))
    dialog = RecoveryDialog(choice, choose_file=lambda parent: other)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.open_button, LEFT)
    assert dialog.outcome.action is RecoveryAction.OPEN_OTHER
    assert dialog.outcome.db_path == other
    quitting = RecoveryDialog(choice, choose_file=lambda parent: None)
    qtbot.addWidget(quitting)
    qtbot.mouseClick(quitting.open_button, LEFT)  # cancelled: still open
    assert quitting.outcome.action is RecoveryAction.QUIT and quitting.isVisible() is False
    qtbot.mouseClick(quitting.quit_button, LEFT)
    assert quitting.outcome.action is RecoveryAction.QUIT
    assert quitting.result() == QDialog.DialogCode.Rejected
    assert digest(damaged) == before
    assert sorted(p.name for p in damaged.parent.iterdir()) == ["backups", "netdesk.db"]


def test_recovery_dialog_without_backups_offers_no_restore(qtbot, tmp_path):
    path = tmp_path / "netdesk.db"
    path.write_bytes(os.urandom(3000))
    dialog = RecoveryDialog(recovery.options(path, open_error(path)))
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isVisibleTo(dialog)
    assert "no backup" in dialog.advice.text()
    dialog.restore_newest()  # not offered, so nothing happens
    assert path.exists() and dialog.outcome.action is RecoveryAction.QUIT


def test_recovery_ask_runs_the_dialog(qtbot, monkeypatch, damaged):
    def fake_exec(dialog: RecoveryDialog) -> int:
        with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS):
            dialog.restore_newest()
        return int(dialog.result())

    monkeypatch.setattr(RecoveryDialog, "exec", fake_exec)
    outcome = recovery_dialog.ask(None, damaged, open_error(damaged))
    assert outcome.action is RecoveryAction.RESTORED
    db.open(damaged)
    db.close_database()


# ------------------------------------------------------------------------- restore dialog


def test_restore_dialog_lists_copies_and_restores_the_chosen_one(qtbot, tmp_path):
    path = tmp_path / "netdesk.db"
    make_db(path, ["Ada Lovelace"])
    backup.backup_now(path)
    make_db(path, ["Alan Turing", "Grace Hopper"])
    backup.backup_now(path, "pre-import")
    dialog = RestoreDialog(path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.backups()) == 2, timeout=WAIT_MS)
    table = dialog.table
    assert table.rowCount() == 2
    assert [table.item(r, 2).text() for r in range(2)] == ["3", "1"]
    assert table.item(0, 1).text() == "before an import"
    assert table.item(0, 0).text()  # the date
    dialog.select(1)
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.restored, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.restore_button, LEFT)
    assert dialog.outcome.previous.people == 3
    assert [row[1] for row in dump(path, ["person"])["person"]] == ["Ada Lovelace"]


def test_restore_dialog_with_no_copies(qtbot, tmp_path):
    path = tmp_path / "netdesk.db"
    make_db(path, ["Ada Lovelace"])
    dialog = RestoreDialog(path)
    qtbot.addWidget(dialog)
    qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS).wait()
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert "no backups" in dialog.status.text()


def test_restore_ask_returns_none_when_cancelled(qtbot, monkeypatch, tmp_path):
    path = tmp_path / "netdesk.db"
    make_db(path, ["Ada Lovelace"])
    backup.backup_now(path)
    monkeypatch.setattr(RestoreDialog, "exec", lambda dialog: dialog.reject() or 0)
    assert restore_dialog.ask(None, path) is None
