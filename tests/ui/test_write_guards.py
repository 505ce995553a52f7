"""The window refuses what would lose data, and says why: an export over a database, a change
to a read-only database, a save into a file that was moved away from its path."""

from __future__ import annotations

import os
import shutil

from PySide6.QtWidgets import QMessageBox

from netdesk import db
from tests.helpers.database_files import digest, dump, read_only
from tests.helpers.people import person


def error_box_text(window) -> str:
    box = window.findChild(QMessageBox, "error_box")
    return "" if box is None else box.text()


def test_file_export_over_the_open_database_is_refused_and_said(make_window, qtbot, db_path):
    """The save dialog already asked about replacing a file; the database is refused anyway."""
    person("Ana Souza", email="ana@x.example")
    window = make_window()
    before = digest(db_path)
    task = window.file_actions.export_to(db_path, "vcard")
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    qtbot.waitUntil(lambda: "is the open netdesk database" in error_box_text(window))
    assert digest(db_path) == before


def test_a_read_only_folder_shows_people_and_refuses_changes(make_window, qtbot, store, db_path):
    ana = person("Ana Souza")
    db.close_database()
    before = digest(db_path)
    with read_only(db_path.parent):
        db.open_for_window(db_path)  # as the window's start opens it
        window = make_window()
        assert [row.name for row in window.people_model.rows()] == ["Ana Souza"]
        assert not window.person_actions.change_circles(ana, ["Friends"])
        qtbot.waitUntil(lambda: "read-only folder" in error_box_text(window))
        assert "changes cannot be saved" in error_box_text(window)
        assert [row.name for row in window.people_model.rows()] == ["Ana Souza"]
    assert digest(db_path) == before


def test_the_window_does_not_save_into_a_file_moved_away(make_window, qtbot, store, db_path):
    ana = person("Ana Souza")
    window = make_window()
    store.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    replacement = db_path.with_name("replacement.db")
    shutil.copyfile(db_path, replacement)
    moved = db_path.with_name("moved.db")
    os.rename(db_path, moved)
    os.rename(replacement, db_path)
    assert not window.person_actions.change_circles(ana, ["Friends"])
    qtbot.waitUntil(lambda: "was replaced by another file" in error_box_text(window))
    window.workers.wait()
    db.close_database()
    for path in (moved, db_path):
        assert dump(path, ["person_circle"]) == {"person_circle": []}
