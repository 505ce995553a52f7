"""Ctrl+Z after Today's Done or Snooze, and after the week plan's Done or Snooze, brings the
item back (and reopens what Done completed), in the real window over a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from netdesk.core import follow_ups, interactions, settings, week
from netdesk.core.interactions import InteractionDraft
from netdesk.db.models import ReminderLog
from netdesk.values import DueKind
from tests.helpers.people import person
from tests.ui.test_today import lines, open_today, select_first

TODAY = dt.date.today()


@pytest.fixture
def ana(store) -> int:
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    settings.put("quiet_end", "")
    return person("Ana Lima", cadence_days=30, met_on=TODAY - dt.timedelta(days=40))


def plan_names(view) -> list[str]:
    return [row.name.text() for row in view.week.rows]


def test_undo_of_done_deletes_the_contact_it_logged_and_the_line_comes_back(
    make_window, qtbot, ana
):
    window = make_window()
    view = open_today(window, qtbot)
    select_first(view)
    qtbot.mouseClick(view.buttons.done, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lines(window) == [])
    assert window.undo_stack.undoText() == "Done: Ana Lima"

    window.act_undo.trigger()
    assert interactions.timeline(ana) == []
    assert ReminderLog.select().count() == 0
    qtbot.waitUntil(lambda: lines(window) == [("Ana Lima", DueKind.KEEP_IN_TOUCH)])

    window.act_redo.trigger()
    assert len(interactions.timeline(ana)) == 1
    qtbot.waitUntil(lambda: lines(window) == [])


def test_undo_of_done_reopens_a_follow_up(make_window, qtbot, ana):
    reminder = follow_ups.add(ana, TODAY - dt.timedelta(days=1), "Send the deck")
    window = make_window()
    view = open_today(window, qtbot)
    item = next(
        view.model().item(r)
        for r in range(view.model().rowCount())
        if view.model().item(r).kind is DueKind.FOLLOW_UP
    )
    view.done_requested.emit(item, False)
    assert follow_ups.due_by(TODAY) == []
    window.act_undo.trigger()
    assert [f.ref for f in follow_ups.due_by(TODAY)] == [reminder]
    qtbot.waitUntil(lambda: ("Ana Lima", DueKind.FOLLOW_UP) in lines(window))


def test_undo_of_snooze_brings_the_line_back(make_window, qtbot, ana):
    window = make_window()
    view = open_today(window, qtbot)
    select_first(view)
    qtbot.mouseClick(view.buttons.snooze, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lines(window) == [])
    assert window.undo_stack.undoText() == "Snooze Ana Lima"
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: lines(window) == [("Ana Lima", DueKind.KEEP_IN_TOUCH)])


def test_undo_leaves_a_reminder_acted_on_since(make_window, qtbot, ana):
    window = make_window()
    view = open_today(window, qtbot)
    item = select_first(view)
    qtbot.mouseClick(view.buttons.snooze, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lines(window) == [])
    from netdesk.core import reminder_log

    reminder_log.dismiss([item], dt.datetime.now())  # dismissed from the tray meanwhile
    window.act_undo.trigger()
    assert window.statusBar().currentMessage() == (
        "Nothing was undone: “Snooze Ana Lima” changed meanwhile."
    )
    assert ReminderLog.get().dismissed_at is not None


@pytest.mark.parametrize("button", ["done", "snooze"])
def test_undo_puts_someone_back_on_this_week_s_plan(make_window, qtbot, store, button):
    olga = person("Olga Berg", nurture=True, cadence_days=30)
    interactions.log(InteractionDraft(TODAY - dt.timedelta(days=40), people=[olga]))
    person("Fay Quist", circles=["Family"])
    window = make_window()
    view = open_today(window, qtbot)
    assert plan_names(view) == ["Olga Berg", "Fay Quist"]
    qtbot.mouseClick(getattr(view.week.rows[0], button), Qt.MouseButton.LeftButton)
    assert plan_names(view) == ["Fay Quist"]

    window.act_undo.trigger()
    assert ReminderLog.select().where(ReminderLog.kind == week.LOG_KIND).count() == 0
    qtbot.waitUntil(lambda: plan_names(view) == ["Olga Berg", "Fay Quist"])
    window.act_redo.trigger()
    qtbot.waitUntil(lambda: plan_names(view) == ["Fay Quist"])
