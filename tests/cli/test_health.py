"""`netdesk health` on a real database with known answers."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from netdesk import cli, db
from netdesk.core import interactions
from netdesk.core.interactions import InteractionDraft
from netdesk.db.models import Person
from tests.helpers.people import person

AT = dt.date(2026, 12, 6)


def network(db_path) -> dict[str, int]:
    """Six people: one per state, one of them nurtured, and one archived."""
    db.open(db_path)
    ids = {
        "dora": person("Dora Drift", circles=["Family"], met_on=dt.date(2026, 1, 5)),
        "oscar": person(
            "Oscar Late", circles=["Friends"], nurture=True, met_on=dt.date(2026, 1, 5)
        ),
        "sam": person("Sam Soon", circles=["Friends"], met_on=dt.date(2026, 1, 5)),
        "olga": person("Olga Fine", cadence_days=90, met_on=dt.date(2026, 1, 5)),
        "nina": person("Nina None", met_on=dt.date(2024, 5, 1)),
        "archie": person("Archie Ved", cadence_days=7, met_on=dt.date(2025, 1, 1)),
    }
    Person.update(archived=True).where(Person.id == ids["archie"]).execute()
    for when, who in (
        (dt.date(2026, 6, 15), ["dora", "oscar"]),
        (dt.date(2026, 11, 1), ["oscar"]),  # 35 days before AT on a 30-day rhythm
        (dt.date(2026, 11, 10), ["sam", "nina"]),  # 26 days: due in 4
        (dt.date(2026, 11, 20), ["olga"]),
        (dt.date(2025, 11, 30), ["olga"]),  # before the twelve months
    ):
        interactions.log(InteractionDraft(when=when, people=[ids[w] for w in who]))
    db.close_database()
    return ids


def test_health_json_from_the_real_command(db_path):
    ids = network(db_path)
    command = ["health", "--json", "--at", "2026-12-06", "--db", str(db_path)]
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["today"] == "2026-12-06"
    assert found["states"] == {
        "drifting": 1,
        "overdue": 1,
        "due_soon": 1,
        "on_track": 1,
        "no_rhythm": 1,
    }
    assert found["nurture"] == {
        "drifting": 0,
        "overdue": 1,
        "due_soon": 0,
        "on_track": 0,
        "no_rhythm": 0,
    }
    circles = {c.pop("circle"): c for c in found["circles"]}
    assert circles["Family"] == {**dict.fromkeys(circles["Family"], 0), "drifting": 1}
    assert circles["Friends"] == {
        "drifting": 0,
        "overdue": 1,
        "due_soon": 1,
        "on_track": 0,
        "no_rhythm": 0,
    }
    months = found["contacts_per_month"]
    assert [m["month"] for m in months][::11] == ["2026-01", "2026-12"]
    assert [m["contacts"] for m in months] == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0]
    assert found["drifting"] == [
        {
            "id": ids["dora"],
            "name": "Dora Drift",
            "sentence": "You aim for every 2 weeks; last time 5 months ago; "
            "1 conversation in the last 12 months.",
        }
    ]


def test_health_text_report(capsys, db_path):
    ids = network(db_path)
    code = cli.main(["health", "--at", "2026-12-06", "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == ("People: 1 drifting, 1 overdue, 1 due soon, 1 on track, 1 no rhythm set")
    assert lines[1] == "Nurtured: 0 drifting, 1 overdue, 0 due soon, 0 on track, 0 no rhythm set"
    assert "  Family: 1 drifting, 0 overdue, 0 due soon, 0 on track, 0 no rhythm set" in lines
    assert "Drifting away (1):" in lines
    assert lines[-1].split()[0] == str(ids["dora"])
    assert lines[-1].endswith(
        "Dora Drift: You aim for every 2 weeks; last time 5 months ago; "
        "1 conversation in the last 12 months."
    )


def test_health_on_a_file_that_is_not_a_database(capsys, tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database")
    code = cli.main(["health", "--db", str(path)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert path.read_text() == "not a database"
