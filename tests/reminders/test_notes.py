"""What a notification says, and which actions it offers over D-Bus."""

from __future__ import annotations

import datetime as dt

from netdesk.core.due import DueItem
from netdesk.reminders.notes import Note, NoteKind
from netdesk.reminders.notifiers.freedesktop import _action_list
from netdesk.values import DueKind

DAY = dt.date(2025, 3, 10)


def item(name: str, kind: DueKind = DueKind.KEEP_IN_TOUCH, detail: str = "Say hi") -> DueItem:
    return DueItem(1, name, kind, DAY, detail)


def test_single_notes_name_the_person_and_kind():
    titles = {
        kind: Note(NoteKind.ITEM, (item("Ana", kind),)).title
        for kind in (DueKind.KEEP_IN_TOUCH, DueKind.BIRTHDAY, DueKind.FOLLOW_UP, DueKind.FAVOUR)
    }
    assert titles == {
        DueKind.KEEP_IN_TOUCH: "Keep in touch with Ana",
        DueKind.BIRTHDAY: "Birthday: Ana",
        DueKind.FOLLOW_UP: "Follow up with Ana",
        DueKind.FAVOUR: "Your favour for Ana",
    }
    assert Note(NoteKind.ITEM, (item("Ana"),)).body == "Say hi"


def test_long_summaries_are_cut_with_a_count():
    note = Note(NoteKind.SUMMARY, tuple(item(f"P{n}") for n in range(11)))
    lines = note.body.splitlines()
    assert lines[0] == "P0: keep in touch"
    assert len(lines) == 9
    assert lines[-1] == "…and 3 more"


def test_status_with_nothing_due():
    note = Note(NoteKind.STATUS, ())
    assert (note.title, note.body) == ("netdesk: nothing is due", "You are all caught up.")


def test_dbus_actions_per_kind_of_note():
    single = _action_list(Note(NoteKind.ITEM, (item("Ana"),)))
    assert single == [
        "default", "Open", "open", "Open", "snooze", "Snooze an hour",
        "done:0", "I got in touch (log it)", "done:1", "Dismiss",
    ]  # fmt: skip
    summary = _action_list(Note(NoteKind.SUMMARY, (item("Ana"), item("Ben"))))
    assert summary == ["default", "Open", "open", "Open", "snooze", "Snooze all for an hour"]
    assert _action_list(Note(NoteKind.STATUS, ())) == ["default", "Open", "open", "Open"]
