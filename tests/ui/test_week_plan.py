"""Today's "This week": the plan's people at the top, each with the reason, and Log, Snooze,
Done and Open that do what they say, by mouse or keyboard; names stay plain text; the size is a
setting."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox

from netdesk.core import interactions, settings, week
from netdesk.core.interactions import InteractionDraft
from netdesk.db.models import ReminderLog
from netdesk.ui.dialogs import interaction_dialog
from netdesk.ui.dialogs.interaction_dialog import InteractionDialog
from netdesk.ui.dialogs.settings_dialog import SettingsDialog
from netdesk.ui.views.week_plan import WeekPlanSection
from tests.helpers.people import person

TODAY = dt.date.today()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def people(store) -> dict[str, int]:
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    settings.put("quiet_end", "")
    ids = {
        "olga": person("Olga Berg", nurture=True, cadence_days=30),
        "omar": person("Omar Haddad", nurture=True, cadence_days=30),
        "fay": person("Fay Quist", circles=["Family"]),
    }
    interactions.log(InteractionDraft(ago(40), people=[ids["olga"]]))
    interactions.log(InteractionDraft(ago(35), people=[ids["omar"]]))
    return ids


def open_today(window, qtbot):
    assert window.sidebar.select_key("today")
    qtbot.waitUntil(lambda: window.center.currentWidget() is window.today)
    qtbot.waitUntil(lambda: window.today.week.loaded)
    return window.today


def names(view) -> list[str]:
    return [row.name.text() for row in view.week.rows]


def test_this_week_sits_above_the_due_list_with_each_reason(make_window, qtbot, people):
    view = open_today(make_window(), qtbot)
    week_section = view.week
    assert week_section.isVisible()
    assert week_section.title.text() == "This week"
    assert [(row.name.text(), row.reason.text()) for row in week_section.rows] == [
        ("Olga Berg", f"Overdue by 10 days (every month; last contact {long(ago(40))})"),
        ("Omar Haddad", f"Overdue by 5 days (every month; last contact {long(ago(35))})"),
        ("Fay Quist", "Family circle: start with people you know (no contact logged yet)"),
    ]
    assert view.viewportMargins().top() == week_section.height() > 0
    assert week_section.geometry().bottom() < view.viewport().geometry().top()
    assert view.model().rowCount() == 2  # Olga and Omar are due as well, in the list below


def test_a_plan_shows_today_when_nothing_is_due_and_none_says_so(make_window, qtbot, store):
    person("Fay Quist", circles=["Family"])
    window = make_window()
    view = open_today(window, qtbot)
    assert names(view) == ["Fay Quist"]
    assert view.model().rowCount() == 0
    qtbot.mouseClick(view.week.rows[0].done, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.center.currentWidget() is window.nobody)
    assert window.nobody.label.text() == "Nothing is due. Enjoy your day."


def test_done_leaves_the_plan_for_this_week(make_window, qtbot, people):
    window = make_window()
    view = open_today(window, qtbot)
    qtbot.mouseClick(view.week.rows[0].done, Qt.MouseButton.LeftButton)
    assert names(view) == ["Omar Haddad", "Fay Quist"]  # at once, and the next load agrees
    assert [i.name for i in week.plan(today=TODAY, size=5)] == ["Omar Haddad", "Fay Quist"]
    assert window.statusBar().currentMessage() == "Done for this week: Olga Berg"
    [row] = ReminderLog.select().where(ReminderLog.kind == week.LOG_KIND)
    assert (row.person_id, row.due, row.snoozed_until) == (
        people["olga"],
        week.week_start(TODAY),
        None,
    )


def test_snooze_leaves_the_plan_for_a_week(make_window, qtbot, people):
    window = make_window()
    view = open_today(window, qtbot)
    qtbot.mouseClick(view.week.rows[1].snooze, Qt.MouseButton.LeftButton)
    assert names(view) == ["Olga Berg", "Fay Quist"]
    back = TODAY + dt.timedelta(days=7)
    [row] = ReminderLog.select().where(ReminderLog.kind == week.LOG_KIND)
    assert (row.person_id, row.snoozed_until) == (
        people["omar"],
        dt.datetime.combine(back, dt.time()),
    )
    assert [i.name for i in week.plan(today=back, size=5)][:2] == ["Olga Berg", "Omar Haddad"]
    assert window.statusBar().currentMessage() == (
        f"Omar Haddad is off this week's plan until {back:%a %d %b}"
    )


def test_log_opens_the_log_interaction_editor_for_that_person(
    make_window, qtbot, people, monkeypatch
):
    window = make_window()
    view = open_today(window, qtbot)
    seen = {}

    def ask(parent, chosen):  # the real editor, answered instead of run modally
        dialog = InteractionDialog(parent, chosen)
        seen["people"] = dialog.participants.people()
        dialog.summary.setText("Call about the move")
        return dialog.draft()

    monkeypatch.setattr(interaction_dialog, "ask", ask)
    qtbot.mouseClick(view.week.rows[1].log, Qt.MouseButton.LeftButton)
    assert seen["people"] == [people["omar"]]
    assert interactions.timeline(people["omar"])[0].summary == "Call about the move"
    qtbot.waitUntil(lambda: names(view) == ["Olga Berg", "Fay Quist"])  # no longer overdue


def test_open_selects_the_person(make_window, qtbot, people):
    window = make_window()
    view = open_today(window, qtbot)
    qtbot.mouseClick(view.week.rows[2].open, Qt.MouseButton.LeftButton)
    assert window.sidebar.current_key() == "all"
    assert window.table.current_person() == people["fay"]
    assert window.current_person() == people["fay"]


def test_the_buttons_are_reached_with_tab_named_and_pressed_with_space(make_window, qtbot, people):
    window = make_window()
    view = open_today(window, qtbot)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.setFocus()
    first = view.week.rows[0]
    reached = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == [first.log, first.snooze, first.done, first.open]
    assert [b.accessibleName() for b in reached] == [
        "Log an interaction with Olga Berg",
        "Snooze Olga Berg for a week",
        "Done with Olga Berg for this week",
        "Open Olga Berg",
    ]
    first.done.setFocus()
    qtbot.keyClick(first.done, Qt.Key.Key_Space)
    assert names(view) == ["Omar Haddad", "Fay Quist"]
    assert QApplication.focusWidget() is view.week.rows[0].done  # Omar's: the keys stay here


def test_the_number_of_people_is_a_setting(make_window, qtbot, people):
    window = make_window()
    view = open_today(window, qtbot)
    assert len(view.week.rows) == 3
    dialog = SettingsDialog(window, window.db_path, window.workers)
    spin = dialog.findChild(QSpinBox, "people_per_week")
    assert spin.value() == 5
    spin.setValue(2)
    dialog.apply()
    assert settings.people_per_week() == 2
    qtbot.waitUntil(lambda: names(view) == ["Olga Berg", "Omar Haddad"])
    spin.setValue(0)  # no plan: the section goes
    dialog.apply()
    qtbot.waitUntil(lambda: not view.week.isVisible())
    assert view.viewportMargins().top() == 0
    dialog.deleteLater()


def test_one_person_a_week_is_said_in_the_singular(make_window, qtbot, people):
    window = make_window()
    dialog = SettingsDialog(window, window.db_path, window.workers)
    spin = dialog.findChild(QSpinBox, "people_per_week")
    spin.setValue(1)
    assert spin.text() == "1 person"
    spin.setValue(3)
    assert spin.text() == "3 people"
    lead = dialog.lead_days
    lead.setValue(1)
    assert lead.text() == "1 day before"
    dialog.deleteLater()


def test_names_and_reasons_are_plain_text(make_window, qtbot, store):
    marked = person('<b>Olga</b><img src="no-such-picture.png">', nurture=True, cadence_days=7)
    interactions.log(InteractionDraft(ago(30), summary="x", people=[marked]))
    view = open_today(make_window(), qtbot)
    [row] = view.week.rows
    assert row.name.textFormat() == row.reason.textFormat() == Qt.TextFormat.PlainText
    assert row.name.text() == '<b>Olga</b><img src="no-such-picture.png">'
    assert (
        row.done.accessibleName()
        == 'Done with <b>Olga</b><img src="no-such-picture.png"> for this week'
    )


LONG_NAME = "Maximiliane Alexandra Wolkenstein-Rodeneck von Hohenberg-Lichtenstein"


def shown_section(qtbot, *names: str) -> WeekPlanSection:
    section = WeekPlanSection()
    qtbot.addWidget(section)
    reason = "Overdue by 40 days (every 30 days)"
    section.set_items(
        [week.PlanItem(n, name, reason, week.PlanKind.OVERDUE) for n, name in enumerate(names, 1)]
    )
    section.resize(560, 400)  # a 1280-pixel window's list column
    section.show()
    qtbot.waitExposed(section)
    return section


def test_a_long_name_wraps_rather_than_being_cut(qtbot):
    section = shown_section(qtbot, LONG_NAME)
    (row,) = section.rows
    name = row.name
    assert name.fontMetrics().horizontalAdvance(LONG_NAME) > name.width()  # one line is cut
    assert name.height() >= name.heightForWidth(name.width()) > name.fontMetrics().height()


def test_a_right_to_left_name_starts_where_its_reason_does(qtbot):
    section = shown_section(qtbot, "דוד כהן")
    (row,) = section.rows
    image = row.name.grab().toImage()
    background = image.pixelColor(image.width() - 1, 0)
    inked = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != background for y in range(image.height()))
    ]
    assert inked and inked[0] < 10 and inked[-1] < image.width() / 2  # Qt put it on the right
