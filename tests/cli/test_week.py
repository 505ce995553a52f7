"""`netdesk week` run as a real command on a real database with known answers."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from netdesk import db
from netdesk.core import follow_ups, interactions, settings
from netdesk.core.interactions import InteractionDraft
from netdesk.values import Birthday
from tests.helpers.people import person

AT = "2026-12-09"


def network(db_path) -> dict[str, int]:
    db.open(db_path)
    ids = {
        "olga": person("Olga Berg", nurture=True, cadence_days=30),
        "bea": person("Bea Lund", birthday=Birthday(12, 11, 1986)),
        "carl": person("Carl Visser"),
        "fay": person("Fay Quist", circles=["Family"]),
    }
    interactions.log(InteractionDraft(dt.date(2026, 10, 30), people=[ids["olga"]]))
    follow_ups.add(ids["carl"], dt.date(2026, 12, 6), "Call back")
    db.close_database()
    return ids


def netdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args], capture_output=True, text=True, check=False
    )


def test_week_json_from_the_real_command(db_path):
    ids = network(db_path)
    result = netdesk("week", "--json", "--at", AT, "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "person_id": ids["olga"],
            "name": "Olga Berg",
            "reason": "Overdue by 10 days (every month; last contact 30 October 2026)",
            "kind": "overdue",
        },
        {
            "person_id": ids["bea"],
            "name": "Bea Lund",
            "reason": "Birthday on Friday 11 December (turns 40)",
            "kind": "birthday",
        },
        {
            "person_id": ids["carl"],
            "name": "Carl Visser",
            "reason": "Follow up: Call back (overdue by 3 days)",
            "kind": "follow_up",
        },
        {
            "person_id": ids["fay"],
            "name": "Fay Quist",
            "reason": "Family circle: start with people you know (no contact logged yet)",
            "kind": "warm_circle",
        },
    ]


def test_week_text_and_size(db_path):
    ids = network(db_path)
    result = netdesk("week", "--size", "2", "--at", AT, "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{ids['olga']:>6}  Olga Berg: Overdue by 10 days (every month; last contact 30 October"
        " 2026)",
        f"{ids['bea']:>6}  Bea Lund: Birthday on Friday 11 December (turns 40)",
    ]


def test_week_takes_its_size_from_the_setting(db_path):
    network(db_path)
    db.open(db_path)
    settings.put("people_per_week", 1)
    db.close_database()
    result = netdesk("week", "--json", "--at", AT, "--db", str(db_path))
    assert [i["name"] for i in json.loads(result.stdout)] == ["Olga Berg"]


def test_week_says_when_there_is_nobody(db_path):
    db.open(db_path)
    db.close_database()
    result = netdesk("week", "--at", AT, "--db", str(db_path))
    assert (result.returncode, result.stdout) == (0, "Nobody to reach out to this week.\n")


def test_a_bad_size_is_one_line_of_usage(db_path):
    result = netdesk("week", "--size", "none", "--db", str(db_path))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "netdesk week: error: argument --size: a number of people from 1 to 1000: none"
    )
    assert not db_path.exists()  # nothing was opened, let alone created
