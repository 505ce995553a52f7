"""A read-only database is not a damaged one: it opens for viewing, and writes say why not.

Folders and files are made read-only with `helpers.read_only` (see why there).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netdesk import cli, db
from netdesk.core import recovery
from netdesk.db import backup
from netdesk.db.errors import ReadOnlyDatabase
from tests.helpers.database_files import digest, read_only
from tests.helpers.paths import FIXTURES
from tests.helpers.people import person


@pytest.fixture
def healthy(tmp_path) -> Path:
    path = tmp_path / "netdesk.db"
    db.open(path)
    person("Ada Lovelace", email="ada@example.org")
    db.close_database()  # cleanly: no -wal or -shm stays beside it
    return path


@pytest.fixture(params=["folder", "file"])
def locked(request, healthy) -> Iterator[tuple[Path, str]]:
    """The healthy database in a read-only folder, or as a read-only file."""
    target = healthy.parent if request.param == "folder" else healthy
    why = (
        f"netdesk.db is in a read-only folder ({healthy.parent})"
        if request.param == "folder"
        else "netdesk.db is read-only"
    )
    with read_only(target):
        yield healthy, why


def test_list_and_due_read_a_read_only_database(capsys, caplog, locked):
    path, _why = locked
    before = digest(path)
    assert cli.main(["list", "--db", str(path)]) == 0
    assert "Ada Lovelace" in capsys.readouterr().out
    assert cli.main(["due", "--db", str(path)]) == 0
    assert digest(path) == before
    assert "failed" not in caplog.text  # no daily copy is attempted where none can be written


def test_a_read_only_database_is_not_diagnosed_as_damaged(locked):
    path, _why = locked
    assert recovery.diagnose(path) is None
    assert recovery.options(path) is None
    backup.check_current(path)


def test_writes_are_refused_with_the_reason(locked):
    path, why = locked
    before = digest(path)
    db.open(path)
    try:
        names = db.database.execute_sql("SELECT display_name FROM person").fetchall()
        assert names == [("Ada Lovelace",)]
        with pytest.raises(ReadOnlyDatabase) as refused:
            person("Alan Turing")
    finally:
        db.close_database()
    assert str(refused.value) == f"{why}; changes cannot be saved."
    assert digest(path) == before


def test_import_into_a_read_only_database_says_read_only(capsys, locked, tmp_path):
    path, why = locked
    vcf = tmp_path.parent / f"{tmp_path.name}-one.vcf"  # beside the folder that may be locked
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nN:Hopper;Grace;;;\nEND:VCARD\n")
    assert cli.main(["import", str(vcf), "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and why in err and "damaged" not in err


def test_no_new_database_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder), pytest.raises(ReadOnlyDatabase, match="cannot be created there"):
        db.open(folder / "netdesk.db")
    assert list(folder.iterdir()) == []


def test_an_old_read_only_database_is_explained_not_called_damaged(qtbot, tmp_path):
    """An upgrade cannot be written: the recovery dialog says read-only and offers no restore."""
    from netdesk.ui.dialogs.recovery_dialog import RecoveryDialog

    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "netdesk.db"
    path.write_bytes((FIXTURES / "netdesk-v1.db").read_bytes())
    with read_only(folder):
        with pytest.raises(ReadOnlyDatabase) as refused:
            db.open(path)
        choice = recovery.options(path, refused.value)
    assert str(refused.value) == (
        f"netdesk.db is in a read-only folder ({folder}), and it needs an upgrade for this "
        "netdesk that cannot be written."
    )
    assert choice.problem is recovery.Problem.READ_ONLY and not choice.can_restore
    dialog = RecoveryDialog(choice)
    qtbot.addWidget(dialog)
    assert dialog.headline.text() == "netdesk.db is read-only."
    assert dialog.restore_button.isHidden()


def test_the_recovery_dialog_shows_a_file_name_as_plain_text(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from netdesk.ui.dialogs.recovery_dialog import RecoveryDialog

    path = tmp_path / "<b>contacts.db"
    path.write_bytes(b"not a database")
    choice = recovery.options(path)
    dialog = RecoveryDialog(choice)
    qtbot.addWidget(dialog)
    assert dialog.headline.textFormat() == Qt.TextFormat.PlainText
    assert dialog.headline.text() == "<b>contacts.db is not a netdesk database."
