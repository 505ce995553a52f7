"""The Qt service offscreen: tray menu, timers' passes, messages and notification actions.

Notes go to a recording notifier (a real `Notifier` subclass: there is no desktop here); opening a
person goes through a real single-instance socket standing in for the window.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from netdesk.core import follow_ups, interactions, settings
from netdesk.db.models import ReminderLog
from netdesk.qt.single_instance import SingleInstance
from netdesk.reminders import client
from netdesk.reminders.notes import Note, NoteKind
from netdesk.reminders.notifiers import Notifier
from netdesk.reminders.service import ReminderService
from netdesk.system import paths
from tests.helpers.people import person
from tests.helpers.reminders import START, overdue_person


class RecordingNotifier(Notifier):
    name = "recording"

    def __init__(self, works: bool = True) -> None:
        super().__init__()
        self.notes: list[Note] = []
        self.works = works

    def notify(self, note: Note) -> bool:
        self.notes.append(note)
        return self.works


@pytest.fixture
def recorder() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def service(qapp, rstore, clock, recorder):
    made = ReminderService(clock, notifier_factory=lambda _tray: recorder)
    yield made
    made.stop()


@pytest.fixture
def window(qapp):
    """A stand-in for the netdesk window: its real single-instance socket."""
    instance = SingleInstance(paths.runtime_name("gui"))
    assert instance.acquire()
    yield instance
    instance.release()


def menu_texts(service: ReminderService, name: str) -> list[str]:
    return [a.text() for a in service.menu.actions_named(name)]


def trigger(service: ReminderService, name: str, index: int = 0) -> None:
    service.menu.actions_named(name)[index].trigger()


def test_start_notifies_lists_the_menu_and_sleeps_until_midnight(service, recorder):
    overdue_person("Ana Lima")
    service.start()
    assert [n.kind for n in recorder.notes] == [NoteKind.ITEM]
    assert recorder.notes[0].title == "Keep in touch with Ana Lima"
    assert menu_texts(service, "dueItemAction") == ["Ana Lima — keep in touch"]
    assert menu_texts(service, "headerAction") == ["1 thing due"]
    assert service.next_at == dt.datetime.combine(START.date() + dt.timedelta(days=1), dt.time())
    assert isinstance(service.menu.tray, QSystemTrayIcon)


def test_clicking_a_due_item_opens_that_person_in_the_window(qtbot, service, window):
    ana = overdue_person("Ana Lima")
    service.start()
    with qtbot.waitSignal(window.message_received) as received:
        trigger(service, "dueItemAction")
    assert received.args == [{"cmd": "show_person", "id": ana}]


def test_open_netdesk_raises_the_running_window(qtbot, service, window):
    service.start()
    with qtbot.waitSignal(window.message_received) as received:
        trigger(service, "openAction")
    assert received.args == [{"cmd": "raise"}]


def test_snooze_all_from_the_menu(service, clock):
    overdue_person("Ana Lima")
    overdue_person("Ben Okafor")
    service.start()
    trigger(service, "snooze_hour")
    assert menu_texts(service, "dueItemAction") == []
    assert service.next_at == clock.now() + dt.timedelta(hours=1)
    assert ReminderLog.select().where(ReminderLog.snoozed_until.is_null(False)).count() == 2


def test_pause_for_today_then_resume(service, recorder, clock):
    service.start()
    trigger(service, "pauseAction")
    assert settings.get("paused_until") == "2025-03-11T00:00"
    assert menu_texts(service, "resumeAction") == ["Resume reminders"]
    overdue_person("Ana Lima")
    service.reload()
    assert recorder.notes == []
    trigger(service, "resumeAction")
    assert [n.title for n in recorder.notes] == ["Keep in touch with Ana Lima"]
    assert menu_texts(service, "pauseAction") == ["Pause for today"]


def test_done_from_the_menu_logs_that_i_got_in_touch(service):
    ana = overdue_person("Ana Lima")
    service.start()
    assert menu_texts(service, "doneAction") == [
        "Ana Lima — keep in touch: I got in touch (log it)",
        "Ana Lima — keep in touch: Dismiss",
    ]
    trigger(service, "doneAction", 0)
    entries = interactions.timeline(ana)
    assert [(e.when, str(e.kind)) for e in entries] == [(START.date(), "other")]
    assert menu_texts(service, "dueItemAction") == []


def test_a_reload_message_from_the_window_notifies_a_new_follow_up(qtbot, service, recorder):
    instance = SingleInstance(client.service_name())
    assert instance.acquire()
    instance.message_received.connect(service.on_message)
    try:
        service.start()
        assert recorder.notes == []
        follow_ups.add(person("Ben Okafor"), START.date(), "Send the slides")
        with qtbot.waitSignal(instance.message_received):
            client.notify_reload()
        assert [n.title for n in recorder.notes] == ["Follow up with Ben Okafor"]
    finally:
        instance.release()


def test_notify_reload_is_silent_without_a_service(qapp):
    client.notify_reload()  # must neither raise nor block
    assert not SingleInstance.send(client.service_name(), {"cmd": "ping"})


def test_waking_from_sleep_gives_one_catch_up_summary(service, recorder, clock):
    base = START.date()
    for n in range(1, 4):
        person(f"Person {n}", cadence_days=30, met_on=base - dt.timedelta(days=30 - n))
    service.start()
    assert recorder.notes == []
    clock.sleep(dt.timedelta(days=3))
    service._on_tick()
    assert [(n.kind, len(n.items)) for n in recorder.notes] == [(NoteKind.AWAY, 3)]


def test_a_late_timer_is_caught_by_the_tick(qapp, rstore, clock, recorder):
    person("Ana Lima", cadence_days=30, met_on=START.date() - dt.timedelta(days=29))
    clock.set(dt.datetime.combine(START.date(), dt.time(23, 59, 30)))
    service = ReminderService(clock, notifier_factory=lambda _tray: recorder)
    service.start()
    assert recorder.notes == []
    clock.advance(dt.timedelta(seconds=60))  # past midnight; the fake clock fires no QTimer
    service._on_tick()
    service.stop()
    assert [n.title for n in recorder.notes] == ["Keep in touch with Ana Lima"]


def test_notification_actions_snooze_and_done(service, recorder, clock):
    ben = person("Ben Okafor")
    reminder = follow_ups.add(ben, START.date(), "Send the slides")
    service.start()
    note = recorder.notes[0]
    service.on_note_action(note, "snooze")
    assert service.scheduler.current == []
    clock.advance(dt.timedelta(hours=1))
    service.check()
    assert len(recorder.notes) == 2
    service.on_note_action(recorder.notes[1], "done:0")
    assert follow_ups.for_person(ben) == []
    assert follow_ups.for_person(ben, include_done=True)[0].ref == reminder


def test_opening_from_a_notification(qtbot, service, recorder, window):
    ana = overdue_person("Ana Lima")
    service.start()
    with qtbot.waitSignal(window.message_received) as received:
        service.on_note_action(recorder.notes[0], "open")
    assert received.args == [{"cmd": "show_person", "id": ana}]


def test_show_message_without_a_tray_says_what_is_due(service, recorder):
    overdue_person("Ana Lima")
    service.start()
    service.on_message({"cmd": "show"})
    assert [n.kind for n in recorder.notes] == [NoteKind.ITEM, NoteKind.STATUS]
    assert recorder.notes[1].title == "netdesk: 1 thing is due"


def test_a_failing_backend_falls_back_to_the_log(qapp, rstore, clock, caplog):
    overdue_person("Ana Lima")
    broken = RecordingNotifier(works=False)
    service = ReminderService(clock, notifier_factory=lambda _tray: broken)
    try:
        service.start()
    finally:
        service.stop()
    assert service.delivered == [("log", "Keep in touch with Ana Lima")]
    assert "REMINDER Keep in touch with Ana Lima" in caplog.text


def test_the_menu_caps_long_lists(service):
    for n in range(20):
        overdue_person(f"Person {n:02d}")
    service.start()
    assert len(menu_texts(service, "dueItemAction")) == 15
    assert menu_texts(service, "headerAction") == ["20 things due"]


def test_unknown_messages_are_ignored(service, recorder):
    service.start()
    service.on_message({"cmd": "format the disk"})
    service.on_message({"cmd": "ping"})
    assert recorder.notes == []
