"""Undo commands over the real store: snapshots for edits and deletes, adds undone by delete."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack

import netdesk.qt  # noqa: F401 - the PySide6 reference-count guard
from netdesk.core import favours, interactions, people
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft
from netdesk.qt.commands import AddedCommand, ImportCommand, SnapshotCommand
from netdesk.values import FavourDirection
from tests.helpers.people import person


def test_edit_undo_redo(store, qapp):
    stack = QUndoStack()
    ana = person("Ana Souza", email="ana@x.example")
    command, _ = SnapshotCommand.perform(
        "Edit",
        [ana],
        lambda: people.update(ana, people.with_changes(people.get(ana), display_name="Ana S.")),
    )
    stack.push(command)  # the first redo is skipped: the edit already happened
    assert people.get(ana).display_name == "Ana S."
    stack.undo()
    assert people.get(ana).display_name == "Ana Souza"
    assert people.get(ana).points[0].value == "ana@x.example"
    stack.redo()
    assert people.get(ana).display_name == "Ana S."


def test_create_undo_removes_the_person(store, qapp):
    stack = QUndoStack()
    command, new_id = SnapshotCommand.create(
        "Add", lambda: people.create(PersonDraft(display_name="Ben Okafor"))
    )
    stack.push(command)
    assert people.exists(new_id)
    stack.undo()
    assert not people.exists(new_id)
    stack.redo()
    assert people.get(new_id).display_name == "Ben Okafor"


def test_delete_undo_brings_back_interactions(store, qapp):
    stack = QUndoStack()
    ana, ben = person("Ana Souza"), person("Ben Okafor")
    interactions.log(InteractionDraft(dt.date.today(), summary="Lunch", people=[ana, ben]))
    command, _ = SnapshotCommand.perform("Delete", [ana], lambda: people.delete(ana))
    stack.push(command)
    assert not people.exists(ana)
    stack.undo()
    assert [e.summary for e in interactions.timeline(ana)] == ["Lunch"]
    assert interactions.timeline(ben)[0].others == ("Ana Souza",)


def test_added_command_undo_deletes_and_redo_adds_again(store, qapp):
    stack = QUndoStack()
    ana = person("Ana Souza")
    command = AddedCommand(
        "Favour",
        lambda: favours.add(ana, FavourDirection.GIVEN, "Intro"),
        favours.delete,
    )
    stack.push(command)
    assert [f.what for f in favours.for_person(ana)] == ["Intro"]
    stack.undo()
    assert favours.for_person(ana) == []
    stack.redo()
    assert [f.what for f in favours.for_person(ana)] == ["Intro"]


def test_a_failing_undo_is_reported_and_dropped(store, qapp):
    from netdesk.core.errors import NotFound

    errors = []
    stack = QUndoStack()

    def remove(_ref: int) -> None:
        raise NotFound("That favour is gone.")

    stack.push(AddedCommand("Favour", lambda: 1, remove, errors.append))
    stack.undo()
    assert errors == ["That favour is gone."]
    assert stack.count() == 0  # an obsolete command leaves the stack


def test_import_command_undo_and_redo(store, qapp, testdata):
    from netdesk.core import importing

    stack = QUndoStack()
    plan = importing.read_path(testdata / "vcards" / "calcard" / "005.vcf")
    report = importing.apply(plan)
    stack.push(ImportCommand("Import", report.batch_id, lambda: importing.apply(plan).batch_id))
    assert people.count() == 5
    stack.undo()
    assert people.count() == 0
    stack.redo()
    assert people.count() == 5
