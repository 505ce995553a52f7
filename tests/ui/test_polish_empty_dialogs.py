"""Who moved on… and Who can introduce me… with nothing to show say why in one sentence, and
what to do, instead of showing an empty table; the list comes back once there is something."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QPushButton

from netdesk.core import importing
from netdesk.qt import i18n
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs.job_changes_dialog import JobChangesDialog
from netdesk.ui.dialogs.warm_paths_dialog import WarmPathsDialog
from tests.helpers.people import person
from tests.ui.test_job_changes_dialog import exports  # noqa: F401 - two LinkedIn exports


@pytest.fixture
def workers(qtbot):
    """The window's background workers, which the dialogs borrow."""
    pool = Workers()
    yield pool
    pool.shutdown()


def sentences(dialog) -> list[str]:
    """The text a user sees in the dialog's labels, each label tall enough for all its lines
    once the layout has settled (a label that just changed is laid out on a later turn)."""
    shown = [label for label in dialog.findChildren(QLabel) if label.isVisible()]

    def tall_enough(label: QLabel) -> bool:
        return label.height() >= label.heightForWidth(label.width())

    deadline = time.monotonic() + 5
    while not all(map(tall_enough, shown)) and time.monotonic() < deadline:
        QApplication.processEvents()
    for label in shown:
        assert tall_enough(label), label.text()
    return [label.text() for label in shown]


def boxes(dialog) -> list[QAbstractScrollArea]:
    """Tables, lists and scrolled areas on screen (a table's header is part of its table)."""
    areas = dialog.findChildren(QAbstractScrollArea)
    return [a for a in areas if a.isVisible() and a.parentWidget() not in areas]


def buttons(dialog) -> list[str]:
    return [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]


def loaded(qtbot, dialog, action) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        action()


# --- Who moved on… -------------------------------------------------------------------------------


def test_who_moved_on_with_nothing_waiting_is_one_sentence_not_an_empty_table(
    store, make_window, qtbot
):
    window = make_window()
    window.act_moved_on.trigger()
    dialog = window.findChild(JobChangesDialog, "job_changes_dialog")
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    assert boxes(dialog) == []
    [sentence] = sentences(dialog)
    assert sentence.startswith("Nobody moved on: no changes are waiting.")
    assert "Import a newer export" in sentence  # what brings changes here
    assert buttons(dialog) == ["Close"]  # nothing to accept or reject


def test_the_list_comes_back_when_changes_wait_and_goes_when_they_are_decided(
    store,
    exports,  # noqa: F811 - the fixture imported above
    workers,
    qtbot,
):
    i18n.install()  # as the window does: "%n change(s)" reads "4 changes"
    stack = QUndoStack()
    dialog = JobChangesDialog(None, workers, stack)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    assert boxes(dialog) == []
    importing.apply(importing.plan_file(exports[0]))
    importing.apply(importing.plan_file(exports[1]))
    loaded(qtbot, dialog, dialog.reload)
    assert boxes(dialog) == [dialog.changes] and dialog.changes.topLevelItemCount() == 3
    assert "4 changes waiting for your word." in sentences(dialog)
    assert {"Accept", "Reject", "Accept all", "Reject all"} <= {
        text.replace("&", "") for text in buttons(dialog)
    }
    loaded(qtbot, dialog, dialog.reject_all_button.click)
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    assert boxes(dialog) == []
    [sentence] = sentences(dialog)
    assert sentence.startswith("Nobody moved on")
    loaded(qtbot, dialog, stack.undo)  # taken back: the list again
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    assert boxes(dialog) == [dialog.changes]


# --- Who can introduce me… -----------------------------------------------------------------------


@pytest.fixture
def jamal(store) -> int:
    return person("Jamal Reyes", org="Lumen", title="Data Lead")


def open_paths(qtbot, workers) -> WarmPathsDialog:
    i18n.install()  # "%n path(s)" reads "1 path"
    dialog = WarmPathsDialog(None, workers)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_who_can_introduce_me_asks_for_a_name_in_one_sentence_without_an_empty_box(
    jamal, qtbot, workers
):
    dialog = open_paths(qtbot, workers)
    assert boxes(dialog) == []
    [sentence] = sentences(dialog)
    assert sentence.startswith("Type an organisation or a role.")
    assert "who among your people can introduce you" in sentence


def test_no_path_says_why_and_what_to_try_and_paths_bring_the_list_back(jamal, qtbot, workers):
    dialog = open_paths(qtbot, workers)
    loaded(qtbot, dialog, lambda: dialog.search("Nowhere Ltd"))
    assert boxes(dialog) == []
    [sentence] = sentences(dialog)
    assert sentence.startswith("Nobody at or working as “Nowhere Ltd” among your people. Try")
    loaded(qtbot, dialog, lambda: dialog.search("Lumen"))
    assert boxes(dialog) == [dialog.scroll]
    assert dialog.lines() == [
        "You → Jamal Reyes (no conversation logged) — Jamal is a Data Lead at Lumen"
    ]
    assert "1 path to 1 person, warmest first." in sentences(dialog)
    loaded(qtbot, dialog, lambda: dialog.search(""))
    assert boxes(dialog) == []
