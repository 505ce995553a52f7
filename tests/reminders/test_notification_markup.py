"""Names and notes in notifications are text, never markup: notification servers that advertise
"body-markup" render <b>, <a> and <img> in the body, so every path that reaches one escapes it;
the summary is plain text by the specification, and Qt's own balloon shows text as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from netdesk import db
from netdesk.core import follow_ups, settings
from netdesk.core.due import DueItem
from netdesk.qt import plain
from netdesk.reminders.notes import Note, NoteKind
from netdesk.reminders.notifiers import TrayNotifier
from netdesk.reminders.notifiers.freedesktop import FreedesktopNotifier
from netdesk.reminders.tray import TrayMenu
from netdesk.values import DueKind
from tests.helpers.people import person
from tests.helpers.reminders import TODAY

NAME = "Ana <b>Lima</b> & co"
NOTE = "Send <b>the</b> draft & <a href='https://x.example'>link</a> <img src='/dev/zero'>"
ESCAPED_NOTE = (
    "Send &lt;b&gt;the&lt;/b&gt; draft &amp; &lt;a href='https://x.example'&gt;link&lt;/a&gt;"
    " &lt;img src='/dev/zero'&gt;"
)


def follow_up_note(name: str = NAME, note: str = NOTE) -> Note:
    item = DueItem(7, name, DueKind.FOLLOW_UP, TODAY, note, 1)
    return Note(NoteKind.ITEM, (item,))


class RecordingTray(QSystemTrayIcon):
    """A real tray icon that also keeps what it was asked to show (offscreen shows nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title, message, *args) -> None:
        self.messages.append((title, message))
        super().showMessage(title, message, *args)


@pytest.fixture
def tray(qapp):
    icon = RecordingTray()
    yield icon
    icon.deleteLater()


def test_the_dbus_body_is_escaped_when_the_server_reads_markup():
    notifier = FreedesktopNotifier(None, ["actions", "body", "body-markup"], interactive=False)
    arguments = notifier._arguments(follow_up_note())
    summary, body = arguments[3], arguments[4]
    assert body == ESCAPED_NOTE
    assert summary == f"Follow up with {NAME}"  # the summary is plain text for every server


def test_the_dbus_body_is_left_as_written_when_the_server_shows_text():
    notifier = FreedesktopNotifier(None, ["actions", "body"], interactive=False)
    assert notifier._arguments(follow_up_note())[4] == NOTE


def test_a_summary_note_escapes_every_name_in_its_body():
    items = tuple(
        DueItem(i, f"<i>Person {i}</i> & <a href='x'>co</a>", DueKind.KEEP_IN_TOUCH, TODAY, "")
        for i in range(3)
    )
    notifier = FreedesktopNotifier(None, ["body-markup"], interactive=False)
    body = notifier._arguments(Note(NoteKind.SUMMARY, items))[4]
    assert "<" not in body and ">" not in body
    assert body.splitlines()[0] == (
        "&lt;i&gt;Person 0&lt;/i&gt; &amp; &lt;a href='x'&gt;co&lt;/a&gt;: keep in touch"
    )


def test_a_tray_message_for_a_markup_server_is_escaped(tray):
    notifier = TrayNotifier(tray, body_markup=True)  # Qt passes the body to D-Bus unchanged
    assert notifier.notify(follow_up_note())
    assert tray.messages == [(f"Follow up with {NAME}", ESCAPED_NOTE)]


def test_qt_s_own_balloon_gets_the_text_as_written(tray):
    notifier = TrayNotifier(tray)  # Qt's balloon, Windows and macOS show plain text
    assert notifier.notify(follow_up_note())
    assert tray.messages == [(f"Follow up with {NAME}", NOTE)]


def test_a_3_mb_name_or_note_makes_a_bounded_notification():
    note = follow_up_note("N" * 3_000_000, "x" * 3_000_000)
    assert len(note.title) < plain.LINE + 40
    assert len(note.body) <= plain.TOOLTIP


def test_the_tray_menu_shows_names_literally(qapp):
    item = DueItem(7, NAME, DueKind.FOLLOW_UP, TODAY, NOTE, 1)
    menu = TrayMenu()
    menu.set_items([item], paused=False)
    [action] = menu.actions_named("dueItemAction")
    assert action.text() == "Ana <b>Lima</b> && co — follow up"  # && shows one "&"
    assert action.iconText().startswith("Ana <b>Lima</b> & co")
    assert action.toolTip() == plain.tooltip(NOTE)
    assert "<img" not in action.toolTip() and "&lt;img" in action.toolTip()
    [done] = menu.actions_named("doneAction")
    assert done.text().startswith("Ana <b>Lima</b> && co")
    menu.menu.deleteLater()


@pytest.fixture
def marked_up_db(tmp_path) -> Path:
    path = tmp_path / "markup.db"
    db.open(path)
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    ana = person(NAME)
    follow_ups.add(ana, dt.date.today() - dt.timedelta(days=1), NOTE)
    db.close_database()
    return path


@pytest.mark.desktop
@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "notifier"), [("sni", "dbus True"), ("none", "dbus False")], ids=["tray", "no-tray"]
)
def test_dunst_receives_the_note_escaped_on_every_path(marked_up_db, tmp_path, case, notifier):
    from tests.reminders.test_desktop import run_case

    report = run_case(case, marked_up_db, tmp_path / "home")
    assert report["notifier"] == notifier
    [shown] = report["notifications"]
    assert shown["summary"] == f"Follow up with {NAME}"  # dunst escapes the summary itself
    assert shown["body"] == ESCAPED_NOTE  # dunst renders body markup: it must arrive escaped
