"""Each card's fate in words on the command line, --skip-possible-duplicates, and netdesk's own
export read back: into the same database it changes nothing, into an empty one it recreates
everyone, same-name people included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netdesk import cli, db
from netdesk.core import exporting, importing, people
from netdesk.core.people import PersonDraft, PointDraft, PositionDraft
from netdesk.db.models import Person
from netdesk.values import PointKind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "identity"


@pytest.fixture(autouse=True)
def _close_db():
    yield
    db.close_database()


def import_json(capsys, db_path: Path, *files: Path, extra: tuple[str, ...] = ()) -> dict:
    argv = ["import", *map(str, files), "--json", "--db", str(db_path), *extra]
    assert cli.main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_json_lists_every_card_with_its_fate_and_reason(capsys, db_path):
    import_json(capsys, db_path, FIXTURES / "same_name_colleagues.vcf")
    entry = import_json(capsys, db_path, FIXTURES / "family_home_phone.vcf")["files"][0]
    assert (entry["new"], entry["flagged"], entry["duplicates"]) == (3, 1, 0)
    assert entry["cards_detail"] == [
        {"card": 1, "name": "Ana Souza", "fate": "new", "flag": "same_name",
         "reason": "new; same name as Ana Souza, review"},
        {"card": 2, "name": "Pedro Souza", "fate": "new", "flag": "",
         "reason": "new; shares a phone with Ana Souza but the names differ"},
        {"card": 3, "name": "Lúcia Souza", "fate": "new", "flag": "",
         "reason": "new; shares a phone with Ana Souza but the names differ"},
    ]  # fmt: skip
    again = import_json(capsys, db_path, FIXTURES / "family_home_phone.vcf")["files"][0]
    assert again["new"] == 0
    assert [c["reason"] for c in again["cards_detail"]] == [
        "updates Ana Souza: same UID",
        "updates Pedro Souza: same UID",
        "updates Lúcia Souza: same UID",
    ]


def test_skip_possible_duplicates_leaves_the_flagged_cards_out(capsys, db_path):
    import_json(capsys, db_path, FIXTURES / "switchboard_extensions.vcf")
    files = (FIXTURES / "same_name_colleagues.vcf", FIXTURES / "shared_uid_different_names.vcf")
    report = import_json(capsys, db_path, *files, extra=("--skip-possible-duplicates",))
    counted = [(f["new"], f["duplicates"], f["flagged"]) for f in report["files"]]
    assert counted == [(1, 1, 0), (1, 1, 0)]
    left_out = [c for f in report["files"] for c in f["cards_detail"] if c["fate"] != "new"]
    assert [c["reason"] for c in left_out] == [
        "left out by your choice; same name as Ana Souza",
        "left out by your choice; same UID as Ben Okafor but the names differ",
    ]
    assert Person.select().count() == 5


def test_the_text_report_gives_the_reasons(capsys, db_path):
    assert cli.main(["import", str(FIXTURES / "team_mailbox.vcf"), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "imported 2 new, 1 updated (0 unchanged); 0 to review" in out
    assert "card 2 (Dmitri Petrov): new; shares an email with Farah Haddad but the names" in out
    assert "card 3 (F. Haddad): updates Farah Haddad (card 1): same email" in out
    assert "card 1 (Farah Haddad)" not in out  # a plain "new" goes unsaid


def _people_with_namesakes() -> None:
    """Two Maren Ostby with nothing but the name, two Ana Souza with their own details, and a
    family sharing a home phone: what the round trip must keep apart."""
    for _ in range(2):
        people.create(PersonDraft(display_name="Maren Ostby", given="Maren", family="Ostby"))
    for email, org in (("ana@lumen.example", "Lumen"), ("ana@meridian.example", "Meridian")):
        people.create(
            PersonDraft(
                given="Ana",
                family="Souza",
                points=[PointDraft(PointKind.EMAIL, email)],
                positions=[PositionDraft(org)],
            )
        )
    for given in ("Pedro", "Lúcia"):
        people.create(
            PersonDraft(
                given=given,
                family="Vieira",
                points=[PointDraft(PointKind.PHONE, "+1 415 555 0134", "home")],
            )
        )


@pytest.mark.parametrize("fmt", ["vcard", "vcard3", "csv"])
def test_own_export_changes_nothing_and_recreates_everyone(tmp_path, fmt):
    db.open(tmp_path / "first.db")
    _people_with_namesakes()
    exported = tmp_path / ("people.csv" if fmt == "csv" else "people.vcf")
    assert exporting.export(exported, fmt) == 6
    report = importing.import_path(exported)
    assert (report.new, report.updated, report.unchanged) == (0, 6, 6)
    names = sorted(p.display_name for p in Person.select())
    assert len(names) == 6
    db.close_database()
    db.open(tmp_path / "empty.db")
    report = importing.import_path(exported)
    assert (report.new, report.updated, report.flagged) == (6, 0, 2)
    assert sorted(p.display_name for p in Person.select()) == names
    again = importing.import_path(exported)
    assert (again.new, again.unchanged) == (0, 6)
