"""The sync conflicts' review list: each conflict in words with both values as plain text, Keep
mine / Take theirs per row and for all, "Keep Ana" / "Delete Ana too" for a card deleted on the
server, usable from the keyboard; and the window's Tools > Sync conflicts (N)…."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from netdesk.core import people, store
from netdesk.core.sync import conflicts, list_conflicts
from netdesk.core.sync.merge3 import FieldConflict
from netdesk.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog
from tests.helpers.people import person

ACCOUNT = "dav.example.org"
CANARY = '<b>bold</b><img src="/dev/zero">'


def field_conflict(person_id: int, field: str, local: str, remote: str) -> None:
    with store.write():
        conflicts.record_field(ACCOUNT, person_id, FieldConflict(field, local, remote))


def deleted_on_the_server(person_id: int) -> None:
    with store.write():
        conflicts.record_deleted(ACCOUNT, person_id)


@pytest.fixture
def ana(store) -> int:
    return person("Ana Souza", nickname="Ana")


@pytest.fixture
def dialog(qtbot):
    def make() -> SyncConflictsDialog:
        made = SyncConflictsDialog(None)
        qtbot.addWidget(made)
        made.show()
        qtbot.waitExposed(made)
        return made

    return make


def texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_a_field_conflict_shows_the_person_the_field_and_both_values(ana, dialog):
    field_conflict(ana, "nickname", "Ana", "Annie")
    shown = dialog()
    [row] = shown.rows
    assert "Ana Souza's nickname" in texts(row)
    assert "On this computer:" in texts(row) and "On the server:" in texts(row)
    assert (row.local.text(), row.remote.text()) == ("Ana", "Annie")
    assert (row.keep_mine.text(), row.take_theirs.text()) == ("Keep mine", "Take theirs")
    assert shown.intro.text() == "1 change differs between this computer and the server."


def test_values_from_people_and_servers_are_plain_text(ana, dialog):
    field_conflict(ana, "note", "mine", CANARY)
    [row] = dialog().rows
    assert row.remote.text() == CANARY
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in row.findChildren(QLabel))


def test_take_theirs_puts_the_servers_value_on_the_person(ana, dialog):
    field_conflict(ana, "nickname", "Ana", "Annie")
    shown = dialog()
    shown.rows[0].take_theirs.click()
    assert people.get(ana).nickname == "Annie"
    assert list_conflicts() == [] and shown.rows == []
    assert shown.intro.text() == "Nothing waits for you: every sync conflict is settled."


def test_keep_mine_keeps_this_computers_value(ana, dialog):
    field_conflict(ana, "nickname", "Ana", "Annie")
    dialog().rows[0].keep_mine.click()
    assert people.get(ana).nickname == "Ana"
    assert list_conflicts() == []


def test_a_card_deleted_on_the_server_asks_keep_ana_or_delete_ana_too(ana, dialog):
    deleted_on_the_server(ana)
    [row] = dialog().rows
    assert (row.keep_mine.text(), row.take_theirs.text()) == ("Keep Ana", "Delete Ana too")
    assert any("Deleted on the other side" in text for text in texts(row))
    row.take_theirs.click()
    assert people.get(ana).archived
    assert list_conflicts() == []


def test_keep_ana_keeps_her(ana, dialog):
    deleted_on_the_server(ana)
    dialog().rows[0].keep_mine.click()
    assert not people.get(ana).archived
    assert list_conflicts() == []


def test_take_all_theirs_and_keep_all_mine_settle_every_row(store, dialog):
    ana, bo = person("Ana Souza", nickname="Ana"), person("Bo Chen", nickname="Bo")
    field_conflict(ana, "nickname", "Ana", "Annie")
    field_conflict(bo, "nickname", "Bo", "Bobby")
    shown = dialog()
    assert shown.intro.text() == "2 changes differ between this computer and the server."
    shown.take_all.click()
    assert (people.get(ana).nickname, people.get(bo).nickname) == ("Annie", "Bobby")
    assert list_conflicts() == [] and not shown.take_all.isEnabled()
    field_conflict(ana, "nickname", "Annie", "Anita")
    shown.load()
    shown.keep_all.click()
    assert people.get(ana).nickname == "Annie" and list_conflicts() == []


def test_a_conflict_settled_elsewhere_is_said_in_one_line_and_the_list_reloads(ana, dialog):
    field_conflict(ana, "nickname", "Ana", "Annie")
    shown = dialog()
    conflicts.resolve_conflict(shown.rows[0].row.id, "mine")  # the command line did
    shown.rows[0].take_theirs.click()
    assert shown.error.text().startswith("There is no sync conflict")
    assert shown.rows == [] and people.get(ana).nickname == "Ana"


def test_the_keyboard_reaches_every_answer_and_every_button_is_named(store, dialog, qtbot):
    ana, bo = person("Ana Souza", nickname="Ana"), person("Bo Chen", nickname="Bo")
    field_conflict(ana, "nickname", "Ana", "Annie")
    deleted_on_the_server(bo)
    shown = dialog()
    shown.activateWindow()
    first = shown.rows[0]
    assert shown.focusWidget() is first.keep_mine
    for button in shown.findChildren(QPushButton):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert first.keep_mine.accessibleName() == "Keep mine: Ana Souza's nickname"
    assert shown.rows[1].take_theirs.accessibleName() == "Delete Bo too: Bo Chen"
    qtbot.keyClick(first.keep_mine, Qt.Key.Key_Tab)
    assert shown.focusWidget() is first.take_theirs
    qtbot.keyClick(first.take_theirs, Qt.Key.Key_Space)  # takes Annie
    assert people.get(ana).nickname == "Annie"
    assert shown.focusWidget() is shown.rows[0].keep_mine  # Bo's row, next in the list
    qtbot.keyClick(shown.rows[0].keep_mine, Qt.Key.Key_Space)
    assert list_conflicts() == [] and not people.get(bo).archived


def test_the_window_offers_the_review_with_the_count_only_when_some_wait(ana, make_window, qtbot):
    field_conflict(ana, "nickname", "Ana", "Annie")
    window = make_window()
    qtbot.waitUntil(lambda: window.act_sync_conflicts.isVisible(), timeout=10_000)
    assert window.act_sync_conflicts.text() == "Sync co&nflicts (1)…"
    shown = window.sync.review_conflicts()
    assert window.sync.review_conflicts() is shown  # one list, brought forward
    shown.rows[0].keep_mine.click()
    qtbot.waitUntil(lambda: not window.act_sync_conflicts.isVisible(), timeout=10_000)
    shown.close()
