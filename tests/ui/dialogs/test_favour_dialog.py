"""Add a favour: the returned draft, the balance shown, and the nudge towards giving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from netdesk.core import favours
from netdesk.core.favours import FavourDraft
from netdesk.qt import i18n
from netdesk.ui.dialogs import favour_dialog
from netdesk.ui.dialogs.favour_dialog import FavourDialog
from netdesk.values import FavourDirection, FavourStatus
from tests.helpers.people import person


def test_open_promises_are_counted_in_words(store, qtbot):
    ben = person("Ben Okafor")
    favours.add(ben, FavourDirection.GIVEN, "Read his grant draft")
    favours.add(ben, FavourDirection.GIVEN, "Lend him the tent")
    i18n.install()  # as the window does
    dialog = FavourDialog(None, ben)
    qtbot.addWidget(dialog)
    assert dialog.nudge.text() == "You have 2 open promises to them."


def test_favour_draft_and_balance_change(store, qtbot):
    ana = person("Ana Souza")
    favours.add(ana, FavourDirection.GIVEN, "Read her grant draft")
    i18n.install()  # as the window does: "%n open promise(s)" reads "1 open promise"
    dialog = FavourDialog(None, ana)
    qtbot.addWidget(dialog)
    assert dialog.balance_label.text() == "With Ana Souza: given 1, received 0."
    assert dialog.nudge.text() == "You have 1 open promise to them."
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
    assert again.balance_label.text() == "With Ana Souza: given 1, received 2."
    assert not again.nudge.isHidden()
    assert again.nudge.text().startswith("They have done more for you than you for them.")


def test_no_favours_yet_says_so(store, qtbot):
    dialog = FavourDialog(None, person("Ben Okafor"))
    qtbot.addWidget(dialog)
    assert dialog.balance_label.text().startswith("No favours with Ben Okafor yet.")
    assert dialog.nudge.isHidden()


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
