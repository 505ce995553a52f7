"""Today as a to-do list: every line has Done, Log, Snooze and Open, as buttons on the line under
the pointer (else the selected one) and in its context menu. Done and Snooze write what the tray
writes, so the reminders service agrees with the list."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from netdesk.core import follow_ups, interactions, reminder_log, settings
from netdesk.core.due import DueItem
from netdesk.reminders.scheduler import Scheduler
from netdesk.ui.dialogs import interaction_dialog
from netdesk.ui.dialogs.interaction_dialog import InteractionDialog
from netdesk.values import DueKind
from tests.helpers.people import person

TODAY = dt.date.today()


class Clock:
    def now(self) -> dt.datetime:
        return dt.datetime.now()


@pytest.fixture
def ana(store) -> int:
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    settings.put("quiet_end", "")
    return person("Ana Lima", cadence_days=30, met_on=TODAY - dt.timedelta(days=40))


def open_today(window, qtbot):
    assert window.sidebar.select_key("today")
    qtbot.waitUntil(lambda: window.center.currentWidget() is window.today)
    qtbot.waitUntil(lambda: window.today.week.loaded)  # the week's plan above moves the lines
    return window.today


def lines(window) -> list[tuple[str, DueKind]]:
    model = window.due_model
    return [(model.item(r).name, model.item(r).kind) for r in range(model.rowCount())]


def select_first(view) -> DueItem:
    view.setCurrentIndex(view.model().index(0, 0))
    return view.currentIndex().data(Qt.ItemDataRole.UserRole + 1)


def test_the_selected_line_shows_done_log_snooze_and_open(make_window, qtbot, ana):
    view = open_today(make_window(), qtbot)
    assert not view.buttons.isVisible()
    select_first(view)
    buttons = view.buttons
    assert buttons.isVisible()
    assert [b.text() for b in (buttons.done, buttons.log, buttons.snooze, buttons.open)] == [
        "Done",
        "Log…",
        "Snooze",
        "Open",
    ]
    row = view.visualRect(view.currentIndex())
    assert row.contains(buttons.geometry())  # over its own line


def test_the_buttons_follow_the_pointer(make_window, qtbot, ana):
    follow_ups.add(ana, TODAY, "Send the deck")
    ben = person("Ben Okafor", cadence_days=30, met_on=TODAY - dt.timedelta(days=50))
    window = make_window()
    view = open_today(window, qtbot)
    assert len(lines(window)) == 3
    select_first(view)
    second = view.visualRect(view.model().index(1, 0))
    qtbot.mouseMove(view.viewport(), second.center())
    qtbot.waitUntil(lambda: second.contains(view.buttons.geometry()))
    assert view.action_item() == view.model().index(1, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert ben


def test_done_logs_that_i_got_in_touch_and_the_line_leaves(make_window, qtbot, ana):
    window = make_window()
    view = open_today(window, qtbot)
    assert lines(window) == [("Ana Lima", DueKind.KEEP_IN_TOUCH)]
    select_first(view)
    qtbot.mouseClick(view.buttons.done, Qt.MouseButton.LeftButton)
    [logged] = interactions.timeline(ana)
    assert logged.summary == "Got in touch (from a reminder)"
    qtbot.waitUntil(lambda: lines(window) == [])
    assert window.center.currentWidget() is window.nobody  # "Nothing is due"


def test_snooze_hides_the_line_until_tomorrow_and_the_reminders_agree(make_window, qtbot, ana):
    window = make_window()
    view = open_today(window, qtbot)
    item = select_first(view)
    qtbot.mouseClick(view.buttons.snooze, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lines(window) == [])
    now = dt.datetime.now()
    [state] = reminder_log.classify([item], now).values()
    assert state is reminder_log.State.SNOOZED
    assert Scheduler(Clock()).run() == []  # the service says nothing about Ana now
    tomorrow_morning = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(9, 0))
    assert reminder_log.next_snooze_end(now) == tomorrow_morning
    assert "snoozed until" in window.statusBar().currentMessage()


def test_snooze_for_an_hour_from_the_button_s_menu(make_window, qtbot, ana):
    window = make_window()
    view = open_today(window, qtbot)
    select_first(view)
    menu = view.buttons.snooze.menu()
    [hour] = [a for a in menu.actions() if a.objectName() == "today_snooze_hour"]
    hour.trigger()
    qtbot.waitUntil(lambda: lines(window) == [])
    end = reminder_log.next_snooze_end(dt.datetime.now())
    assert end is not None and end - dt.datetime.now() <= dt.timedelta(hours=1)


def test_log_opens_the_log_interaction_editor_with_the_person_filled_in(
    make_window, qtbot, ana, monkeypatch
):
    window = make_window()
    view = open_today(window, qtbot)
    select_first(view)
    seen = {}

    def ask(parent, people):  # the real editor, answered instead of run modally
        dialog = InteractionDialog(parent, people)
        seen["people"] = dialog.participants.people()
        dialog.summary.setText("Coffee by the harbour")
        return dialog.draft()

    monkeypatch.setattr(interaction_dialog, "ask", ask)
    qtbot.mouseClick(view.buttons.log, Qt.MouseButton.LeftButton)
    assert seen["people"] == [ana]
    assert [i.summary for i in interactions.timeline(ana)] == ["Coffee by the harbour"]
    qtbot.waitUntil(lambda: lines(window) == [])  # the contact resets Ana's clock


def test_open_shows_the_person_with_everyone(make_window, qtbot, ana):
    window = make_window()
    view = open_today(window, qtbot)
    select_first(view)
    qtbot.mouseClick(view.buttons.open, Qt.MouseButton.LeftButton)
    assert window.sidebar.current_key() == "all"
    assert window.table.current_person() == ana
    assert window.current_person() == ana


def test_the_context_menu_offers_the_tray_s_choices_and_marks_a_follow_up_done(
    make_window, qtbot, ana
):
    follow_ups.add(ana, TODAY - dt.timedelta(days=1), "Send the deck")
    window = make_window()
    view = open_today(window, qtbot)
    follow_up_row = next(
        r for r, (_n, kind) in enumerate(lines(window)) if kind is DueKind.FOLLOW_UP
    )
    where = view.visualRect(view.model().index(follow_up_row, 0)).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where)
    )
    QApplication.sendEvent(view.viewport(), event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Done", "&Log an interaction…", "&Snooze", "&Open"]
    [done] = [a for a in menu.actions() if a.objectName() == "today_menu_done"]
    done.trigger()
    menu.close()
    assert follow_ups.due_by(TODAY) == []
    qtbot.waitUntil(lambda: lines(window) == [("Ana Lima", DueKind.KEEP_IN_TOUCH)])


def test_keep_in_touch_can_be_dismissed_from_the_menu_without_logging(make_window, qtbot, ana):
    window = make_window()
    view = open_today(window, qtbot)
    item = select_first(view)
    menu = view.item_menu(item)
    labels = [a.text() for a in menu.actions() if a.objectName() == "today_menu_done"]
    assert labels == ["&I got in touch (log it)", "&Dismiss"]
    menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: lines(window) == [])
    assert interactions.timeline(ana) == []
    menu.deleteLater()


def test_a_failed_write_is_one_sentence_and_the_line_stays(make_window, qtbot, ana, monkeypatch):
    from netdesk.reminders import actions

    window = make_window()
    view = open_today(window, qtbot)
    select_first(view)

    def full_disk(*_args, **_kwargs):  # a full disk cannot be made on demand here
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(actions, "complete", full_disk)
    window.today.done_current()
    box = window.findChild(QMessageBox, "error_box")
    assert box.text() == "The disk is full: nothing was saved."
    assert lines(window) == [("Ana Lima", DueKind.KEEP_IN_TOUCH)]


def test_the_point_of_the_menu_is_a_line(make_window, qtbot, ana):
    """Right-clicking below the last line offers nothing."""
    window = make_window()
    view = open_today(window, qtbot)
    below = QPoint(10, view.viewport().height() - 2)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, below, view.mapToGlobal(below))
    QApplication.sendEvent(view.viewport(), event)
    assert QApplication.activePopupWidget() is None


def test_a_snoozed_line_comes_back_when_its_snooze_ends(make_window, qtbot, ana):
    """Snoozed here or in the tray: Today counts again when the snooze ends, with no other
    change to wake it."""
    window = make_window()
    view = open_today(window, qtbot)
    item = select_first(view)
    now = dt.datetime.now()
    reminder_log.snooze([item], now + dt.timedelta(seconds=2), now)
    qtbot.waitUntil(lambda: lines(window) == [])
    qtbot.waitUntil(lambda: lines(window) == [("Ana Lima", DueKind.KEEP_IN_TOUCH)])
