"""`netdesk paths` run as a real command on a real database with known answers."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from netdesk import db
from netdesk.core import interactions, people
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft, PositionDraft

D = dt.date


def network(db_path) -> dict[str, int]:
    """Ana (spoken to three weeks before 2026-12-06, nurtured) worked with Jamal at Fjordlight;
    Jamal now leads data at Lumen and was never spoken to."""
    db.open(db_path)
    jamal = people.create(
        PersonDraft(
            display_name="Jamal Reyes",
            positions=[
                PositionDraft("Lumen", "Data Lead", start=D(2022, 1, 1)),
                PositionDraft("Fjordlight", "Analyst", start=D(2019, 1, 1), end=D(2021, 6, 30)),
            ],
        )
    )
    ana = people.create(
        PersonDraft(
            display_name="Ana Souza",
            nurture=True,
            positions=[PositionDraft("Fjordlight", "Engineer", start=D(2018, 3, 1), end=None)],
        )
    )
    interactions.log(InteractionDraft(when=D(2026, 11, 15), people=[ana]))
    db.close_database()
    return {"jamal": jamal, "ana": ana}


def netdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args], capture_output=True, text=True, check=False
    )


def test_paths_json_from_the_real_command(db_path):
    ids = network(db_path)
    result = netdesk("paths", "Lumen", "--json", "--at", "2026-12-06", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [[step["name"] for step in path["steps"]] for path in found] == [
        ["Ana Souza", "Jamal Reyes"],
        ["Jamal Reyes"],
    ]
    assert found[0]["target"]["person_id"] == ids["jamal"]
    assert found[0]["target"]["description"] == "Jamal is a Data Lead at Lumen"
    assert found[0]["steps"] == [
        {
            "person_id": ids["ana"],
            "name": "Ana Souza",
            "link": "contact",
            "why": "you spoke 3 weeks ago; you nurture this relationship",
        },
        {
            "person_id": ids["jamal"],
            "name": "Jamal Reyes",
            "link": "worked together",
            "why": "worked together at Fjordlight, 2019–2021",
        },
    ]
    assert found[1]["score_reason"] == "you know Jamal Reyes directly: no conversation logged"
    assert all("score" not in path for path in found)


def test_paths_text_is_one_line_per_path(db_path):
    network(db_path)
    result = netdesk(
        "paths", "data lead", "--at", "2026-12-06", "--limit", "1", "--db", str(db_path)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "You → Ana Souza (you spoke 3 weeks ago; you nurture this relationship) → Jamal Reyes"
        " (worked together at Fjordlight, 2019–2021) — Jamal is a Data Lead at Lumen"
    ]


def test_paths_with_no_match_says_so(db_path):
    network(db_path)
    result = netdesk("paths", "Nowhere", "--db", str(db_path))
    assert (result.returncode, result.stdout) == (
        0,
        "Nobody at or working as “Nowhere” among your people.\n",
    )
    assert json.loads(netdesk("paths", "Nowhere", "--json", "--db", str(db_path)).stdout) == []


def test_empty_text_and_a_missing_database_are_one_line(db_path, tmp_path):
    network(db_path)
    result = netdesk("paths", "  ", "--db", str(db_path))
    assert (result.returncode, result.stderr) == (
        1,
        "netdesk: Type an organisation or a role to look for.\n",
    )
    result = netdesk("paths", "Lumen", "--db", str(tmp_path / "nowhere" / "x.db"))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
