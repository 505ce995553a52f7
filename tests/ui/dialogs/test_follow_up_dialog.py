"""Set a follow-up: quick choices, a free date and the note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from netdesk.ui.dialogs import follow_up_dialog
from netdesk.ui.dialogs.dates import to_qdate
from netdesk.ui.dialogs.follow_up_dialog import FollowUpDialog, add_months, quick_dates
from tests.helpers.people import person


def test_quick_choices_set_the_date(store, qtbot):
    today = dt.date(2026, 1, 31)
    dialog = FollowUpDialog(None, person("Ana Souza"), today=today)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Follow up with Ana Souza"
    assert dialog.value()[0] == dt.date(2026, 2, 7)  # next week by default
    assert dialog.quick_buttons["next_week"].isChecked()
    expected = {
        "tomorrow": dt.date(2026, 2, 1),
        "in_3_days": dt.date(2026, 2, 3),
        "next_week": dt.date(2026, 2, 7),
        "next_month": dt.date(2026, 2, 28),
    }
    for key, day in expected.items():
        qtbot.mouseClick(dialog.quick_buttons[key], Qt.MouseButton.LeftButton)
        assert dialog.value()[0] == day
        assert [k for k, b in dialog.quick_buttons.items() if b.isChecked()] == [key]
    dialog.date.setDate(to_qdate(dt.date(2026, 3, 9)))
    assert not any(b.isChecked() for b in dialog.quick_buttons.values())
    qtbot.keyClicks(dialog.note, "  Send the reef article ")
    assert dialog.value() == (dt.date(2026, 3, 9), "Send the reef article")


def test_month_arithmetic():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 12, 15), 1) == dt.date(2026, 1, 15)
    assert [d for _, d in quick_dates(dt.date(2025, 12, 31))][-1] == dt.date(2026, 1, 31)


def test_ask(store, drive):
    ana = person("Ana Souza")
    drive(FollowUpDialog, lambda d: d.note.setText("Call back"))
    day, note = follow_up_dialog.ask(None, ana)
    assert day == dt.date.today() + dt.timedelta(days=7) and note == "Call back"
    drive(FollowUpDialog, lambda d: None, accept=False)
    assert follow_up_dialog.ask(None, ana) is None
