"""`netdesk-reminders --once`, `--self-test` and errors, as real processes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk import db
from netdesk.core import follow_ups
from tests.helpers.paths import REPO
from tests.helpers.people import person


def reminders(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # never a popup on a developer's desktop
    return subprocess.run(
        [sys.executable, "-m", "netdesk.reminders", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=timeout,
    )


@pytest.fixture
def due_db(tmp_path) -> Path:
    """A closed database where Ana is overdue and Ben has a follow-up today."""
    path = tmp_path / "due.db"
    db.open(path)
    today = dt.date.today()
    person("Ana Lima", cadence_days=30, met_on=today - dt.timedelta(days=45))
    follow_ups.add(person("Ben Okafor"), today, "Send the slides")
    db.close_database()
    return path


def test_once_prints_what_it_notified_and_says_when_nothing_new_is_due(due_db):
    first = reminders("--once", "--db", str(due_db))
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert len(lines) == 2
    assert "keep_in_touch  Ana Lima: Get back in touch" in lines[0]
    assert lines[1].endswith("follow_up      Ben Okafor: Send the slides")
    second = reminders("--once", "--db", str(due_db))
    assert (second.returncode, second.stdout) == (0, "Nothing new is due now.\n")


def test_once_json_twice(due_db):
    first = reminders("--once", "--json", "--db", str(due_db))
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["summary"] == "Notified 2 reminders."
    items = report["notified"]
    assert [(i["name"], i["kind"]) for i in items] == [
        ("Ana Lima", "keep_in_touch"),
        ("Ben Okafor", "follow_up"),
    ]
    assert set(items[0]) == {"person_id", "name", "kind", "due", "detail"}
    assert items[1]["due"] == dt.date.today().isoformat()
    second = reminders("--once", "--json", "--db", str(due_db))
    assert second.returncode == 0
    assert json.loads(second.stdout) == {"notified": [], "summary": "Nothing new is due now."}


def test_self_test_builds_the_tray_machinery_offscreen():
    done = reminders("--self-test")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "netdesk-reminders self-test ok"


def test_a_missing_folder_is_one_line_and_exit_1(tmp_path):
    done = reminders("--once", "--db", str(tmp_path / "nowhere" / "x.db"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"netdesk-reminders: The folder {tmp_path / 'nowhere'} does not exist."
    ]


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("shopping list")
    done = reminders("--db", str(bad))
    assert done.returncode == 1
    assert done.stderr.strip() == "netdesk-reminders: notes.db is not a netdesk database."
    assert bad.read_text() == "shopping list"


def test_usage_errors_exit_2():
    done = reminders("--frobnicate")
    assert done.returncode == 2
    assert "usage: netdesk-reminders" in done.stderr
