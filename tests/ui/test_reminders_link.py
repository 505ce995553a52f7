"""The window and the reminders service: the window starts the service (a real, detached
`netdesk-reminders` process) so reminders keep coming after it closes, and offers once to start
the service at login."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, Qt

from netdesk import db
from netdesk.core import settings
from netdesk.qt.single_instance import SingleInstance, lock_path
from netdesk.reminders import client
from netdesk.system import autostart
from netdesk.ui.widgets.login_offer import LoginOffer
from netdesk.ui.window import reminders_link
from tests.helpers.people import person
from tests.helpers.window_start import started_windows

SERVICE_START_MS = 30_000  # a cold Python and Qt start on a busy two-core machine


def service_answers() -> bool:
    return SingleInstance.send(client.service_name(), client.PING, timeout_ms=200)


def service_pid() -> int:
    info = QLockFile(lock_path(client.service_name())).getLockInfo()
    return int(info[0]) if info else 0


@pytest.fixture
def stop_service():
    """Ends the service the window started, by its pid, whatever the test did."""
    yield
    if service_answers():
        SingleInstance.send(client.service_name(), {"cmd": "quit"})
    pid = service_pid()
    if pid > 0:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


@pytest.fixture
def overdue_db(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("NETDESK_START_REMINDERS")  # this is what these tests are about
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # the service logs, no popup
    path = tmp_path / "window.db"
    db.open(path)
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    person("Ana Lima", cadence_days=30, met_on=dt.date.today() - dt.timedelta(days=40))
    db.close_database()
    return path


def notified(db_path: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute("SELECT kind, notified_at IS NOT NULL FROM reminder_log").fetchall()


@pytest.fixture
def start_window(monkeypatch):
    """`app.start` as `netdesk --db PATH` runs it; the window, lock and log are undone after."""
    with started_windows(monkeypatch) as start:
        yield lambda db_path: start(db_path)[1]


def test_the_window_starts_the_service_and_reminders_come_after_it_closes(
    qtbot, overdue_db, stop_service, start_window
):
    assert not service_answers()
    window = start_window(overdue_db)
    window.show()
    qtbot.waitUntil(service_answers, timeout=SERVICE_START_MS)
    window.close()
    # the window is gone; the service it started notices Ana is due and notifies
    qtbot.waitUntil(lambda: notified(overdue_db) == [("keep_in_touch", 1)], timeout=10_000)
    assert service_answers()
    answers: list[bool] = []
    client.ensure_running(overdue_db, answers.append)  # a second window start: no second service
    qtbot.waitUntil(lambda: answers == [False])


def test_the_setting_keeps_the_window_from_starting_the_service(
    qtbot, overdue_db, monkeypatch, start_window
):
    db.open(overdue_db)
    settings.put(reminders_link.SETTING, False)
    db.close_database()
    # a stand-in for the detached start, which would outlive the test if the setting were ignored
    calls: list[object] = []
    monkeypatch.setattr(client, "ensure_running", calls.append)
    window = start_window(overdue_db)
    window.show()
    qtbot.waitUntil(lambda: window._after_paint is None)  # the start's work has been handed out
    qtbot.waitUntil(lambda: not window.workers.busy)  # and every answer delivered
    assert calls == []


def test_the_service_is_told_the_database_unless_it_is_the_default(tmp_path):
    from netdesk.system import paths

    assert reminders_link.db_argument(paths.default_db_path()) is None
    other = tmp_path / "other.db"
    assert reminders_link.db_argument(other) == other.resolve()


# --- the login offer ----------------------------------------------------------------------------


def offer(window) -> LoginOffer | None:
    banner = window.findChild(LoginOffer, "login_offer")
    return banner if banner is not None and banner.isVisible() else None


def test_the_first_start_offers_reminders_at_login_checked_and_ok_writes_the_entry(
    make_window, qtbot
):
    window = make_window()
    reminders_link.offer_login(window)
    banner = offer(window)
    assert banner is not None
    assert banner.at_login.isChecked()  # the installed app: on by default
    qtbot.waitUntil(lambda: banner.height() > 0 and window.splitter.y() >= banner.height())
    needed = max(banner.sizeHint().height(), banner.heightForWidth(banner.width()))
    assert banner.height() <= needed  # a line above the panes, not half the window
    assert not autostart.is_enabled()
    qtbot.mouseClick(banner.ok, Qt.MouseButton.LeftButton)
    assert offer(window) is None
    assert autostart.is_enabled()
    entry = autostart.desktop_entry_path().read_text(encoding="utf-8")
    assert "netdesk-reminders" in entry
    assert "\nIcon=org.netdesk.netdesk\n" in entry  # the name the installed icon theme has
    reminders_link.offer_login(window)  # the next start: asked once is enough
    assert offer(window) is None


def test_unticking_the_offer_writes_nothing_and_it_is_not_asked_again(make_window, qtbot):
    window = make_window()
    reminders_link.offer_login(window)
    banner = offer(window)
    assert banner is not None
    banner.at_login.setChecked(False)
    qtbot.mouseClick(banner.ok, Qt.MouseButton.LeftButton)
    assert not autostart.is_enabled()
    assert not autostart.desktop_entry_path().exists()
    reminders_link.offer_login(window)
    assert offer(window) is None


def test_no_offer_when_reminders_already_start_at_login(make_window):
    autostart.enable()
    window = make_window()
    reminders_link.offer_login(window)
    assert offer(window) is None


def test_a_window_start_shows_the_offer_after_its_first_paint(qtbot, tmp_path, start_window):
    window = start_window(tmp_path / "first.db")
    assert offer(window) is None
    window.show()
    qtbot.waitUntil(lambda: offer(window) is not None)
