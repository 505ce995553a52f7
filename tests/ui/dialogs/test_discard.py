"""Closing an editor with changes asks Save / Discard / Cancel; closing one without changes
does not ask. The same question in every editor: person, interaction, favour, follow-up."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from netdesk.core import people
from netdesk.ui.dialogs.favour_dialog import FavourDialog
from netdesk.ui.dialogs.follow_up_dialog import FollowUpDialog
from netdesk.ui.dialogs.interaction_dialog import InteractionDialog
from netdesk.ui.dialogs.modal import EditorDialog
from netdesk.ui.dialogs.person_editor import PersonEditor
from tests.helpers.people import person


def _person_editor(ana: int) -> tuple[EditorDialog, Callable[[EditorDialog], None]]:
    return PersonEditor(None, people.get(ana)), lambda d: d.notes.setPlainText("Met in Oslo")


def _interaction(ana: int) -> tuple[EditorDialog, Callable[[EditorDialog], None]]:
    return InteractionDialog(None, [ana]), lambda d: d.summary.setText("Coffee at Kōwhai")


def _favour(ana: int) -> tuple[EditorDialog, Callable[[EditorDialog], None]]:
    return FavourDialog(None, ana), lambda d: d.what.setText("Read her draft")


def _follow_up(ana: int) -> tuple[EditorDialog, Callable[[EditorDialog], None]]:
    return FollowUpDialog(None, ana), lambda d: d.note.setText("Send the reef article")


EDITORS = [_person_editor, _interaction, _favour, _follow_up]


def question(dialog: QDialog) -> QMessageBox | None:
    """The question on screen (an answered one may still wait for its deletion)."""
    boxes = dialog.findChildren(QMessageBox, "discard_changes")
    return next((box for box in boxes if box.isVisible()), None)


def answer(dialog: QDialog, button: QMessageBox.StandardButton) -> None:
    box = question(dialog)
    assert box is not None and box.isVisible()
    box.button(button).click()


def shown(qtbot, make, ana):
    dialog, type_something = make(ana)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, type_something


@pytest.mark.parametrize("make", EDITORS)
def test_escape_on_an_unchanged_editor_closes_without_asking(store, qtbot, make):
    dialog, _ = shown(qtbot, make, person("Ana Souza"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert question(dialog) is None
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("make", EDITORS)
def test_escape_with_changes_asks_and_cancel_keeps_them(store, qtbot, make):
    dialog, type_something = shown(qtbot, make, person("Ana Souza"))
    type_something(dialog)
    typed = dialog.unsaved_state()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    answer(dialog, QMessageBox.StandardButton.Cancel)
    assert dialog.isVisible() and dialog.unsaved_state() == typed
    dialog.reject()  # the Cancel button and the title bar's close ask the same
    answer(dialog, QMessageBox.StandardButton.Discard)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("make", EDITORS)
def test_save_in_the_question_saves(store, qtbot, make):
    dialog, type_something = shown(qtbot, make, person("Ana Souza"))
    type_something(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    answer(dialog, QMessageBox.StandardButton.Save)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_window_stores_an_edit_saved_from_the_question(make_window, monkeypatch):
    ana = person("Ana Souza")
    window = make_window()
    window.reveal_person(ana)

    def exec_(editor: QDialog) -> int:
        editor.show()
        editor.notes.setPlainText("Moving to Oslo in May")
        editor.reject()  # Escape with a filled-in editor
        answer(editor, QMessageBox.StandardButton.Save)
        return editor.result()

    monkeypatch.setattr(QDialog, "exec", exec_)
    window.act_edit.trigger()
    assert people.get(ana).notes == "Moving to Oslo in May"


def test_a_new_person_discarded_from_the_question_is_not_stored(make_window, monkeypatch):
    window = make_window()

    def exec_(editor: QDialog) -> int:
        editor.show()
        editor.display_name.setText("Amara Okafor")
        editor.reject()
        answer(editor, QMessageBox.StandardButton.Discard)
        return editor.result()

    monkeypatch.setattr(QDialog, "exec", exec_)
    window.act_new.trigger()
    assert people.count() == 0
