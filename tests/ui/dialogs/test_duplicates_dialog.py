"""Find duplicates: pairs loaded on a worker thread, merge requests, dismissals that last."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from netdesk.core import dedupe, merge
from netdesk.qt import i18n
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs.duplicates_dialog import DuplicatesDialog, load_pairs
from tests.helpers.people import person


@pytest.fixture
def workers(qtbot):
    """The window's background workers, which the dialog borrows."""
    pool = Workers()
    yield pool
    pool.shutdown()


def open_dialog(qtbot, workers: Workers) -> DuplicatesDialog:
    i18n.install()  # as the window does: "%n pair(s)" reads "1 pair", "2 pairs"
    dialog = DuplicatesDialog(None, workers, autoload=False)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.reload()
    return dialog


def test_pairs_are_listed_with_reasons_and_details(store, qtbot, workers):
    a = person("Ana Souza", email="ana@fjordlight.example", org="Fjordlight")
    b = person("Ana S.", email="ANA@fjordlight.example", phone="+47 912 34 567")
    person("Ben Okafor", email="ben@tidewater.example")
    dialog = open_dialog(qtbot, workers)
    assert dialog.pair_list() == [(a, b)]
    item = dialog.pairs.topLevelItem(0)
    assert item.text(0) == "Ana Souza\nFjordlight\nana@fjordlight.example"
    assert item.text(1) == "Ana S.\nANA@fjordlight.example · +47 912 34 567"
    assert item.text(2) == "same email ana@fjordlight.example"
    assert dialog.status.text() == "1 pair that may be the same person."
    assert dialog.merge_button.isEnabled() and dialog.dismiss_button.isEnabled()


def test_merge_button_asks_the_window_to_merge(store, qtbot, workers):
    a = person("Ana Souza", email="ana@fjordlight.example")
    b = person("Ana Souza", email="ana@fjordlight.example")
    dialog = open_dialog(qtbot, workers)
    with qtbot.waitSignal(dialog.merge_requested) as signal:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert signal.args == [a, b]
    # what the window does next: merge, then refresh the list
    merge.merge(a, b, {})
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.reload()
    assert dialog.pair_list() == []
    assert dialog.status.text() == "No likely duplicates. Everyone appears once."
    assert not dialog.merge_button.isEnabled()


def test_not_the_same_person_is_remembered(store, qtbot, workers):
    a = person("Kim Park", phone="+47 912 34 567")
    b = person("Kim Park", phone="+4791234567")
    c = person("Lea Moreau", email="lea@verdant.example")
    d = person("Lea Moreau", email="lea@verdant.example")
    dialog = open_dialog(qtbot, workers)
    assert set(dialog.pair_list()) == {(a, b), (c, d)}
    first = dialog.current_pair()
    qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    assert dedupe.is_dismissed(*first)
    assert first not in dialog.pair_list() and len(dialog.pair_list()) == 1
    again = open_dialog(qtbot, workers)
    assert first not in again.pair_list()
    assert [(r.a.id, r.b.id) for r in load_pairs()] == again.pair_list()


def test_close_while_loading_is_safe(store, qtbot, workers):
    person("Ana Souza", email="ana@fjordlight.example")
    person("Ana Souza", email="ana@fjordlight.example")
    dialog = DuplicatesDialog(None, workers)  # starts loading at once
    qtbot.addWidget(dialog)
    assert dialog.is_loading()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_loading()
    assert workers.wait(10_000)
    QCoreApplication.sendPostedEvents()  # deliver the finished worker's queued result
    assert dialog.pairs.topLevelItemCount() == 0  # the late result was not shown
