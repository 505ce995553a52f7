"""`netdesk suggest` run as a real command on a real database with known answers."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from netdesk import db
from netdesk.core import needs
from netdesk.values import NeedKind
from tests.helpers.people import person

AT = dt.date(2026, 12, 6)


def network(db_path) -> dict[str, int]:
    db.open(db_path)
    ids = {
        "jamal": person("Jamal Reed"),
        "ana": person("Ana Souza"),
        "ben": person("Ben Okafor", org="Helix Bank", title="Senior Analyst"),
    }
    needs.add(ids["jamal"], NeedKind.NEED, "an analyst role", dt.date(2026, 12, 1))
    needs.add(ids["ana"], NeedKind.OFFER, "hiring analysts", dt.date(2026, 11, 20))
    needs.add(ids["ana"], NeedKind.NEED, "a flat in Porto", dt.date(2026, 1, 2))  # stale
    db.close_database()
    return ids


def netdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args], capture_output=True, text=True, check=False
    )


def test_suggest_json_from_the_real_command(db_path):
    ids = network(db_path)
    result = netdesk("suggest", "--json", "--at", "2026-12-06", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "need_person_id": ids["jamal"],
            "need_person": "Jamal Reed",
            "need": "an analyst role",
            "helper_id": ids["ana"],
            "helper": "Ana Souza",
            "reason": "Ana Souza can help with “hiring analysts” (matched: analyst)",
        },
        {
            "need_person_id": ids["jamal"],
            "need_person": "Jamal Reed",
            "need": "an analyst role",
            "helper_id": ids["ben"],
            "helper": "Ben Okafor",
            "reason": "Ben Okafor works as Senior Analyst at Helix Bank (matched: analyst)",
        },
    ]


def test_suggest_text_says_each_introduction_in_a_sentence(db_path):
    network(db_path)
    result = netdesk("suggest", "--at", "2026-12-06", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Jamal Reed is looking for “an analyst role”; Ana Souza can help with “hiring analysts”"
        " (matched: analyst): introduce them?",
        "Jamal Reed is looking for “an analyst role”; Ben Okafor works as Senior Analyst at"
        " Helix Bank (matched: analyst): introduce them?",
    ]


def test_suggest_on_an_empty_database_says_what_to_do(db_path):
    db.open(db_path)
    db.close_database()
    result = netdesk("suggest", "--json", "--db", str(db_path))
    assert (result.returncode, json.loads(result.stdout)) == (0, [])
    result = netdesk("suggest", "--db", str(db_path))
    assert result.stdout.startswith("No introductions to suggest")


def test_suggest_on_a_missing_database_is_one_line(tmp_path):
    result = netdesk("suggest", "--db", str(tmp_path / "nowhere" / "x.db"))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
