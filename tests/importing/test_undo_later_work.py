"""Undo of an import after people kept working: it takes back only what the import wrote and
nobody changed since, and never deletes later work without being told to."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from netdesk import cli, db
from netdesk.core import favours, importing, interactions, job_changes, people
from netdesk.core.interactions import InteractionDraft
from netdesk.db import backup
from netdesk.db.models import ImportBatch
from netdesk.values import Birthday, FavourDirection, PointKind, TagKind
from tests.helpers.people import person
from tests.helpers.records import dump, record

FIRST = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Ana Souza\r
EMAIL;TYPE=work:ana@lumen.example\r
END:VCARD\r
"""
# the same Ana with a phone, a birthday and a note: an update
SECOND = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Ana Souza\r
EMAIL;TYPE=work:ana@lumen.example\r
TEL;TYPE=cell:+1 415 555 2671\r
BDAY:1990-04-12\r
NOTE:Met at the Lumen offsite\r
END:VCARD\r
"""
NEW_PERSON = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Ben Okafor\r
EMAIL:ben@okafor.example\r
END:VCARD\r
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def import_file(path: Path) -> int:
    report = importing.import_path(path)
    assert report.batch_id is not None
    return report.batch_id


def ana() -> int:
    return people.get(1).id


@pytest.fixture
def updated_ana(store, tmp_path):
    """Ana imported once, then updated by a second import; returns that second batch."""
    import_file(write(tmp_path, "first.vcf", FIRST))
    return import_file(write(tmp_path, "second.vcf", SECOND))


def test_undo_after_an_edit_keeps_the_edit_and_takes_back_the_rest(updated_ana):
    detail = people.get(ana())
    assert [p.kind for p in detail.points] == [PointKind.EMAIL, PointKind.PHONE]
    assert detail.notes == "Met at the Lumen offsite"
    # the user edits Ana in the window: the editor saves every field and child again
    people.update(
        ana(),
        people.with_changes(
            detail,
            why_stand_out="Runs a jazz trio",
            tags=[(TagKind.INTEREST, "Jazz")],
            notes="Met at the Lumen offsite. Loves Oslo.",
        ),
    )

    result = importing.undo(updated_ana)

    after = people.get(ana())
    assert after.why_stand_out == "Runs a jazz trio"
    assert after.tags == [(TagKind.INTEREST, "Jazz")]
    assert after.notes == "Met at the Lumen offsite. Loves Oslo."  # changed since: left
    assert [p.value for p in after.points] == ["ana@lumen.example"]  # the import's phone went
    assert after.birthday is None  # the import's birthday, untouched since, went too
    assert (result.removed, result.restored) == (0, 1)
    assert result.kept == "Left as changed since: Ana Souza (notes)."


def test_undo_right_after_the_import_puts_the_person_back_exactly(updated_ana):
    importing.undo(updated_ana)
    after = people.get(ana())
    assert (after.notes, after.birthday) == ("", None)
    assert [p.value for p in after.points] == ["ana@lumen.example"]


def test_a_field_set_again_to_what_the_import_wrote_still_counts_as_the_imports(updated_ana):
    detail = people.get(ana())
    people.update(ana(), people.with_changes(detail, birthday=Birthday(4, 12, 1990)))
    importing.undo(updated_ana)
    assert people.get(ana()).birthday is None


def test_undo_refuses_to_delete_people_with_later_work(store, tmp_path):
    batch = import_file(write(tmp_path, "ben.vcf", NEW_PERSON))
    ben = people.get(1).id
    interactions.log(InteractionDraft(dt.date.today(), summary="Coffee", people=[ben]))
    favours.add(ben, FavourDirection.GIVEN, "Intro to Lumen")
    before = dump()

    with pytest.raises(importing.LaterWork) as refused:
        importing.undo(batch)

    assert str(refused.value) == (
        "Undoing import 1 (ben.vcf) would delete people with work added since: "
        "Ben Okafor (1 interaction, 1 favour)."
    )
    assert dump() == before


def test_an_edit_to_a_created_person_is_later_work(store, tmp_path):
    batch = import_file(write(tmp_path, "ben.vcf", NEW_PERSON))
    ben = people.get(1)
    people.update(ben.id, people.with_changes(ben, why_stand_out="Knows everyone in Lagos"))
    with pytest.raises(importing.LaterWork, match=r"Ben Okafor \(edits\)"):
        importing.undo(batch)


def test_saving_a_created_person_unchanged_is_no_later_work(store, tmp_path):
    batch = import_file(write(tmp_path, "ben.vcf", NEW_PERSON))
    ben = people.get(1)
    people.update(ben.id, ben.as_draft())  # the editor's Save with nothing changed
    assert importing.undo(batch).removed == 1


def test_force_makes_a_backup_then_deletes(store, db_path, tmp_path):
    batch = import_file(write(tmp_path, "ben.vcf", NEW_PERSON))
    interactions.log(InteractionDraft(dt.date.today(), summary="Coffee", people=[1]))
    result = importing.undo(batch, force=True)
    assert result.removed == 1 and people.count() == 0
    assert interactions.timeline(1) == []
    assert "pre-undo" in [b.reason for b in backup.list_backups(db_path)]


def test_a_batch_recorded_before_fingerprints_still_undoes(updated_ana):
    """Batches in existing databases keep only the snapshot from before the import."""
    stored = json.loads(ImportBatch.get_by_id(updated_ana).snapshot)
    legacy = {k: stored[k] for k in ("person_ids", "tables", "met_through_refs")}
    ImportBatch.update(snapshot=json.dumps(legacy)).where(ImportBatch.id == updated_ana).execute()
    importing.undo(updated_ana)
    assert [p.value for p in people.get(ana()).points] == ["ana@lumen.example"]


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture
def closing():
    yield
    db.close_database()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_undo_import_command_keeps_later_edits_and_says_so(capsys, closing, db_path, tmp_path):
    for name, text in (("first.vcf", FIRST), ("second.vcf", SECOND)):
        code, _, err = run(capsys, "import", str(write(tmp_path, name, text)), "--db", str(db_path))
        assert code == 0, err
    people.update(1, people.with_changes(people.get(1), notes="Call after nine"))

    code, out, err = run(capsys, "undo-import", "2", "--db", str(db_path))

    assert code == 0, err
    assert out.splitlines() == [
        "Undid import 2: removed 0 people, restored 1.",
        "Left as changed since: Ana Souza (notes).",
    ]
    assert people.get(1).notes == "Call after nine"


def test_undo_import_command_refuses_later_work_without_force(capsys, closing, db_path, tmp_path):
    path = write(tmp_path, "ben.vcf", NEW_PERSON)
    assert run(capsys, "import", str(path), "--db", str(db_path))[0] == 0
    interactions.log(InteractionDraft(dt.date.today(), summary="Coffee", people=[1]))

    code, out, err = run(capsys, "undo-import", "1", "--db", str(db_path))

    assert code == 1 and out == ""
    assert err.splitlines() == [
        "netdesk: Undoing import 1 (ben.vcf) would delete people with work added since: "
        "Ben Okafor (1 interaction). Run it again with --force to undo anyway (a backup is "
        "made first)."
    ]
    assert people.count() == 1
    code, out, err = run(capsys, "undo-import", "1", "--force", "--db", str(db_path))
    assert code == 0, err
    assert "removed 1 people" in out and people.count() == 0


def test_undo_forgets_the_job_change_the_import_proposed_and_keeps_a_later_tag(store):
    ana = person("Ana Souza", email="ana@lumen.example", org="Lumen", title="Ops Lead")
    plan = importing.plan(
        [record(1, "Ana Souza", email="ana@lumen.example", org="Lumen", title="COO")],
        source_name="promoted.vcf",
        fmt="vcard",
    )
    batch = importing.apply(plan).batch_id
    promoted = people.get(ana)
    assert [(p.title, p.end is None) for p in promoted.positions] == [("Ops Lead", True)]
    assert [c.new_value for c in job_changes.pending()] == ["COO"]  # waits for the user
    people.update(ana, people.with_changes(promoted, tags=[(TagKind.SKILL, "Logistics")]))

    importing.undo(batch)

    assert job_changes.pending() == []

    after = people.get(ana)
    assert [(p.organization, p.title, p.end) for p in after.positions] == [
        ("Lumen", "Ops Lead", None)
    ]
    assert after.tags == [(TagKind.SKILL, "Logistics")]
