"""`netdesk import FILE.ics` run as a real command on a real database: meetings become events,
attendees are matched, people are created only with --create-people, a second run adds no
event, and a file that is no calendar is refused in one line with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from netdesk import db
from netdesk.db.models import Event, Person
from tests.helpers.paths import FIXTURES
from tests.helpers.people import person

GOOGLE = str(FIXTURES / "ics" / "google.ics")


def netdesk(*args: str) -> subprocess.CompletedProcess[str]:
    # the user's time zone decides the local day of a meeting set in another zone
    env = {**os.environ, "TZ": "Europe/Paris"}
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args], capture_output=True, text=True, env=env
    )


def stored(db_path) -> tuple[list[tuple[str, str]], list[str]]:
    db.open(db_path)
    try:
        meetings = [(e.name, e.date.isoformat()) for e in Event.select().order_by(Event.date)]
        return meetings, sorted(p.display_name for p in Person.select())
    finally:
        db.close_database()


def with_ana(db_path) -> None:
    db.open(db_path)
    person("Ana Souza", email="ana.souza@example.com")
    db.close_database()


def test_import_json_reports_meetings_and_attendees_and_creates_nobody(db_path):
    with_ana(db_path)
    result = netdesk("import", GOOGLE, "--json", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    [calendar] = json.loads(result.stdout)["calendars"]
    assert (calendar["events"], calendar["events_new"], calendar["people_new"]) == (2, 2, 0)
    call = next(m for m in calendar["meetings"] if m["summary"] == "Partnership call")
    assert call["date"] == "2026-12-15"  # 21:00 in New York is the next morning in Paris
    assert call["matched"] == [{"id": 1, "name": "Ana Souza", "by": "email"}]
    assert call["unmatched"] == [
        {"name": "Bruno Keller", "email": "bruno.keller@fjordlight.example"},
        {"name": "", "email": "chloe.martin@example.org"},
    ]
    assert stored(db_path) == (
        [("Weekly mentoring", "2026-01-05"), ("Partnership call", "2026-12-15")],
        ["Ana Souza"],
    )


def test_a_second_run_adds_no_event_and_create_people_adds_the_attendees(db_path):
    with_ana(db_path)
    assert netdesk("import", GOOGLE, "--db", str(db_path)).returncode == 0
    result = netdesk("import", GOOGLE, "--create-people", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "2 meetings; imported 0 new events (2 already imported); 3 new people" in result.stdout
    assert "Partnership call: Ana Souza, Bruno Keller (new), chloe.martin@example.org (new)" in (
        result.stdout
    )
    meetings, people = stored(db_path)
    assert len(meetings) == 2
    assert people == ["Ana Souza", "Bruno Keller", "David Osei", "chloe.martin@example.org"]


def test_without_create_people_the_text_report_says_how_to_add_them(db_path):
    result = netdesk("import", GOOGLE, "--db", str(db_path))
    assert "Bruno Keller (unmatched)" in result.stdout
    assert "attendees as people: run it again with --create-people" in result.stdout


def test_a_dry_run_writes_nothing(db_path):
    with_ana(db_path)
    result = netdesk(
        "import", GOOGLE, "--dry-run", "--create-people", "--json", "--db", str(db_path)
    )
    assert result.returncode == 0, result.stderr
    [calendar] = json.loads(result.stdout)["calendars"]
    assert calendar["dry_run"] and calendar["events_new"] == 2 and calendar["people_new"] == 3
    assert stored(db_path) == ([], ["Ana Souza"])


def test_contacts_and_a_calendar_in_one_run(db_path):
    vcards = str(FIXTURES / "vcards" / "names.vcf")
    result = netdesk("import", vcards, GOOGLE, "--json", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert [f["file"] for f in out["files"]] == [vcards]
    assert [c["file"] for c in out["calendars"]] == [GOOGLE]


def test_a_file_that_is_no_calendar_is_refused_in_one_line_and_nothing_is_written(
    db_path, tmp_path
):
    with_ana(db_path)
    fake = tmp_path / "meetings.ics"
    fake.write_text("BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n")
    result = netdesk("import", str(fake), "--db", str(db_path))
    assert result.returncode == 1
    assert result.stderr == (
        f"netdesk: {fake}: This is not an iCalendar file (no BEGIN:VCALENDAR).\n"
    )
    assert stored(db_path) == ([], ["Ana Souza"])


def test_undo_import_takes_a_calendar_import_back(db_path):
    with_ana(db_path)
    result = netdesk("import", GOOGLE, "--create-people", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "  to undo: netdesk undo-import 1" in result.stdout.splitlines()
    listed = netdesk("imports", "--db", str(db_path))
    assert "google.ics (ics)" in listed.stdout
    undone = netdesk("undo-import", "1", "--db", str(db_path))
    assert undone.returncode == 0, undone.stderr
    assert undone.stdout == "Undid import 1: removed 3 people, restored 1.\n"
    assert stored(db_path) == ([], ["Ana Souza"])
