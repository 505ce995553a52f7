"""`netdesk list` and `netdesk due` on new, generated and broken databases."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys

import pytest

from netdesk import cli, db
from netdesk.core import follow_ups, people
from netdesk.values import Birthday, TagKind
from tests.helpers.people import person

LIST_KEYS = {
    "id",
    "name",
    "organization",
    "title",
    "emails",
    "phones",
    "circles",
    "tags",
    "birthday",
    "last_contact",
    "next_due",
    "status",
}
DUE_KEYS = {"person_id", "name", "kind", "due", "detail"}


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_and_due_on_new_database(capsys, db_path):
    code, out, _ = run(capsys, "list", "--json", "--db", str(db_path))
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "due", "--json", "--db", str(db_path))
    assert code == 0 and json.loads(out) == []
    assert oct(os.stat(db_path).st_mode)[-3:] == "600"


def test_list_json_fields(capsys, db_path):
    db.open(db_path)
    pid = person(
        "Ana Souza",
        email="ana@example.com",
        phone="+44 20 7946 0958",
        org="Fjordlight",
        title="Head of Data",
        circles=["Friends"],
        tags=[(TagKind.INTEREST, "Jazz")],
        birthday=Birthday(2, 29),
        met_on=dt.date.today(),
    )
    person("Ben Okafor", birthday=Birthday(5, 1, 1980))
    db.close_database()
    code, out, _ = run(capsys, "list", "--json", "--db", str(db_path), "--search", "souza")
    assert code == 0
    [row] = json.loads(out)
    assert set(row) >= LIST_KEYS
    assert row["id"] == pid and row["name"] == "Ana Souza"
    assert (row["organization"], row["title"]) == ("Fjordlight", "Head of Data")
    assert row["emails"] == ["ana@example.com"] and row["phones"] == ["+44 20 7946 0958"]
    assert row["circles"] == ["Friends"] and row["tags"] == ["Jazz"]
    assert row["birthday"] == "--02-29"
    assert (
        row["status"] == "ok"
        and row["next_due"] == (dt.date.today() + dt.timedelta(days=30)).isoformat()
    )
    code, out, _ = run(capsys, "list", "--json", "--db", str(db_path))
    assert {r["birthday"] for r in json.loads(out)} == {"--02-29", "1980-05-01"}


def test_due_json(capsys, db_path):
    db.open(db_path)
    pid = person("Late Friend", circles=["Friends"], met_on=dt.date(2026, 1, 1))
    follow_ups.add(pid, dt.date(2026, 3, 1), "Send the deck")
    db.close_database()
    code, out, _ = run(capsys, "due", "--json", "--at", "2026-03-05", "--db", str(db_path))
    assert code == 0
    items = json.loads(out)
    assert all(set(i) == DUE_KEYS for i in items)
    assert [(i["kind"], i["due"]) for i in items] == [
        ("keep_in_touch", "2026-01-31"),
        ("follow_up", "2026-03-01"),
    ]
    assert items[0]["person_id"] == pid and items[0]["name"] == "Late Friend"


@pytest.mark.parametrize("command", ["list", "due"])
def test_random_bytes_database(command, tmp_path):
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(64 * 1024))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", command, "--json", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["random.db"]


def test_missing_folder_and_usage(capsys, tmp_path):
    code, _, err = run(capsys, "list", "--db", str(tmp_path / "nope" / "x.db"))
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err
    code, _, _ = run(capsys, "due", "--at", "not-a-date")
    assert code == 2


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("netdesk ")


def test_python_dash_m(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "list", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0


def test_people_count_excludes_archived(db_path):
    db.open(db_path)
    pid = person("Gone")
    people.set_archived(pid)
    assert people.count() == 0
    db.close_database()
