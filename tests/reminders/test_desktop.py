"""The real `netdesk-reminders` process in a real (virtual) desktop session.

Each case starts its own session bus (`dbus-run-session`), Xvfb on a free display and dunst, plus
a StatusNotifierItem watcher or an XEmbed tray (trayer) or no tray at all, then checks that the
reminder reached the notification daemon. Missing programs fail the test: `.ci/run` installs them
with `.ci/desktop-deps.sh`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk import db
from netdesk.core import settings
from tests.helpers.people import person

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

DRIVER = Path(__file__).with_name("desktop_driver.py")
NEEDED = {
    "sni": ["dbus-run-session", "Xvfb", "dunst", "dunstctl", "status-notifier-watcher"],
    "late-sni": ["dbus-run-session", "Xvfb", "dunst", "dunstctl", "status-notifier-watcher"],
    "xembed": ["dbus-run-session", "Xvfb", "dunst", "dunstctl", "trayer", "xdotool"],
    "none": ["dbus-run-session", "Xvfb", "dunst", "dunstctl"],
    "window": ["dbus-run-session", "Xvfb", "dunst", "dunstctl"],
}


def require(programs: list[str]) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.fail(
            f"desktop test programs missing: {', '.join(missing)}; "
            "install them with .ci/desktop-deps.sh (which .ci/run calls)",
            pytrace=False,
        )


@pytest.fixture
def overdue_db(tmp_path) -> tuple[Path, int]:
    path = tmp_path / "desktop.db"
    db.open(path)
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    met = dt.date.today() - dt.timedelta(days=40)
    ana = person("Ana Lima", cadence_days=30, met_on=met)
    db.close_database()
    return path, ana


def run_case(
    case: str, db_path: Path, home: Path, *, click: bool = False, act: str | None = None
) -> dict:
    require(NEEDED[case])
    out = home / "report.json"
    command = ["dbus-run-session", "--", sys.executable, str(DRIVER), case]
    command += [str(db_path), str(home), str(out)] + (["--click"] if click else [])
    command += ["--act", act] if act else []
    done = subprocess.run(command, capture_output=True, text=True, timeout=50)
    assert out.exists(), f"the driver wrote no report: {done.stderr[-2000:]}"
    report = json.loads(out.read_text())
    assert "error" not in report, f"{report['error']}\nlog:\n{report.get('log')}"
    assert report.get("service_rc", 0) == 0, report.get("service_stderr")
    return report


def summaries(report: dict) -> list[str]:
    return [n["summary"] for n in report["notifications"]]


def test_with_a_status_notifier_watcher_the_tray_message_reaches_dunst(overdue_db, tmp_path):
    db_path, _ana = overdue_db
    report = run_case("sni", db_path, tmp_path / "home")
    assert report["notifier"] == "dbus True"  # ours carries actions; Qt's tray message has none
    assert summaries(report) == ["Keep in touch with Ana Lima"]
    assert len(report["tray_items"]) == 1  # the icon is a StatusNotifierItem the watcher knows


def test_a_watcher_that_appears_later_gets_a_fresh_tray_icon(overdue_db, tmp_path):
    db_path, _ana = overdue_db
    report = run_case("late-sni", db_path, tmp_path / "home")
    assert report["first_notifier"] == "dbus False"
    assert summaries(report) == ["Keep in touch with Ana Lima"]  # sent over D-Bus at first
    assert report["notifier"] == "dbus True"  # then the service made its tray icon again
    assert len(report["tray_items"]) == 1


def test_without_any_tray_the_dbus_notification_reaches_dunst_and_a_click_opens_ana(
    overdue_db, tmp_path
):
    db_path, ana = overdue_db
    report = run_case("none", db_path, tmp_path / "home", click=True)
    assert report["notifier"] == "dbus False"
    assert summaries(report) == ["Keep in touch with Ana Lima"]
    [note] = report["notifications"]
    assert note["appname"] == "netdesk"
    assert "every month" in note["body"]
    assert report["clicked"] == {"cmd": "show_person", "id": ana}


def test_with_only_an_xembed_tray_the_reminder_still_reaches_dunst(overdue_db, tmp_path):
    db_path, _ana = overdue_db
    report = run_case("xembed", db_path, tmp_path / "home")
    assert report["notifier"] == "tray+dbus True"  # Qt's own balloon, and dunst as well
    assert summaries(report) == ["Keep in touch with Ana Lima"]


def menu_actions(report: dict) -> dict[str, str]:
    """The actions dunst offered in its context menu ("#Label (summary) [id,key]"), by key."""
    actions = {}
    for line in report["menu"]:
        rest, _, key = line.rstrip("]").rpartition(",")
        label = rest[1:].rpartition(" (")[0]
        actions[key] = label
    return actions


def test_dunst_loads_netdesk_s_icon(overdue_db, tmp_path):
    db_path, _ana = overdue_db
    report = run_case("none", db_path, tmp_path / "home")
    [note] = report["notifications"]
    assert note["icon_path"].endswith("netdesk.svg")
    assert "No icon found" not in report["dunst_log"]
    assert "Failed to load image" not in report["dunst_log"]


def test_snooze_picked_in_dunst_snoozes_ana_for_an_hour(overdue_db, tmp_path):
    db_path, ana = overdue_db
    report = run_case("none", db_path, tmp_path / "home", act="snooze")
    assert menu_actions(report) == {
        "default": "Open",
        "open": "Open",
        "snooze": "Snooze an hour",
        "done:0": "I got in touch (log it)",
        "done:1": "Dismiss",
    }
    assert report["acted"] == ["snooze"]
    [row] = stored(db_path, "SELECT person_id, snoozed_until FROM reminder_log")
    assert row[0] == ana and row[1] is not None


def test_with_a_tray_done_picked_in_dunst_logs_that_i_got_in_touch(overdue_db, tmp_path):
    db_path, ana = overdue_db
    report = run_case("sni", db_path, tmp_path / "home", act="done:0")
    assert menu_actions(report)["done:0"] == "I got in touch (log it)"
    assert report["acted"] == ["done:0"]
    assert stored(db_path, "SELECT person_id FROM participant") == [(ana,)]
    assert stored(db_path, "SELECT dismissed_at IS NOT NULL FROM reminder_log") == [(1,)]


def test_open_picked_in_dunst_opens_ana_in_the_window(overdue_db, tmp_path):
    db_path, ana = overdue_db
    report = run_case("none", db_path, tmp_path / "home", act="open")
    assert report["acted"] == ["open"]
    assert report["clicked"] == {"cmd": "show_person", "id": ana}


def stored(db_path: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql).fetchall()


def test_the_window_starts_the_service_and_a_reminder_comes_after_it_closed(tmp_path):
    """As a user: open netdesk, close it; a follow-up falling due later still reaches dunst."""
    path = tmp_path / "window.db"
    db.open(path)
    settings.put("quiet_start", "")  # whatever the hour the suite runs at
    person("Ana Lima")  # nothing due yet
    db.close_database()
    report = run_case("window", path, tmp_path / "home")
    assert report["service_pid"] > 0
    assert report["service_alive"]  # the window closed, its service went on
    assert summaries(report) == ["Follow up with Ana Lima"]
    [note] = report["notifications"]
    assert note["body"] == "Send the deck"
