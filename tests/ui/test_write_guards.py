"""The window refuses what would lose data, and says why: an export over a database."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.core.helpers import person
from tests.safety.helpers import digest


def error_box_text(window) -> str:
    box = window.findChild(QMessageBox, "error_box")
    return "" if box is None else box.text()


def test_file_export_over_the_open_database_is_refused_and_said(make_window, qtbot, db_path):
    """The save dialog already asked about replacing a file; the database is refused anyway."""
    person("Ana Souza", email="ana@x.example")
    window = make_window()
    before = digest(db_path)
    task = window.export_to(db_path, "vcard")
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    qtbot.waitUntil(lambda: "is the open netdesk database" in error_box_text(window))
    assert digest(db_path) == before
