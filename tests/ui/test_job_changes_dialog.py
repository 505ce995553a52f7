"""The Who moved on review: its list, buttons and keys, undo on the window's stack, the
congratulation, Tools > Who moved on… and the review after an import that found changes."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QPushButton

from netdesk.core import follow_ups, importing, job_changes
from netdesk.core.job_changes import Field, Status
from netdesk.db.models import Person, Position
from netdesk.qt import i18n
from netdesk.qt.formatting import short_date
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs.job_changes_dialog import JobChangesDialog
from netdesk.ui.window.import_preview import Stage

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\r\n\r\n'
)
FILE_DAY = dt.date(2026, 2, 14)
MARKUP = '<b>Bold</b> <img src="missing.png">'


def connections(path, rows: list[str], day: dt.date | None = None):
    """A LinkedIn Connections.csv as LinkedIn writes it (preamble, header, CRLF)."""
    path.write_bytes((PREAMBLE + "\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8"))
    if day is not None:
        stamp = dt.datetime.combine(day, dt.time(9)).timestamp()
        os.utime(path, (stamp, stamp))
    return path


OLDER = [
    "Maren,Ostby,https://www.linkedin.com/in/maren-ostby,,Fjordlight Analytics,Head of Data,"
    "14 Mar 2024",
    "Tobias,Quenneville,https://www.linkedin.com/in/tquenneville,tobias.q@example.com,"
    "Quenneville LLC,Managing Partner,02 Jan 2023",
    f'Rua,"Ngata",https://www.linkedin.com/in/rua,,"{MARKUP.replace(chr(34), chr(34) * 2)}",'
    "Chief,05 Jul 2019",
]
NEWER = [
    "Maren,Ostby,https://www.linkedin.com/in/maren-ostby,,Northwind Bio,Director of Data,"
    "14 Mar 2024",
    "Tobias,Quenneville,https://www.linkedin.com/in/tquenneville,tobias@quenneville.example,"
    "Quenneville LLC,Senior Partner,02 Jan 2023",
    f'Rua,"Ngata",https://www.linkedin.com/in/rua,,"{MARKUP.replace(chr(34), chr(34) * 2)} Ltd",'
    "Chief,05 Jul 2019",
]


@pytest.fixture
def exports(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    older = connections(tmp_path / "a" / "Connections.csv", OLDER, dt.date(2025, 1, 1))
    newer = connections(tmp_path / "b" / "Connections.csv", NEWER, FILE_DAY)
    return older, newer


@pytest.fixture
def proposed(store, exports):
    importing.apply(importing.plan_file(exports[0]))
    importing.apply(importing.plan_file(exports[1]))
    return job_changes.pending()


@pytest.fixture
def stack():
    return QUndoStack()


@pytest.fixture
def dialog(proposed, stack, qtbot):
    i18n.install()  # as the window does: "%n change(s)" reads "4 changes"
    workers = Workers()
    dialog = JobChangesDialog(None, workers, stack)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_loading() and bool(dialog.all_ids()), timeout=10_000)
    yield dialog
    workers.wait()


def _reloaded(qtbot, dialog, action) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        action()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)


def _row(dialog, person: str, label: str):
    tree = dialog.changes
    for number in range(tree.topLevelItemCount()):
        parent = tree.topLevelItem(number)
        if parent.text(0) == person:
            return next(
                parent.child(i)
                for i in range(parent.childCount())
                if parent.child(i).text(0) == label
            )
    raise AssertionError(f"no row {label} for {person}")


def _positions(name: str) -> list[tuple[str, str, dt.date | None, dt.date | None]]:
    pid = Person.get(Person.given == name).id
    rows = Position.select().where(Position.person == pid).order_by(Position.id)
    return [(p.organization, p.title, p.start, p.end) for p in rows]


def test_the_list_shows_each_person_with_their_changes(dialog, proposed):
    tree = dialog.changes
    people = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert people == ["Rua Ngata", "Maren Ostby", "Tobias Quenneville"]
    maren = _row(dialog, "Maren Ostby", "New organisation")
    assert [maren.text(c) for c in (1, 2)] == [
        "Fjordlight Analytics",
        "Northwind Bio, as Director of Data",
    ]
    assert maren.text(3) == f"Connections.csv · {short_date(FILE_DAY)}"
    tobias = tree.topLevelItem(2)
    assert sorted(tobias.child(i).text(0) for i in range(tobias.childCount())) == [
        "New email",
        "New title",
    ]
    assert "4 changes waiting" in dialog.status.text()


def test_text_from_the_file_is_shown_as_text(dialog):
    rua = _row(dialog, "Rua Ngata", "New organisation")
    assert rua.text(1) == MARKUP and rua.text(2) == f"{MARKUP} Ltd, as Chief"
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText
        for label in dialog.findChildren(QLabel)
        if label.text() and label.objectName() in ("status", "congratulation")
    )


def test_accept_applies_the_selected_change_and_suggests_a_congratulation(dialog, qtbot, stack):
    dialog.changes.setCurrentItem(_row(dialog, "Maren Ostby", "New organisation"))
    _reloaded(qtbot, dialog, dialog.accept_button.click)
    assert _positions("Maren") == [
        ("Fjordlight Analytics", "Head of Data", None, FILE_DAY),
        ("Northwind Bio", "Director of Data", FILE_DAY, None),
    ]
    assert "Maren Ostby" not in [
        dialog.changes.topLevelItem(i).text(0) for i in range(dialog.changes.topLevelItemCount())
    ]
    [note] = [w for w in dialog.findChildren(QLabel) if w.objectName() == "congratulation"]
    assert note.text() == "Congratulate Maren Ostby on the new role at Northwind Bio"
    [take] = [b for b in dialog.findChildren(QPushButton) if b.objectName() == "congratulate"]
    take.click()
    maren = Person.get(Person.given == "Maren").id
    assert [f.note for f in follow_ups.for_person(maren)] == [note.text()]
    assert not take.isEnabled()
    assert stack.count() == 2


def test_ctrl_z_in_the_dialog_takes_back_the_follow_up_then_the_decision(dialog, qtbot, stack):
    change = _row(dialog, "Maren Ostby", "New organisation")
    change_id = change.data(0, Qt.ItemDataRole.UserRole + 1)
    dialog.changes.setCurrentItem(change)
    _reloaded(qtbot, dialog, dialog.accept_button.click)
    [take] = [b for b in dialog.findChildren(QPushButton) if b.objectName() == "congratulate"]
    _reloaded(qtbot, dialog, take.click)
    maren = Person.get(Person.given == "Maren").id
    _reloaded(
        qtbot,
        dialog,
        lambda: qtbot.keyClick(dialog.changes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
    )
    assert follow_ups.for_person(maren) == []
    _reloaded(
        qtbot,
        dialog,
        lambda: qtbot.keyClick(dialog.changes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
    )
    assert _positions("Maren") == [("Fjordlight Analytics", "Head of Data", None, None)]
    assert change_id in dialog.all_ids()
    qtbot.waitUntil(
        lambda: not [w for w in dialog.findChildren(QLabel) if w.objectName() == "congratulation"]
    )


def test_enter_accepts_and_delete_rejects_the_current_row(dialog, qtbot):
    title = _row(dialog, "Tobias Quenneville", "New title")
    dialog.changes.setCurrentItem(title)
    _reloaded(qtbot, dialog, lambda: qtbot.keyClick(dialog.changes, Qt.Key.Key_Return))
    assert _positions("Tobias")[-1] == ("Quenneville LLC", "Senior Partner", FILE_DAY, None)
    email = _row(dialog, "Tobias Quenneville", "New email")
    email_id = email.data(0, Qt.ItemDataRole.UserRole + 1)
    dialog.changes.setCurrentItem(email)
    _reloaded(qtbot, dialog, lambda: qtbot.keyClick(dialog.changes, Qt.Key.Key_Delete))
    [rejected] = job_changes.get([email_id])
    assert rejected.status is Status.REJECTED


def test_a_persons_row_stands_for_all_their_changes(dialog, qtbot):
    tobias = dialog.changes.topLevelItem(2)
    dialog.changes.setCurrentItem(tobias)
    assert len(dialog.selected_ids()) == 2
    _reloaded(qtbot, dialog, dialog.reject_button.click)
    assert {c.field for c in job_changes.pending()} == {Field.ORGANIZATION}


def test_accept_all_and_reject_all(dialog, qtbot, stack):
    _reloaded(qtbot, dialog, dialog.reject_all_button.click)
    assert job_changes.pending() == []
    assert not dialog.accept_all_button.isEnabled() and not dialog.accept_button.isEnabled()
    assert "no changes are waiting" in dialog.status.text()
    _reloaded(qtbot, dialog, stack.undo)
    _reloaded(qtbot, dialog, dialog.accept_all_button.click)
    assert job_changes.pending() == []
    notes = [w.text() for w in dialog.findChildren(QLabel) if w.objectName() == "congratulation"]
    assert sorted(notes) == [
        "Congratulate Maren Ostby on the new role at Northwind Bio",
        f"Congratulate Rua Ngata on the new role at {MARKUP} Ltd",
        "Congratulate Tobias Quenneville on the new role at Quenneville LLC",
    ]


def test_the_tools_menu_opens_the_review(proposed, make_window, qtbot):
    window = make_window()
    window.act_moved_on.trigger()
    dialog = window.findChild(JobChangesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_loading() and len(dialog.all_ids()) == 4)
    window.act_moved_on.trigger()  # again: the same dialog
    assert window.findChildren(JobChangesDialog) == [dialog]
    dialog.changes.setCurrentItem(_row(dialog, "Maren Ostby", "New organisation"))
    _reloaded(qtbot, dialog, dialog.accept_button.click)
    window.act_undo.trigger()  # the window's stack holds the decision
    qtbot.waitUntil(lambda: len(job_changes.pending()) == 4)
    dialog.close()


def test_an_import_that_found_changes_shows_the_review_when_its_report_closes(
    store, exports, make_window, qtbot
):
    importing.apply(importing.plan_file(exports[0]))
    window = make_window()
    window.file_actions.import_paths([exports[1]])
    flow = window.file_actions.imports[-1]
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.stage is Stage.PREVIEW)
    flow.dialog.import_button.click()
    qtbot.waitUntil(lambda: flow.dialog.stage is Stage.REPORT, timeout=20_000)
    assert window.findChild(JobChangesDialog) is None
    flow.dialog.accept()
    dialog = window.findChild(JobChangesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_loading() and len(dialog.all_ids()) == 4)
    dialog.close()


def test_an_import_without_changes_shows_no_review(store, exports, make_window, qtbot):
    window = make_window()
    window.file_actions.import_paths([exports[0]])
    flow = window.file_actions.imports[-1]
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.stage is Stage.PREVIEW)
    flow.dialog.import_button.click()
    qtbot.waitUntil(lambda: flow.dialog.stage is Stage.REPORT, timeout=20_000)
    flow.dialog.accept()
    assert window.findChild(JobChangesDialog) is None
