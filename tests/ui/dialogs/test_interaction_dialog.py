"""Log an interaction: several participants with completion, validation, and the stored result."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from netdesk.core import interactions, people
from netdesk.core.interactions import TimelineEntry
from netdesk.qt import formatting
from netdesk.qt.timeline_model import headline
from netdesk.ui.dialogs import interaction_dialog
from netdesk.ui.dialogs.interaction_dialog import InteractionDialog
from netdesk.values import InteractionKind
from tests.helpers.people import person


@pytest.fixture
def dialog_for(store, qtbot):
    def make(people_ids: list[int]) -> InteractionDialog:
        dialog = InteractionDialog(None, people_ids)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def choose_by_completion(qtbot, dialog: InteractionDialog, typed: str) -> None:
    field = dialog.participants.input
    field.setFocus()
    qtbot.keyClicks(field, typed)
    popup = field._completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_log_with_two_participants_by_completion(dialog_for, qtbot):
    ana = person("Ana Souza", org="Fjordlight")
    ben = person("Ben Okafor", org="Tidewater")
    dialog = dialog_for([ana])
    assert dialog.participants.people() == [ana]
    choose_by_completion(qtbot, dialog, "oka")
    assert dialog.participants.people() == [ana, ben]
    qtbot.waitUntil(lambda: dialog.participants.input.text() == "")  # cleared for the next
    dialog.kind.setCurrentIndex(dialog.kind.findData(str(InteractionKind.MEAL)))
    dialog.when.setDate(dialog.when.date().addDays(-2))
    qtbot.keyClicks(dialog.summary, "Lunch at the harbour")
    qtbot.keyClicks(dialog.notes, "Ben is hiring")
    dialog.follow_up.check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    draft = dialog.draft()
    when = dt.date.today() - dt.timedelta(days=2)
    assert (draft.kind, draft.when, draft.summary, draft.notes) == (
        InteractionKind.MEAL,
        when,
        "Lunch at the harbour",
        "Ben is hiring",
    )
    week = dt.timedelta(days=interaction_dialog.FOLLOW_UP_DEFAULT_DAYS)
    assert draft.follow_up == dt.date.today() + week  # a week from now, not from the meal
    assert draft.people == [ana, ben]
    interactions.log(draft)
    for someone in (ana, ben):
        assert [e.summary for e in interactions.timeline(someone)] == ["Lunch at the harbour"]
        assert people.get(someone).last_contact == when


def test_enter_on_typed_text_adds_the_best_match(dialog_for, qtbot):
    ana = person("Ana Souza")
    dialog = dialog_for([])
    qtbot.keyClicks(dialog.participants.input, "ana sou")
    qtbot.keyClick(dialog.participants.input, Qt.Key.Key_Return)
    assert dialog.participants.people() == [ana]
    assert dialog.result() == 0  # Enter on a name never saves the dialog
    qtbot.keyClicks(dialog.participants.input, "zzz")
    qtbot.keyClick(dialog.participants.input, Qt.Key.Key_Return)
    assert dialog.participants_message.text() == (
        "No one matches “zzz”. Add them as a person first."
    )
    assert dialog.participants.people() == [ana]


def test_no_participant_blocks_saving(dialog_for, qtbot):
    ana = person("Ana Souza")
    dialog = dialog_for([ana])
    assert dialog.save_button.isEnabled()
    chip = dialog.participants.chips.chip(ana)
    qtbot.mouseClick(chip.button, Qt.MouseButton.LeftButton)
    assert dialog.participants.people() == []
    assert not dialog.save_button.isEnabled()
    assert dialog.participants_message.text() == "Add at least one person."
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_follow_up_before_the_interaction_is_an_error(dialog_for):
    dialog = dialog_for([person("Ana Souza")])
    dialog.follow_up.set_date(dt.date.today() - dt.timedelta(days=1))
    assert not dialog.save_button.isEnabled()
    assert dialog.follow_up_message.text() == "The follow-up cannot be before the interaction."
    dialog.follow_up.check.setChecked(False)
    assert dialog.save_button.isEnabled() and dialog.follow_up_message.isHidden()


def test_every_kind_has_one_readable_label_everywhere(store, qapp):
    labels = formatting.interaction_kinds()
    assert set(labels) == set(InteractionKind)
    assert labels[InteractionKind.VIDEO] == "Video call"
    dialog = InteractionDialog(None, [])
    offered = {dialog.kind.itemData(i): dialog.kind.itemText(i) for i in range(dialog.kind.count())}
    assert offered[str(InteractionKind.CALL)] == "Phone call"
    entry = TimelineEntry(  # the timeline names a logged call the way the dialog offered it
        id=1, when=dt.date(2025, 3, 4), kind=InteractionKind.CALL, summary="", notes="",
        follow_up=None, follow_up_done=False, others=(),
    )
    assert headline(entry) == "Phone call"


def test_ask_returns_draft_or_none(store, drive):
    ana = person("Ana Souza")
    drive(InteractionDialog, lambda d: d.summary.setText("Call"))
    draft = interaction_dialog.ask(None, [ana])
    assert draft is not None and draft.people == [ana] and draft.summary == "Call"
    drive(InteractionDialog, lambda d: None, accept=False)
    assert interaction_dialog.ask(None, [ana]) is None


def test_they_reached_out_first_is_a_keyboard_reachable_tick_that_reaches_the_draft(
    dialog_for, qtbot
):
    ana = person("Ana Souza")
    dialog = dialog_for([ana])
    assert not dialog.draft().they_started
    tick = dialog.they_started
    tick.setFocus()
    qtbot.keyClick(tick, Qt.Key.Key_Space)
    assert dialog.draft().they_started
    interactions.log(dialog.draft())
    assert interactions.timeline(ana)[0].they_started
