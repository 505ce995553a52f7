"""Saving on a full disk, from the real window through each real editor: the editor stays open
with everything typed, a box gives the one-line reason, nothing is stored; saving again once
there is room stores it. The disk is made full for real with SQLite's page limit
(tests/helpers/diskfull.py), so the write fails with SQLITE_FULL the way it does on a full disk."""

from __future__ import annotations

from collections.abc import Callable

import peewee
import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from netdesk.core import events, favours, follow_ups, interactions, people, settings
from tests.helpers.diskfull import disk_full_after
from tests.helpers.people import person

DISK_FULL = "The disk is full: nothing was saved."
# Notes pasted from a meeting: they need pages the full disk does not have.
LONG = " ".join(["Talked for an hour about reef restoration and her move to Oslo."] * 300)


@pytest.fixture
def user(no_modal_dialogs, monkeypatch) -> Callable[[Callable[[QDialog], None]], None]:
    """Plays the person at the next modal dialog: its exec runs `script(dialog)` with the
    dialog shown, then returns the dialog's result. (A real modal loop would wait for a person
    that a test run does not have.)"""
    scripts: list[Callable[[QDialog], None]] = []

    def exec_(dialog: QDialog) -> int:
        dialog.show()
        scripts.pop(0)(dialog)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", exec_)
    return scripts.append


def save_on_a_full_disk(dialog: QDialog, save: Callable[[], None]) -> None:
    """Save with no room left: the reason is shown over the editor, which stays open."""
    with disk_full_after(0):
        save()
    boxes = dialog.findChildren(QMessageBox, "write_failure")
    assert [box.text() for box in boxes] == [DISK_FULL]
    assert dialog.isVisible()
    boxes[0].close()
    boxes[0].deleteLater()


def test_a_new_person_on_a_full_disk(make_window, user):
    window = make_window()

    def type_and_save(editor) -> None:
        editor.display_name.setText("Ana Souza")
        editor.notes.setPlainText(LONG)
        save_on_a_full_disk(editor, editor.save_button.click)
        assert people.count() == 0
        assert (editor.display_name.text(), editor.notes.toPlainText()) == ("Ana Souza", LONG)
        editor.save_button.click()  # room again

    user(type_and_save)
    window.act_new.trigger()

    assert people.get(1).notes == LONG
    window.act_undo.trigger()  # the save is one undoable step, as always
    assert people.count() == 0


def test_editing_a_person_on_a_full_disk(make_window, user):
    ana = person("Ana Souza")
    window = make_window()
    window.reveal_person(ana)

    def type_and_save(editor) -> None:
        editor.notes.setPlainText(LONG)
        save_on_a_full_disk(editor, editor.save_button.click)
        assert people.get(ana).notes == ""
        assert editor.notes.toPlainText() == LONG
        editor.save_button.click()

    user(type_and_save)
    window.act_edit.trigger()
    assert people.get(ana).notes == LONG


def test_an_interaction_on_a_full_disk(make_window, user):
    ana = person("Ana Souza")
    window = make_window()
    window.reveal_person(ana)

    def type_and_save(dialog) -> None:
        dialog.summary.setText("Coffee at the harbour")
        dialog.notes.setPlainText(LONG)
        save_on_a_full_disk(dialog, dialog.save_button.click)
        assert interactions.timeline(ana) == []
        assert dialog.summary.text() == "Coffee at the harbour"
        dialog.save_button.click()

    user(type_and_save)
    window.act_log.trigger()
    assert [e.summary for e in interactions.timeline(ana)] == ["Coffee at the harbour"]


def test_a_favour_on_a_full_disk(make_window, user):
    ana = person("Ana Souza")
    window = make_window()
    window.reveal_person(ana)

    def type_and_save(dialog) -> None:
        dialog.what.setText("Intro to a designer")
        dialog.notes.setPlainText(LONG)
        save_on_a_full_disk(dialog, dialog.save_button.click)
        assert favours.for_person(ana) == []
        assert dialog.notes.toPlainText() == LONG
        dialog.save_button.click()

    user(type_and_save)
    window.act_favour.trigger()
    assert [f.what for f in favours.for_person(ana)] == ["Intro to a designer"]


def test_a_follow_up_on_a_full_disk(make_window, user):
    ana = person("Ana Souza")
    window = make_window()
    window.reveal_person(ana)
    note = LONG[:20_000]

    def type_and_save(dialog) -> None:
        dialog.note.setText(note)
        ok = dialog.findChild(QPushButton, "ok")
        save_on_a_full_disk(dialog, ok.click)
        assert follow_ups.for_person(ana) == []
        assert dialog.note.text() == note
        ok.click()

    user(type_and_save)
    window.act_follow.trigger()
    assert [f.note for f in follow_ups.for_person(ana)] == [note]


def test_an_event_on_a_full_disk(make_window, user):
    window = make_window()

    def type_and_save(dialog) -> None:
        dialog.event_name.setText("Harbour dinner")
        dialog.event_notes.setPlainText(LONG)
        save_on_a_full_disk(dialog, dialog.create_button.click)
        assert dialog.event_id is None and dialog.stack.currentIndex() == 0
        assert dialog.event_name.text() == "Harbour dinner"
        dialog.create_button.click()
        assert dialog.stack.currentIndex() == 1
        dialog.accept()

    user(type_and_save)
    window.act_event.trigger()
    assert [e.name for e in events.list_events()] == ["Harbour dinner"]


def fill_the_settings_page() -> None:
    """Leave no byte free on the page that holds the settings, so that even a one-byte longer
    value needs a page the full disk does not have (a bigger write always does)."""
    count = 0
    for size in (200, 40, 1):
        while _fits(f"pad{count}", "x" * size):
            count += 1
    grown = 1
    while _fits("pad0", "x" * (200 + grown)):
        grown += 1


def _fits(key: str, value: str) -> bool:
    try:
        with disk_full_after(0):
            settings.put(key, value)
    except peewee.OperationalError:
        return False
    return True


def test_settings_on_a_full_disk(make_window):
    window = make_window()
    window.act_settings.trigger()
    dialog = window.settings_dialog
    dialog.lead_days.setValue(14)
    fill_the_settings_page()

    save_on_a_full_disk(dialog, dialog.accept)

    assert settings.birthday_lead_days() == 3
    assert dialog.lead_days.value() == 14
    dialog.accept()
    assert settings.birthday_lead_days() == 14
