"""Drag and drop import, end to end: real files from the shared corpus dropped on the real window,
the preview's counts, the import in a worker, Cancel, the report and Undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from netdesk.core import people
from netdesk.core.importing import Action, Decision
from netdesk.db.models import ImportBatch, Person
from netdesk.ui.window.import_preview import Stage
from tests.helpers.people import person


def drop(widget, mime: QMimeData) -> bool:
    """Deliver a drag-enter and a drop the way the window system does."""
    centre = widget.rect().center()
    enter = QDragEnterEvent(  # QPoint works on every PySide6 6.x (QPointF only from 6.12)
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def file_mime(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def wait_stage(qtbot, flow, stage: Stage) -> None:
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.stage is stage, timeout=20_000)


def people_count() -> int:
    return Person.select().count()


@pytest.mark.parametrize(
    ("name", "new", "update", "duplicate", "invalid"),
    [
        # ten cards; "Max Mustermann" has the same name as "Mäx Mustermann": flagged for review
        ("calcard/009.vcf", 9, 0, 1, 0),
        # six cards; the fifth shares a phone with the fourth and its name fits: an update
        ("ez-vcard/John_Doe_ANDROID.vcf", 5, 1, 0, 0),
        # three cards without a usable name
        ("calcard/063.vcf", 0, 0, 0, 3),
    ],
)
def test_dropping_a_file_opens_the_preview_with_the_right_counts(
    window, qtbot, testdata, name, new, update, duplicate, invalid
):
    path = testdata / "vcards" / name
    assert drop(window.table.viewport(), file_mime(path))
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    counts = flow.dialog.counts()
    assert counts == {
        Action.NEW: new,
        Action.UPDATE: update,
        Action.DUPLICATE: duplicate,
        Action.INVALID: invalid,
    }
    shown = {a: int(s.number.text().replace(",", "")) for a, s in flow.dialog.stats.items()}
    assert shown == counts
    assert flow.dialog.model.rowCount() == new + update + duplicate + invalid
    assert people_count() == 0  # a preview writes nothing
    flow.dialog.reject()


def test_the_preview_lists_reasons_and_filters_by_kind(window, qtbot, testdata):
    path = testdata / "vcards" / "calcard" / "063.vcf"  # three cards without a usable name
    window.file_actions.import_paths([path])
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    dialog = flow.dialog
    reasons = [dialog.proxy.index(r, 3).data() for r in range(dialog.proxy.rowCount())]
    assert reasons and all(r.startswith("Not imported: ") for r in reasons)
    assert not dialog.import_button.isEnabled()
    dialog.filter_buttons[Action.NEW].click()
    assert dialog.proxy.rowCount() == 0
    dialog.filter_buttons[Action.INVALID].click()
    assert dialog.proxy.rowCount() == 3
    dialog.reject()


def test_importing_shows_the_people_and_undo_removes_them(window, qtbot, testdata):
    path = testdata / "vcards" / "jeroendesloovere-vcard" / "contacts.vcf"
    expected = ["Thies-Tillman Jacobsen", "Lenn Biernoth", "Ludwig-Götz Graßl", "Marita Kreutzer",
                "Kathi Hoelzl"]
    assert drop(window, file_mime(path))
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    flow.dialog.import_button.click()
    wait_stage(qtbot, flow, Stage.REPORT)
    assert "5 new people added" in flow.dialog.report_label.text()
    qtbot.waitUntil(lambda: sorted(r.name for r in window.people_model.rows()) == sorted(expected))
    assert window.center.currentWidget() is window.table
    flow.dialog.undo_button.click()
    qtbot.waitUntil(lambda: window.people_model.rowCount() == 0)
    assert people_count() == 0
    assert ImportBatch.get().undone
    assert "undone" in flow.dialog.report_label.text()
    window.act_redo.trigger()  # redo applies the same plan again
    qtbot.waitUntil(lambda: window.people_model.rowCount() == len(expected))
    flow.dialog.accept()


def test_cancel_mid_import_leaves_the_database_as_it_was(window, qtbot, testdata, db_path):
    person("Somebody Already Here", email="here@x.example")
    before = people_count()
    path = testdata / "vcards" / "folkerkinzel-vcards" / "LargeFile.vcf"
    window.file_actions.import_paths([path])
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    # Another connection holds the write lock, so the import waits inside its transaction...
    blocker = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    flow.dialog.import_button.click()
    assert flow.dialog.stage is Stage.IMPORTING
    flow.dialog.progress_cancel.click()  # ...the user cancels while it runs...
    blocker.execute("ROLLBACK")  # ...and it goes on, sees the cancel and rolls back.
    blocker.close()
    wait_stage(qtbot, flow, Stage.PREVIEW)
    assert "cancelled" in flow.dialog.notice.text()
    assert people_count() == before
    assert ImportBatch.select().count() == 0
    assert window.undo_stack.count() == 0
    flow.dialog.reject()


def test_dropping_vcard_data_from_another_app(window, qtbot):
    mime = QMimeData()
    mime.setData(
        "text/vcard",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dragged Person\r\nEMAIL:dragged@x.example\r\n"
        b"END:VCARD\r\n",
    )
    assert drop(window.search, mime)  # even onto the search field, it is an import
    assert window.search.text() == ""
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    assert flow.dialog.counts()[Action.NEW] == 1
    flow.dialog.import_button.click()
    wait_stage(qtbot, flow, Stage.REPORT)
    qtbot.waitUntil(lambda: [r.name for r in window.people_model.rows()] == ["Dragged Person"])
    flow.dialog.accept()


def test_other_files_are_not_taken(window, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert not drop(window, file_mime(other))
    assert window.file_actions.imports == []


def test_an_encoding_can_be_chosen_when_one_was_guessed(window, qtbot, testdata):
    path = testdata / "vcards" / "folkerkinzel-vcards" / "TestFiles__Ukrainian.vcf"
    window.file_actions.import_paths([path])
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    dialog = flow.dialog
    assert dialog.encoding_row.isVisible()
    assert dialog.encoding_combo.currentData() == dialog.plan.encoding_fallback.lower()
    first_name = dialog.plan.items[0].name
    latin = dialog.encoding_combo.findData("iso-8859-1")
    dialog.encoding_combo.setCurrentIndex(latin)
    dialog.encoding_combo.activated.emit(latin)
    qtbot.waitUntil(
        lambda: dialog.stage is Stage.PREVIEW and dialog.plan.items[0].name != first_name,
        timeout=10_000,
    )
    dialog.reject()


def test_possible_duplicates_can_be_merged_kept_or_skipped(window, qtbot):
    # two namesakes with their own details: the second is flagged for review
    path = (
        Path(__file__).resolve().parents[1] / "fixtures" / "identity" / "same_name_colleagues.vcf"
    )
    window.file_actions.import_paths([path])
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    dialog = flow.dialog
    assert set(dialog.model.decisions().values()) == {Decision.KEEP_BOTH}
    dialog.filter_buttons[Action.DUPLICATE].click()
    assert dialog.proxy.rowCount() == 1
    choice = dialog.proxy.index(0, 4)
    assert dialog.proxy.setData(choice, Decision.SKIP.value)
    assert choice.data() == "Skip"
    for row in range(dialog.proxy.rowCount()):  # each flagged card offers a merge here
        assert dialog.proxy.setData(dialog.proxy.index(row, 4), Decision.MERGE.value)
    assert set(dialog.model.decisions().values()) == {Decision.MERGE}
    dialog.import_button.click()
    wait_stage(qtbot, flow, Stage.REPORT)
    report = dialog.report
    assert (report.new, report.updated) == (1, 1)  # the second Ana merged into the first
    dialog.accept()


def test_a_file_that_cannot_be_read_says_why(window, qtbot, testdata):
    window.file_actions.import_paths([testdata / "vcards" / "folkerkinzel-vcards" / "Empty.vcf"])
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.ERROR)
    assert "empty" in flow.dialog.report_label.text()
    flow.dialog.accept()


def test_several_files_become_one_import(window, qtbot, testdata):
    paths = [
        testdata / "vcards" / "calcard" / "005.vcf",
        testdata / "vcards" / "jeroendesloovere-vcard" / "contacts.vcf",
    ]
    assert drop(window, file_mime(*paths))
    flow = window.file_actions.imports[-1]
    wait_stage(qtbot, flow, Stage.PREVIEW)
    assert flow.dialog.plan.cards == 10
    flow.dialog.import_button.click()
    wait_stage(qtbot, flow, Stage.REPORT)
    assert ImportBatch.select().count() == 1
    assert people.count() == flow.dialog.report.new
    flow.dialog.accept()


def test_the_file_argument_opens_the_preview(store, db_path, settings, qtbot, testdata):
    """`netdesk FILE.vcf`: app.run hands the files to the window, which opens the preview."""
    from netdesk.ui import app

    window = app.build_window(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    flow = window.file_actions.import_paths([testdata / "vcards" / "calcard" / "005.vcf"])
    wait_stage(qtbot, flow, Stage.PREVIEW)
    assert flow.dialog.counts()[Action.NEW] == 5
    assert flow.dialog.isVisible()
    flow.dialog.reject()
    window.workers.wait()
    window.notifier.stop()


def test_a_drop_anywhere_on_the_window_imports(window, qtbot, testdata):
    path = testdata / "vcards" / "calcard" / "005.vcf"
    for target in (window.sidebar.viewport(), window.pane, window.toolbar):
        assert drop(target, file_mime(path))
        flow = window.file_actions.imports[-1]
        wait_stage(qtbot, flow, Stage.PREVIEW)
        flow.dialog.reject()


def test_counts_are_grouped_as_the_users_locale_groups_numbers(qtbot):
    """12,345 in English, 12.345 in German: the preview's tiles and every "%Ln" message."""
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtWidgets import QWidget

    from netdesk.qt import i18n
    from netdesk.ui.window.import_preview_pages import Stat

    i18n.install()
    holder = QWidget()
    qtbot.addWidget(holder)
    before = QLocale()
    try:
        for language, grouped in (
            (QLocale.Language.English, "12,345"),
            (QLocale.Language.German, "12.345"),
        ):
            QLocale.setDefault(QLocale(language))
            stat = Stat("new", 140, holder, "stat_new")
            stat.set_count(12345)
            assert stat.number.text() == grouped
            message = QCoreApplication.translate("X", "%Ln new person(s) added", None, 12345)
            assert message == f"{grouped} new people added"
    finally:
        QLocale.setDefault(before)
