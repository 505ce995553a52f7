"""`netdesk import / export / undo-import / imports` through the real command line entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netdesk import cli, db
from netdesk.core import people
from netdesk.db.models import ImportBatch, Person
from tests.helpers.records import counts, dump

EXPECTED_KEYS = {"file", "format", "cards", "new", "updated", "duplicates", "invalid", "problems"}


@pytest.fixture(autouse=True)
def _close_db():
    yield
    db.close_database()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def import_json(capsys, db_path: Path, *files: Path, extra: tuple[str, ...] = ()) -> dict:
    code, out, err = run(capsys, "import", *map(str, files), "--json", "--db", str(db_path), *extra)
    assert code == 0, err
    return json.loads(out)


def test_import_json_schema_and_card_counts(capsys, db_path, testdata):
    expected = json.loads((testdata / "vcards" / "expected.json").read_text())
    names = [
        "ez-vcard/John_Doe_ANDROID.vcf",
        "calcard/009.vcf",
        "kcontacts/vcard10.vcf",
        "evolution-data-server/8.vcf",
        "folkerkinzel-vcards/Cropped_2_1.vcf",
        "khard/unparsable.vcf",
    ]
    files = [testdata / "vcards" / name for name in names]
    files.append(testdata / "csv" / "linkedin_Connections.csv")
    report = import_json(capsys, db_path, *files)
    assert list(report) == ["files", "refused"]
    assert report["refused"] == []
    assert [f["file"] for f in report["files"]] == [str(f) for f in files]  # in the order given
    for entry, name in zip(report["files"], names, strict=False):
        assert set(entry) >= EXPECTED_KEYS
        assert entry["cards"] == expected[name]["cards"], name
        done = entry["new"] + entry["updated"] + entry["duplicates"] + entry["invalid"]
        assert done + entry["skipped"] == entry["cards"]
        for problem in entry["problems"]:
            assert set(problem) == {"card", "line", "message"} and problem["message"]
    linkedin = report["files"][-1]
    assert (linkedin["format"], linkedin["cards"], linkedin["new"]) == ("linkedin", 6, 6)
    assert report["files"][0]["format"] == "vcard"


def test_the_same_file_twice_and_text_output(capsys, db_path, testdata):
    path = testdata / "csv" / "google_contacts.csv"
    code, out, _ = run(capsys, "import", str(path), "--db", str(db_path))
    assert code == 0 and "5 new" in out and "netdesk undo-import 1" in out
    again = import_json(capsys, db_path, path)["files"][0]
    assert (again["new"], again["updated"], again["duplicates"]) == (0, 5, 0)
    assert Person.select().count() == 5


def test_dry_run_writes_nothing(capsys, db_path, testdata):
    import_json(capsys, db_path, testdata / "csv" / "outlook_com_contacts.csv")
    before = (counts(), dump())
    db.close_database()
    report = import_json(
        capsys,
        db_path,
        testdata / "csv" / "linkedin_Connections.csv",
        testdata / "csv" / "outlook_com_contacts.csv",
        extra=("--dry-run",),
    )
    assert [(f["new"], f["updated"]) for f in report["files"]] == [(6, 0), (0, 2)]
    assert (counts(), dump()) == before


def test_missing_file_and_folder(capsys, db_path, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "nope.vcf"), "--db", str(db_path))
    assert code == 1 and "does not exist" in err and len(err.splitlines()) == 1
    code, _, err = run(capsys, "import", str(tmp_path), "--db", str(db_path))
    assert code == 1 and "folder" in err


def test_export_then_import_round_trip(capsys, db_path, tmp_path, testdata):
    import_json(capsys, db_path, *sorted((testdata / "csv").glob("*.csv")))
    names = sorted(p.display_name for p in Person.select())
    for fmt in ("vcard", "vcard3"):
        out = tmp_path / f"people-{fmt}.vcf"
        code, text, err = run(capsys, "export", "--format", fmt, "--db", str(db_path), str(out))
        assert code == 0, err
        assert text.strip() == f"Exported {len(names)} people to {out}"
        other = tmp_path / f"other-{fmt}.db"
        entry = import_json(capsys, other, out)["files"][0]
        assert (entry["cards"], entry["new"], entry["duplicates"]) == (len(names), len(names), 0)
        assert sorted(p.display_name for p in Person.select()) == names
        db.close_database()
        db.open(db_path)
    code, _, _ = run(
        capsys, "export", "--format", "csv", "--db", str(db_path), str(tmp_path / "p.csv")
    )
    assert code == 0
    header = (tmp_path / "p.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("Name,")
    code, _, err = run(capsys, "export", "--db", str(db_path), str(tmp_path / "no" / "x.vcf"))
    assert code == 1 and "does not exist" in err


def test_export_upcoming_reminders_as_ics(capsys, db_path, tmp_path):
    import datetime as dt

    import vobject

    from netdesk.core import follow_ups
    from netdesk.values import Birthday

    db.open(db_path)
    soon = dt.date.today() + dt.timedelta(days=3)
    ana = people.create(people.PersonDraft(display_name="Ana Souza"))
    follow_ups.add(ana, soon, "Send the deck")
    people.create(people.PersonDraft(display_name="Ben Okafor", birthday=Birthday(2, 29)))
    db.close_database()
    out = tmp_path / "upcoming.ics"
    code, text, err = run(capsys, "export", "--format", "ics", "--db", str(db_path), str(out))
    assert code == 0, err
    events = vobject.readOne(out.read_text(encoding="utf-8")).contents.get("vevent", [])
    assert text.strip() == f"Exported {len(events)} reminders to {out}"
    follow_up = next(e for e in events if e.summary.value == "Follow up with Ana Souza")
    assert follow_up.dtstart.value == soon
    code, text, err = run(capsys, "export", "--format", "ics", "--db", str(db_path), "-")
    assert code == 0 and text.startswith("BEGIN:VCALENDAR")
    code, _, err = run(
        capsys, "export", "--format", "ics", "--days", "0", "--db", str(db_path), str(out)
    )
    assert code == 1 and err.strip() == "netdesk: --days must be between 1 and 3650."


def test_undo_import_and_imports_list(capsys, db_path, testdata):
    path = testdata / "csv" / "linkedin_Connections.csv"
    batch = import_json(capsys, db_path, path)["files"][0]["batch_id"]
    people.create(people.PersonDraft(display_name="Hand Made"))
    code, out, err = run(capsys, "imports", "--json", "--db", str(db_path))
    assert code == 0
    rows = json.loads(out)
    assert [(r["id"], r["source"], r["new"], r["people"], r["undone"]) for r in rows] == [
        (batch, "linkedin_Connections.csv", 6, 6, False)
    ]
    code, out, err = run(capsys, "undo-import", str(batch), "--db", str(db_path))
    assert code == 0 and "removed 6 people" in out
    assert [p.display_name for p in Person.select()] == ["Hand Made"]
    assert ImportBatch.get_by_id(batch).undone
    code, out, err = run(capsys, "undo-import", str(batch), "--db", str(db_path))
    assert code == 1 and "already undone" in err
    code, out, err = run(capsys, "undo-import", "999", "--db", str(db_path))
    assert code == 1 and "no import 999" in err
    code, out, _ = run(capsys, "imports", "--db", str(db_path))
    assert code == 0 and "undone" in out
