"""Every item of every menu of the window can be reached with Alt and a letter: each has exactly
one mnemonic, no other item of its menu has the same, and the shortcuts stay as they were."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QMenu

from netdesk.core import follow_ups, settings
from netdesk.qt.due_model import Role
from netdesk.qt.sidebar_model import Kind
from tests.helpers.people import person

TODAY = dt.date.today()


def standard(key: QKeySequence.StandardKey) -> str:
    return QKeySequence(key).toString()


def shortcuts_before() -> dict[str, str]:
    """The shortcuts before the mnemonics were added: none may change. (A platform's standard
    keys are known once the application exists.)"""
    key = QKeySequence.StandardKey
    return {
        "act_new": standard(key.New),
        "act_edit": "Ctrl+E",
        "act_log": "Ctrl+L",
        "act_favour": "Ctrl+Shift+F",
        "act_follow_up": "Ctrl+R",
        "act_prep": "Ctrl+Shift+P",
        "act_event": "Ctrl+Shift+E",
        "act_archive": "Ctrl+Shift+A",
        "act_unarchive": "",
        "act_delete": standard(key.Delete),
        "act_merge": "Ctrl+M",
        "act_duplicates": "",
        "act_warm_paths": "",
        "act_introduce": "Ctrl+Shift+I",
        "act_ways_to_help": "",
        "act_triage": "",
        "act_import": "Ctrl+I",
        "act_export": "Ctrl+Shift+S",
        "act_import_calendar": "",
        "act_backup": "",
        "act_sync": "Ctrl+Shift+Y",
        "act_sync_conflicts": "",
        "act_settings": "Ctrl+,",
        "act_quit": standard(key.Quit),
        "act_find": standard(key.Find),
        "act_save_search": "Ctrl+Shift+L",
        "act_shortcuts": "Ctrl+/",
        "act_about": "",
        "act_moved_on": "",
        "act_network": "Ctrl+Shift+N",
        "act_network_picture": "Ctrl+Shift+G",
        "act_undo": standard(key.Undo),
        "act_redo": standard(key.Redo),
    }


def mnemonics(text: str) -> list[str]:
    """The letters marked with "&" ("&&" is a literal ampersand)."""
    return [letter.casefold() for letter in re.findall("&(.)", text.replace("&&", ""))]


def items(menu: QMenu) -> list[QAction]:
    return [action for action in menu.actions() if not action.isSeparator()]


def assert_each_has_its_own_mnemonic(menu: QMenu) -> None:
    seen: dict[str, str] = {}
    for action in items(menu):
        marks = mnemonics(action.text())
        assert len(marks) == 1, f"{action.text()!r} in {menu.title() or menu.objectName()!r}"
        assert marks[0] not in seen, f"{action.text()!r} and {seen[marks[0]]!r} share one"
        seen[marks[0]] = action.text()


@pytest.fixture
def due_window(make_window, qtbot):
    """A window with someone due today twice over (two kinds of line menu) and a smart list
    (its menu in the sidebar)."""
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    settings.put("quiet_end", "")
    ana = person("Ana Lima", org="Fjordlight", cadence_days=30, met_on=TODAY - dt.timedelta(40))
    follow_ups.add(ana, TODAY, "Send the deck")
    window = make_window()
    window.person_actions.save_smart_list("Fjordlight people", "fjordlight")
    qtbot.waitUntil(lambda: any(e.kind is Kind.SMART for e in window.sidebar_model.entries()))
    return window


def test_every_menu_of_the_window_gives_each_item_one_mnemonic_of_its_own(due_window, qtbot):
    window = due_window
    bar = [action.menu() for action in window.menuBar().actions()]
    assert [menu.title() for menu in bar] == [
        "&File",
        "&Edit",
        "&View",
        "&Person",
        "&Tools",
        "&Help",
    ]
    assert_each_has_its_own_mnemonic(window.menuBar())
    # the menu bar's menus, the Today list's Snooze button's, and those made on a right click
    people_menu = window.menus.show_people_menu(QPoint(5, 5))
    today = window.today
    qtbot.waitUntil(lambda: today.model().rowCount() == 2)  # keep in touch, the follow-up
    line_menus = [today.item_menu(today.model().index(row, 0).data(Role.ITEM)) for row in (0, 1)]
    sidebar = window.sidebar
    smart = next(e for e in window.sidebar_model.entries() if e.kind is Kind.SMART)
    row = sidebar.sidebar_model.row_of(smart.key)
    place = sidebar.visualRect(sidebar.sidebar_model.index(row, 0)).center()
    sidebar.customContextMenuRequested.emit(place)
    menus = set(window.findChildren(QMenu)) | {people_menu, *line_menus}
    assert {menu.objectName() for menu in menus} >= {
        "menu_view",
        "people_menu",
        "today_menu",
        "today_snooze_menu",
    }
    assert len(menus) >= len(bar) + 5  # the sidebar's menu too
    for menu in menus:
        assert items(menu), menu.objectName()
        assert_each_has_its_own_mnemonic(menu)
    people_menu.close()


def test_the_shortcuts_are_the_ones_they_were(window):
    before = shortcuts_before()
    now = {name: window.findChild(QAction, name).shortcut().toString() for name in before}
    assert now == before


def test_undo_and_redo_name_the_command_with_its_ampersand_shown_as_typed(window):
    assert window.act_undo.text() == "&Undo" and not window.act_undo.isEnabled()
    window.undo_stack.push(QUndoCommand("Edit Smith & Co"))
    assert window.act_undo.text() == "&Undo Edit Smith && Co"  # shows "Undo Edit Smith & Co"
    assert mnemonics(window.act_undo.text()) == ["u"]
    assert window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    window.act_undo.trigger()
    assert window.undo_stack.index() == 0
    assert window.act_undo.text() == "&Undo" and not window.act_undo.isEnabled()
    assert window.act_redo.text() == "&Redo Edit Smith && Co" and window.act_redo.isEnabled()
    window.act_redo.trigger()
    assert window.undo_stack.index() == 1


def test_labels_made_at_run_time_get_distinct_mnemonics():
    from netdesk.ui.views.today_view import with_mnemonics

    assert with_mnemonics(["For an hour", "Until tomorrow", "For a week"]) == [
        "&For an hour",
        "&Until tomorrow",
        "For a &week",
    ]
    assert with_mnemonics(["Done", "Dismiss", "A & B"]) == ["&Done", "D&ismiss", "&A && B"]
