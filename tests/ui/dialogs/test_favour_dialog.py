"""Add a favour: the returned draft, and what passed between you as plain history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFrame

from netdesk.core import favours
from netdesk.core.favours import FavourDraft
from netdesk.qt import formatting, i18n
from netdesk.ui.dialogs import favour_dialog
from netdesk.ui.dialogs.favour_dialog import FavourDialog
from netdesk.values import FavourDirection, FavourStatus
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 6)


def test_an_open_promise_is_history_with_its_due_date(store, qtbot):
    ben = person("Ben Okafor")
    soon = TODAY + dt.timedelta(days=3)
    favours.add(ben, FavourDirection.GIVEN, "Read his grant draft", TODAY, due=soon)
    favours.add(ben, FavourDirection.GIVEN, "Lend him the tent", TODAY)  # due two weeks on
    i18n.install()  # as the window does
    dialog = FavourDialog(None, ben, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.history.text().splitlines() == [
        "With Ben Okafor so far:",
        "You offered: Lend him the tent — in 2 weeks",
        "You offered: Read his grant draft — in 3 days",
    ]


def test_favour_draft_and_the_history_it_joins(store, qtbot):
    ana = person("Ana Souza")
    favours.add(ana, FavourDirection.GIVEN, "Read her grant draft", status=FavourStatus.DONE)
    i18n.install()  # as the window does
    dialog = FavourDialog(None, ana)
    qtbot.addWidget(dialog)
    today = formatting.short_date(dt.date.today())
    assert dialog.history.text().splitlines() == [
        "With Ana Souza so far:",
        f"You helped with: Read her grant draft · {today}",
    ]
    qtbot.mouseClick(dialog.received, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.what, "Introduced me to the Helix lab")
    dialog.status.setCurrentIndex(dialog.status.findData(str(FavourStatus.DONE)))
    dialog.due.set_date(dt.date.today() + dt.timedelta(days=3))
    qtbot.keyClicks(dialog.notes, "Say thanks with coffee")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    draft = dialog.draft()
    assert draft == FavourDraft(
        FavourDirection.RECEIVED,
        "Introduced me to the Helix lab",
        dt.date.today(),
        dt.date.today() + dt.timedelta(days=3),
        FavourStatus.DONE,
        "Say thanks with coffee",
    )
    favours.add(ana, draft.direction, draft.what, draft.date, due=draft.due, status=draft.status)
    favours.add(ana, FavourDirection.RECEIVED, "Lent me her projector")
    again = FavourDialog(None, ana)
    qtbot.addWidget(again)
    assert sorted(again.history.text().splitlines()[1:]) == [
        f"They helped with: Introduced me to the Helix lab · {today}",
        f"They offered: Lent me her projector · {today}",
        f"You helped with: Read her grant draft · {today}",
    ]


def test_the_newest_five_and_how_many_earlier(store, qtbot):
    ana = person("Ana Souza")
    for day in range(1, 8):
        when = TODAY - dt.timedelta(days=day)
        favours.add(ana, FavourDirection.RECEIVED, f"Tip {day}", when, status=FavourStatus.DONE)
    i18n.install()
    dialog = FavourDialog(None, ana, today=TODAY)
    qtbot.addWidget(dialog)
    lines = dialog.history.text().splitlines()
    assert [line.split(" · ")[0] for line in lines[1:6]] == [
        f"They helped with: Tip {day}" for day in range(1, 6)
    ]
    assert lines[6:] == ["… and 2 earlier"]


def test_no_favours_yet_shows_no_history(store, qtbot):
    dialog = FavourDialog(None, person("Ben Okafor"))
    qtbot.addWidget(dialog)
    assert dialog.findChild(QFrame, "history_panel").isHidden()


def test_what_is_required_and_due_not_before_date(store, qtbot):
    dialog = FavourDialog(None, person("Ana Souza"))
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert dialog.what_message.isHidden()  # nothing said before the user tried
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.what_message.text() == "Say what the favour was."
    qtbot.keyClicks(dialog.what, "Coffee")
    assert dialog.save_button.isEnabled()
    dialog.due.set_date(dt.date.today() - dt.timedelta(days=1))
    assert not dialog.save_button.isEnabled()
    assert dialog.due_message.text() == "The due date cannot be before the favour's date."


def test_ask(store, drive):
    ana = person("Ana Souza")
    drive(FavourDialog, lambda d: d.what.setText("Reference letter"))
    draft = favour_dialog.ask(None, ana)
    assert draft is not None and draft.what == "Reference letter"
    assert draft.direction is FavourDirection.GIVEN and draft.status is FavourStatus.OPEN
    drive(FavourDialog, lambda d: d.what.setText("x"), accept=False)
    assert favour_dialog.ask(None, ana) is None
