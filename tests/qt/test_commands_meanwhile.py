"""The window's Undo against writes by other processes between the change and Ctrl+Z: the tray's
"I got in touch" (the reminders process) and an import from the command line, each a real
process on the same file. Undo takes back only the window's own change."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QUndoStack

import netdesk.qt  # noqa: F401 - the PySide6 reference-count guard
from netdesk.core import interactions, people
from netdesk.core.people import PersonDraft
from netdesk.db import backup
from netdesk.qt.commands import ImportCommand, SnapshotCommand
from netdesk.values import PointKind, TagKind
from tests.helpers.people import person

# What the tray does on "I got in touch": the reminders process logs a contact through core.
GOT_IN_TOUCH = """
import datetime as dt, sys
from netdesk import db
db.open(sys.argv[1])
from netdesk.core import due
from netdesk.reminders import actions
from netdesk.values import DueKind
item = next(
    i for i in due.compute(dt.date.today())
    if i.person_id == int(sys.argv[2]) and i.kind is DueKind.KEEP_IN_TOUCH
)
actions.complete(item, dt.datetime.now(), log_interaction=True)
"""
EDIT_WHY = """
import sys
from netdesk import db
db.open(sys.argv[1])
from netdesk.core import people
detail = people.get(int(sys.argv[2]))
people.update(detail.id, people.with_changes(detail, why_stand_out=sys.argv[3]))
"""
PHONE_CARD = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Ana Souza\r
EMAIL:ana@lumen.example\r
TEL;TYPE=cell:+1 415 555 2671\r
END:VCARD\r
"""


def other_process(*argv: str) -> None:
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def tray_got_in_touch(db_path: Path, person_id: int) -> None:
    other_process("-c", GOT_IN_TOUCH, str(db_path), str(person_id))


def cli_import(db_path: Path, card: Path) -> None:
    other_process("-m", "netdesk", "import", str(card), "--db", str(db_path))


def edit(person_id: int, **changes: object) -> SnapshotCommand:
    errors: list[str] = []
    command, _ = SnapshotCommand.perform(
        "Edit Ana Souza",
        [person_id],
        lambda: people.update(person_id, people.with_changes(people.get(person_id), **changes)),
        errors.append,
    )
    command.errors = errors  # type: ignore[attr-defined]
    return command


def test_undo_of_an_edit_keeps_what_other_processes_wrote(store, db_path, tmp_path, qapp):
    ana = person(
        "Ana Souza",
        email="ana@lumen.example",
        nurture=True,
        cadence_days=30,
        met_on=dt.date.today() - dt.timedelta(days=90),
    )
    stack = QUndoStack()
    command = edit(ana, why_stand_out="Runs a jazz trio", tags=[(TagKind.INTEREST, "Jazz")])
    stack.push(command)
    tray_got_in_touch(db_path, ana)
    card = tmp_path / "phone.vcf"
    card.write_text(PHONE_CARD, encoding="utf-8")
    cli_import(db_path, card)

    stack.undo()

    detail = people.get(ana)
    assert (detail.why_stand_out, detail.tags) == ("", [])  # the edit is undone
    assert [p.kind for p in detail.points] == [PointKind.EMAIL, PointKind.PHONE]  # import kept
    (contact,) = interactions.timeline(ana)
    assert contact.summary == "Got in touch (from a reminder)"
    assert interactions.participants(contact.id) == [ana]
    assert detail.last_contact == dt.date.today()
    assert command.errors == []


def test_a_field_changed_meanwhile_is_left_and_named(store, db_path, qapp):
    ana = person("Ana Souza", why_stand_out="Plays the cello")
    stack = QUndoStack()
    command = edit(ana, why_stand_out="Runs a jazz trio", notes="Prefers mornings")
    stack.push(command)
    other_process("-c", EDIT_WHY, str(db_path), str(ana), "Runs a jazz quartet now")

    stack.undo()

    detail = people.get(ana)
    assert detail.why_stand_out == "Runs a jazz quartet now"  # not overwritten
    assert detail.notes == ""  # the edit's other change is undone
    assert command.errors == [
        "“Edit Ana Souza” was undone except what changed meanwhile: Ana Souza (why they stand out)."
    ]
    stack.redo()  # redo likewise leaves the other process's value
    assert people.get(ana).why_stand_out == "Runs a jazz quartet now"
    assert people.get(ana).notes == "Prefers mornings"


def test_undo_of_an_add_refuses_when_the_person_has_later_work(store, db_path, qapp):
    errors: list[str] = []
    stack = QUndoStack()
    command, ben = SnapshotCommand.create(
        "Add Ben Okafor",
        lambda: people.create(
            PersonDraft(
                display_name="Ben Okafor", nurture=True, cadence_days=1, met_on=dt.date(2025, 1, 1)
            )
        ),
        errors.append,
    )
    stack.push(command)
    tray_got_in_touch(db_path, ben)

    stack.undo()

    assert people.exists(ben)
    assert len(interactions.timeline(ben)) == 1
    assert errors == [
        "Nothing was undone: Ben Okafor changed meanwhile (details, interactions), and undoing "
        "would lose that."
    ]


def test_undo_of_an_import_asks_and_a_no_changes_nothing(store, db_path, tmp_path, qtbot):
    from netdesk.core import importing

    card = tmp_path / "ben.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Okafor\r\nEND:VCARD\r\n")
    plan = importing.read_path(card)
    report = importing.apply(plan)
    stack = QUndoStack()
    asked: list[str] = []
    answers = [False, True]

    def confirm(reason: str) -> bool:
        asked.append(reason)
        return answers.pop(0)

    command = ImportCommand(
        "Import ben.vcf",
        report.batch_id,
        lambda: importing.apply(plan).batch_id,
        confirm=confirm,
        restack=stack.redo,
    )
    stack.push(command)
    ben = people.get(1).id
    interactions.log(interactions.InteractionDraft(dt.date.today(), summary="Coffee", people=[ben]))

    stack.undo()  # declined: nothing undone, the import is back on top of the stack
    qtbot.waitUntil(lambda: stack.index() == 1)

    assert asked == [
        "Undoing import 1 (ben.vcf) would delete people with work added since: "
        "Ben Okafor (1 interaction)."
    ]
    assert people.exists(ben) and (stack.index(), stack.count()) == (1, 1)
    assert people.count() == 1  # putting it back on top did not import again

    stack.undo()  # yes: undone, after a backup

    assert not people.exists(ben) and stack.index() == 0
    assert [b.reason for b in backup.list_backups(db_path)][-1:] == ["pre-undo"]


def test_an_undo_on_a_full_disk_is_reported_not_raised(store, qapp):
    from tests.helpers.diskfull import disk_full_after

    ana = person("Ana Souza", notes=" ".join(["Plays the cello in a harbour band."] * 600))
    errors: list[str] = []
    stack = QUndoStack()
    command, _ = SnapshotCommand.perform(
        "Delete Ana Souza", [ana], lambda: people.delete(ana), errors.append
    )
    stack.push(command)

    with disk_full_after(0):
        stack.undo()

    assert errors == ["The disk is full: nothing was saved."]
    assert not people.exists(ana) and stack.count() == 0
