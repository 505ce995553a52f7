"""The people list's Health column (the one status badge, drifting included): words from the
rule, sorted in SQL by a header click."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

from netdesk.core import interactions
from netdesk.core.interactions import InteractionDraft
from netdesk.qt.people_model import Column
from tests.helpers.people import person


def days_ago(days: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=days)


def five_states() -> list[int]:
    """One person per state, worst first."""
    ids = [
        person("Dora Drift", circles=["Family"]),  # 14-day rhythm, silent 29 days
        person("Oscar Late", circles=["Friends"]),  # 30 days, silent 40
        person("Sam Soon", circles=["Friends"]),  # 30 days, silent 25
        person("Olga Fine", circles=["Friends"]),  # 30 days, silent 2
        person("Nina None"),
    ]
    for pid, silent in zip(ids, (29, 40, 25, 2, 300), strict=True):
        interactions.log(InteractionDraft(when=days_ago(silent), people=[pid]))
    return ids


def click_header(qtbot, table: QTableView, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def column_texts(table: QTableView, column: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    model = table.model()
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def test_health_column_sorts_worst_first_and_back(make_window, qtbot):
    ids = five_states()
    window = make_window()
    window.resize(1600, 800)
    table = window.table
    assert table.model().headerData(Column.HEALTH, Qt.Orientation.Horizontal) == "Health"
    assert not table.horizontalHeader().isSectionHidden(Column.HEALTH)
    click_header(qtbot, table, Column.HEALTH)
    qtbot.waitUntil(lambda: table.people_model.query.sort.value == "health")
    assert [table.people_model.person_id(r) for r in range(5)] == ids
    assert column_texts(table, Column.HEALTH) == [
        "Drifting",
        "Overdue",
        "Due soon",
        "On track",
        "No rhythm",
    ]
    assert column_texts(table, Column.HEALTH, Qt.ItemDataRole.ToolTipRole)[0] == (
        "No contact for more than twice their rhythm (or a year, for someone you nurture)"
    )
    click_header(qtbot, table, Column.HEALTH)
    qtbot.waitUntil(lambda: table.people_model.query.descending)
    assert [table.people_model.person_id(r) for r in range(5)] == ids[::-1]


def test_a_list_layout_saved_before_the_health_column_still_shows_it(make_window, settings, qtbot):
    old = QTableView()
    qtbot.addWidget(old)
    old.setModel(QStandardItemModel(0, 6, old))  # the six columns the list had before
    old.setColumnWidth(1, 170)
    settings.setValue("people/header", old.horizontalHeader().saveState())
    five_states()  # with nobody stored the window shows its welcome instead of the list
    window = make_window()
    window.resize(1600, 800)
    header = window.table.horizontalHeader()
    qtbot.waitUntil(lambda: not header.isSectionHidden(Column.HEALTH))
    assert header.count() == len(Column)
    assert header.sectionSize(Column.ORGANIZATION) == 170  # the saved layout was applied
    assert header.sectionSize(Column.HEALTH) >= header.minimumSectionSize()
