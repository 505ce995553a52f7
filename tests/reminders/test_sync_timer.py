"""The reminders service's syncing: every 15 minutes, a minute after a change, back-off 1, 2, 4 …
60 minutes while the server is away and reset by a success. The decisions run on an injected
clock; the runs are real (vdirsyncer against a closed port, then a real Radicale)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest

from netdesk.core import people, settings
from netdesk.core.people import PersonDraft
from netdesk.core.sync import accounts
from netdesk.qt.sync_worker import Outcome
from netdesk.qt.workers import Workers
from netdesk.reminders.service import ReminderService
from netdesk.reminders.sync_timer import Schedule, SyncTimer
from tests.helpers.radicale import PASSWORD, USER, Radicale, free_port
from tests.helpers.reminders import START

MINUTE = dt.timedelta(minutes=1)


def failed(name: str = "home") -> Outcome:
    return Outcome(name, f"Sync with {name} failed: cannot reach it.", "cannot reach it.", "x")


def ok(name: str = "home") -> Outcome:
    return Outcome(name, f"Synced with {name}: nothing changed")


def waits(schedule: Schedule, name: str = "home") -> dt.timedelta:
    return schedule.plans[name].next_at - schedule.clock.now()


@pytest.fixture
def schedule(rstore, clock) -> Schedule:
    accounts.add("https://dav.example.org/", USER, PASSWORD, name="home")
    made = Schedule(clock)
    made.follow(accounts.all_accounts())
    return made


@pytest.fixture
def timer(qapp, rstore, clock) -> Iterator[SyncTimer]:
    made = SyncTimer(clock)
    yield made
    made.stop()


def test_a_new_account_syncs_a_minute_after_start_then_every_15_minutes(schedule, clock):
    assert schedule.due() == [] and waits(schedule) == MINUTE
    clock.advance(MINUTE)
    assert schedule.due() == ["home"]
    schedule.finished([ok()])
    assert waits(schedule) == 15 * MINUTE
    assert schedule.last_line == "Last sync: 10:01"


def test_a_failing_sync_waits_1_2_4_up_to_60_minutes_and_a_success_resets_it(schedule, clock):
    seen = []
    for _ in range(8):
        schedule.finished([failed()])
        seen.append(waits(schedule) // MINUTE)
        clock.advance(waits(schedule))
    assert seen == [1, 2, 4, 8, 16, 32, 60, 60]
    schedule.finished([ok()])
    assert waits(schedule) == 15 * MINUTE
    schedule.finished([failed()])
    assert waits(schedule) == MINUTE


def test_a_change_syncs_a_minute_later_and_more_changes_wait_but_never_past_the_period(
    schedule, clock
):
    schedule.finished([ok()])
    clock.advance(5 * MINUTE)
    schedule.changed()
    assert waits(schedule) == MINUTE
    for _ in range(12):  # a change every 50 s for ten minutes
        clock.advance(dt.timedelta(seconds=50))
        schedule.changed()
    assert schedule.plans["home"].next_at == START + 15 * MINUTE  # the period, not later


def test_changes_do_not_shorten_the_back_off_while_the_server_is_away(schedule, clock):
    for _ in range(3):
        schedule.finished([failed()])
    schedule.changed()
    assert waits(schedule) == 4 * MINUTE


def test_a_busy_lock_is_no_failure(schedule):
    schedule.finished([Outcome("home", "another sync is running", "busy", "busy")])
    assert schedule.plans["home"].failures == 0 and waits(schedule) == MINUTE


def test_a_run_that_said_nothing_for_an_account_backs_off_rather_than_loops(schedule, clock):
    clock.advance(MINUTE)
    schedule.finished([Outcome("", "Sync with the server failed: disk I/O error", "disk", "")])
    assert schedule.plans["home"].failures == 1 and waits(schedule) == MINUTE


def test_a_restart_waits_for_the_period_after_a_recent_good_sync(rstore, clock):
    account, _ = accounts.add("https://dav.example.org/", USER, PASSWORD, name="home")
    account.last_sync = (START - 5 * MINUTE).astimezone().isoformat()
    account.last_result = {"pulled_new": 0}
    accounts.save(account)
    schedule = Schedule(clock)
    schedule.follow(accounts.all_accounts())
    assert waits(schedule) == 10 * MINUTE
    schedule.follow([])  # removed: no plan left
    assert schedule.plans == {} and schedule.next_moment() is None


def test_a_real_failure_logs_one_line_and_backs_off(timer, clock, qtbot, caplog):
    accounts.add(f"http://127.0.0.1:{free_port()}/", USER, PASSWORD, name="home")
    timer.start()
    assert not timer.runner.running  # a minute after start
    clock.advance(MINUTE)
    lines: list[str] = []
    timer.line_changed.connect(lines.append)
    with caplog.at_level(logging.WARNING, logger="netdesk.reminders.sync_timer"):
        timer.tick()
        assert timer.runner.running  # on a worker: the tray keeps answering
        qtbot.waitUntil(lambda: not timer.runner.running, timeout=60_000)
    [record] = [r for r in caplog.records if r.name == "netdesk.reminders.sync_timer"]
    message = record.getMessage()
    assert message.startswith("Sync with home failed: cannot reach 127.0.0.1:")
    assert message.endswith("; trying again in 1 minute(s)") and "\n" not in message
    assert timer.schedule.plans["home"].failures == 1 and waits(timer.schedule) == MINUTE
    assert lines == ["Last sync failed at 10:01; next try at 10:02"]


def test_the_sync_s_own_writes_are_no_change_but_another_connection_s_are(timer, clock, qtbot):
    accounts.add(f"http://127.0.0.1:{free_port()}/", USER, PASSWORD, name="home")
    timer.start()
    clock.advance(MINUTE)
    timer.tick()
    qtbot.waitUntil(lambda: not timer.runner.running, timeout=60_000)  # it wrote its result
    timer.schedule.record(ok())  # healthy again: 15 minutes to the next sync
    timer.data_changed()  # the window passing on the sync's own write
    assert waits(timer.schedule) == 15 * MINUTE
    edit_in_another_connection(qtbot)
    timer.data_changed()
    assert waits(timer.schedule) == MINUTE


def edit_in_another_connection(qtbot) -> None:
    """What the window's edit looks like from here: a commit through another connection."""
    workers = Workers()
    task = workers.start(lambda _p: people.create(PersonDraft(display_name="Ana Souza")))
    qtbot.waitUntil(lambda: task.done, timeout=10_000)


def test_offline_then_back_a_real_server_resets_the_back_off(timer, clock, qtbot, tmp_path):
    server = Radicale(tmp_path / "radicale")
    accounts.add(server.url, USER, PASSWORD, name="home")
    timer.start()
    clock.advance(MINUTE)
    timer.tick()  # the server is not running yet
    qtbot.waitUntil(lambda: not timer.runner.running, timeout=60_000)
    assert timer.schedule.plans["home"].failures == 1
    server.start()
    try:
        clock.advance(MINUTE)
        timer.tick()
        qtbot.waitUntil(lambda: not timer.runner.running, timeout=120_000)
    finally:
        server.stop()
    assert timer.schedule.plans["home"].failures == 0
    assert waits(timer.schedule) == 15 * MINUTE
    assert "error" not in accounts.find("home").last_result


def test_the_service_syncs_a_minute_after_the_window_s_reload(qapp, rstore, clock, qtbot):
    service = ReminderService(clock)
    try:
        accounts.add("https://dav.example.org/", USER, PASSWORD, name="home")
        service.start()
        service.sync.schedule.finished([ok()])
        settings.put("birthday_lead_days", 5)  # this process's own write, echoed by the window
        service.on_message({"cmd": "reload"})
        assert waits(service.sync.schedule) == 15 * MINUTE
        edit_in_another_connection(qtbot)
        service.on_message({"cmd": "reload"})
        assert waits(service.sync.schedule) == MINUTE
    finally:
        service.stop()


def test_the_tray_says_when_the_last_sync_was(qapp, rstore, clock, qtbot):
    accounts.add(f"http://127.0.0.1:{free_port()}/", USER, PASSWORD, name="home")
    service = ReminderService(clock)
    try:
        service.start()
        clock.advance(MINUTE)
        service.sync.tick()
        qtbot.waitUntil(lambda: not service.sync.runner.running, timeout=60_000)
        assert service.menu.tray.toolTip() == (
            "netdesk: nothing is due\nLast sync failed at 10:01; next try at 10:02"
        )
    finally:
        service.stop()
