"""Planning, applying and undoing imports of hand-built records."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from netdesk.core import importing, interactions, job_changes, people, search
from netdesk.core.importing import Action, Decision
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft, PointDraft, PositionDraft
from netdesk.db.models import ContactPoint, ImportBatch, Person
from netdesk.io.records import PointRecord, PositionRecord, RelatedRecord
from netdesk.values import Birthday, PointKind, TagKind
from tests.helpers.diskfull import disk_full_after
from tests.helpers.people import person
from tests.helpers.records import counts, dump, jpeg_bytes, record


def plan_of(records, name="contacts.vcf"):
    return importing.plan(records, source_name=name, fmt="vcard")


def test_plan_classifies_each_record(store):
    known = person("Ana Souza", email="ana@lumen.example", org="Lumen Freight")
    by_uid = people.create(PersonDraft(display_name="Ben Okafor", uid="urn:uuid:ben"))
    by_phone = person("Caro Lindqvist", phone="+44 20 7946 0958")
    by_profile = people.create(
        PersonDraft(
            display_name="Dee Park",
            points=[PointDraft(PointKind.URL, "https://www.linkedin.com/in/dee-park")],
        )
    )
    records = [
        record(1, "Ana S.", email="ANA@lumen.example"),
        record(2, "Benjamin Okafor", uid="urn:uuid:ben"),
        record(3, "C. Lindqvist", phone="+44 (20) 7946-0958"),
        record(4, "Dee Park", urls=["http://linkedin.com/in/dee-park/"]),
        record(5, "Anna Souza", org="LUMEN FREIGHT"),  # close name + same organisation
        record(6, "Ana Souza"),  # the same name, nothing else: the user decides
        record(7, "Evan Noone", email="evan@new.example"),
        record(8, "", email="evan@new.example"),  # the same person again, later in the file
        record(9, ""),  # nothing to import
        record(10, "Fay Oduya", email="not-an-address"),
    ]
    planned = plan_of(records)
    actions = [(i.action, i.person_id, i.into) for i in planned.items]
    assert actions == [
        (Action.UPDATE, known, None),
        (Action.UPDATE, by_uid, None),
        (Action.UPDATE, by_phone, None),
        (Action.UPDATE, by_profile, None),
        (Action.DUPLICATE, known, None),
        (Action.DUPLICATE, known, None),
        (Action.NEW, None, None),
        (Action.UPDATE, None, 6),
        (Action.INVALID, None, None),
        (Action.NEW, None, None),
    ]
    reasons = [i.reason for i in planned.items]
    assert reasons[0] == "updates Ana Souza: same email"
    assert reasons[1] == "updates Ben Okafor: same UID"
    assert reasons[2] == "updates Caro Lindqvist: same phone"
    assert reasons[4].startswith("new; similar name to Ana Souza and the same organisation")
    assert reasons[5] == "new; same name as Ana Souza, review"
    assert reasons[6] == "new"
    assert reasons[7] == "updates Evan Noone (card 7): same email"
    assert reasons[8] == "it has no name, email or phone"
    assert planned.items[0].match_name == "Ana Souza"
    assert any("not-an-address" in p.message for p in planned.problems)
    assert planned.count(Action.UPDATE) == 5


def test_apply_creates_people_in_one_batch(store):
    records = [
        record(
            1,
            "Ana Souza",
            given="Ana",
            family="Souza",
            email="ana@lumen.example",
            phone="+44 20 7946 0958",
            org="Lumen",
            title="Ops Lead",
            note="Met at summit",
            birthday=Birthday(4, 15),
            tags=[(TagKind.INTEREST, "Jazz")],
        ),
        record(2, "Ben Okafor", email="ben@lumen.example"),
        record(3, "", email="ana@lumen.example", phone="+1 415 555 2671"),
        record(4, ""),
    ]
    records[0].related = [RelatedRecord("Sam", "spouse")]
    records[0].anniversary = Birthday(6, 20, 2015)
    records[0].extra = ["X-CUSTOM;TYPE=a:value"]
    records[0].met_on = dt.date(2024, 3, 14)
    report = importing.apply(plan_of(records))
    assert (report.cards, report.new, report.updated, report.invalid) == (4, 2, 1, 1)
    batch = ImportBatch.get_by_id(report.batch_id)
    assert (batch.source, batch.format, batch.cards, batch.created_count) == (
        "contacts.vcf",
        "vcard",
        4,
        2,
    )
    ana = search.search_ids("ana@lumen")[0]
    d = people.get(ana)
    assert (d.given, d.family, d.birthday, d.met_on) == (
        "Ana",
        "Souza",
        Birthday(4, 15),
        dt.date(2024, 3, 14),
    )
    assert sorted(p.value for p in d.points) == [
        "+1 415 555 2671",
        "+44 20 7946 0958",
        "ana@lumen.example",
    ]
    assert d.tags == [(TagKind.INTEREST, "Jazz")]
    assert d.notes == "Met at summit"
    assert d.family_notes == "Spouse: Sam"
    assert d.vcard_extra.split("\n") == ["X-CUSTOM;TYPE=a:value", "ANNIVERSARY:2015-06-20"]
    assert d.import_batch_id == report.batch_id
    points = ContactPoint.select().where(ContactPoint.person == ana)
    assert {p.import_batch_id for p in points} == {report.batch_id}
    assert d.current_position.title == "Ops Lead"
    assert search.search_ids("jazz") == [ana]


def test_importing_the_same_records_twice_creates_no_duplicates(store):
    def records():
        return [
            record(1, "Ana Souza", email="ana@lumen.example", org="Lumen"),
            record(2, "Ben Okafor", phone="+44 20 7946 0958"),
            record(3, "Kenji", urls=["https://www.linkedin.com/in/kenji-s"]),
            record(4, "Lone Name"),
        ]

    first = importing.apply(plan_of(records()))
    before = counts()
    second = importing.apply(plan_of(records()))
    assert first.new == 4
    # the bare "Lone Name" is that card again: nothing else could tell it apart
    assert (second.new, second.updated, second.unchanged, second.duplicates) == (0, 4, 4, 0)
    after = counts()
    assert after["person"] == before["person"] == 4
    assert after["contact_point"] == before["contact_point"]


def test_update_adds_but_never_removes_what_the_user_entered(store):
    pid = people.create(
        PersonDraft(
            display_name="Ana Souza",
            birthday=Birthday(1, 2, 1980),
            why_stand_out="Runs a jazz trio",
            how_met="Data Summit",
            notes="Prefers mornings",
            points=[
                PointDraft(PointKind.EMAIL, "ana@lumen.example", "work", True),
                PointDraft(PointKind.PHONE, "+44 20 7946 0958"),
            ],
            positions=[PositionDraft("Lumen", "Ops Lead")],
            circles=["Colleagues"],
            tags=[(TagKind.INTEREST, "Jazz")],
        )
    )
    incoming = record(
        1,
        "Ana Maria Souza",
        given="Ana",
        family="Souza",
        email="ana@lumen.example",
        phone="+1 415 555 2671",
        org="Lumen",
        title="COO",
        note="Moved to the US office",
        birthday=Birthday(3, 3, 1981),
        tags=[(TagKind.LABEL, "Board")],
    )
    incoming.points[0].preferred = True
    report = importing.apply(plan_of([incoming]))
    assert (report.new, report.updated, report.unchanged) == (0, 1, 0)
    d = people.get(pid)
    assert d.display_name == "Ana Souza"  # never overwritten
    assert (d.given, d.family) == ("Ana", "Souza")  # empty name parts filled in
    assert d.birthday == Birthday(1, 2, 1980)
    assert d.why_stand_out == "Runs a jazz trio" and d.how_met == "Data Summit"
    assert d.notes == "Prefers mornings\n\nMoved to the US office"
    assert sorted(p.value for p in d.points) == [
        "+1 415 555 2671",
        "+44 20 7946 0958",
        "ana@lumen.example",
    ]
    assert [p.preferred for p in d.points if p.kind is PointKind.EMAIL] == [True]
    assert d.circles == ["Colleagues"]
    assert sorted(d.tags) == [(TagKind.INTEREST, "Jazz"), (TagKind.LABEL, "Board")]
    # the new title is proposed for the user's word, not applied (core.job_changes)
    assert [(p.title, p.end is None) for p in d.positions] == [("Ops Lead", True)]
    assert [(c.old_value, c.new_value) for c in job_changes.pending()] == [("Ops Lead", "COO")]
    # a second run changes nothing more
    again = importing.apply(plan_of([incoming]))
    assert again.unchanged == 1
    assert people.get(pid).notes == "Prefers mornings\n\nMoved to the US office"


def test_undo_removes_what_was_added_and_restores_what_changed(store):
    pid = person(
        "Ana Souza",
        email="ana@lumen.example",
        org="Lumen",
        title="Ops Lead",
        notes="Prefers mornings",
    )
    before_ana = people.get(pid)
    before = counts()
    report = importing.apply(
        plan_of(
            [
                record(
                    1,
                    "Ana Souza",
                    email="ana@lumen.example",
                    phone="+1 415 555 2671",
                    title="COO",
                    org="Lumen",
                    note="New note",
                ),
                record(2, "Ben Okafor", email="ben@lumen.example"),
            ]
        )
    )
    ben = search.search_ids("ben@lumen")[0]
    # the user keeps working after the import: this must survive the undo
    interactions.log(InteractionDraft(dt.date(2026, 5, 1), summary="Coffee", people=[pid]))
    result = importing.undo(report.batch_id)
    assert (result.removed, result.restored) == (1, 1)
    assert not people.exists(ben)
    after_ana = people.get(pid)
    assert after_ana.points == before_ana.points
    assert after_ana.positions == before_ana.positions
    assert after_ana.notes == "Prefers mornings"
    assert [e.summary for e in interactions.timeline(pid)] == ["Coffee"]
    assert counts()["person"] == before["person"]
    assert counts()["contact_point"] == before["contact_point"]
    assert ImportBatch.get_by_id(report.batch_id).undone
    with pytest.raises(importing.AlreadyUndone):
        importing.undo(report.batch_id)
    assert [(b.id, b.undone, b.people) for b in importing.batches()] == [(report.batch_id, True, 0)]


def test_cancel_mid_apply_leaves_the_store_identical(store):
    person("Ana Souza", email="ana@lumen.example")
    records = [record(i, f"Person {i}", email=f"p{i}@lumen.example") for i in range(1, 50)]
    records.append(record(50, "Ana Souza", email="ana@lumen.example", note="changed"))
    before = dump()
    seen = []

    def cancel() -> bool:
        seen.append(1)
        return len(seen) > 20

    with pytest.raises(importing.ImportCancelled):
        importing.apply(plan_of(records), cancel=cancel)
    assert dump() == before


def test_a_failure_mid_apply_rolls_everything_back(store):
    person("Ana Souza", email="ana@lumen.example")
    records = [record(i, f"Person {i}", email=f"p{i}@lumen.example") for i in range(1, 30)]
    records.insert(0, record(99, "Ana Souza", email="ana@lumen.example", note="changed"))
    before = dump()

    def progress(done: int, total: int) -> None:
        if done == total:  # everything is staged: fail at the last moment
            raise OSError("disk is full")

    with pytest.raises(OSError):
        importing.apply(plan_of(records), progress=progress)
    assert dump() == before


def test_decisions_for_possible_duplicates(store):
    known = person("Ana Souza", org="Lumen")
    records = [
        record(1, "Ana Souza", email="ana@lumen.example"),
        record(2, "Ana Souza", phone="+44 20 7946 0958"),
        record(3, "Ana Souza", email="third@lumen.example"),
        record(4, "Ben Okafor"),
    ]
    planned = plan_of(records)
    assert [i.action for i in planned.items[:3]] == [Action.DUPLICATE] * 3
    # card 3 has no decision: it is imported as a new person, flagged
    dry = importing.report_for(
        planned, {0: Decision.MERGE, 1: Decision.KEEP_BOTH, 3: Decision.SKIP}
    )
    report = importing.apply(
        planned, decisions={0: Decision.MERGE, 1: Decision.KEEP_BOTH, 3: Decision.SKIP}
    )
    assert (report.new, report.updated, report.flagged, report.skipped) == (2, 1, 2, 1)
    assert (dry.new, dry.updated, dry.flagged, dry.skipped) == (2, 1, 2, 1)
    assert [p.value for p in people.get(known).points] == ["ana@lumen.example"]
    assert Person.select().count() == 3


def test_photos_become_bounded_thumbnails(store):
    big = record(1, "Big Photo", email="big@lumen.example")
    big.photo = jpeg_bytes((1600, 1200))
    bad = record(2, "Bad Photo", email="bad@lumen.example")
    bad.photo = b"\xff\xd8\xff" + b"not really a jpeg" * 10
    planned = plan_of([big, bad])
    report = importing.apply(planned)
    thumb = people.get(search.search_ids("big@lumen")[0]).photo
    assert max(Image.open(io.BytesIO(thumb)).size) == 256
    assert people.get(search.search_ids("bad@lumen")[0]).photo is None
    assert [p.card for p in report.problems if "photo" in p.message.lower()] == [2]


def test_positions_and_points_from_the_record_are_kept_whole(store):
    rec = record(1, "Multi Job", email="m@lumen.example")
    rec.positions = [PositionRecord("Lumen", "CTO", "R&D"), PositionRecord("Board Co", "Chair")]
    rec.points.append(PointRecord(PointKind.ADDRESS, "1 Main St, Oslo", "home"))
    importing.apply(plan_of([rec]))
    d = people.get(search.search_ids("m@lumen")[0])
    assert sorted((p.organization, p.title, p.department) for p in d.positions) == [
        ("Board Co", "Chair", ""),
        ("Lumen", "CTO", "R&D"),
    ]
    assert [(p.kind, p.label) for p in d.points] == [
        (PointKind.EMAIL, "work"),
        (PointKind.ADDRESS, "home"),
    ]


def test_a_shared_phone_under_another_name_is_another_person(store):
    office = people.create(
        PersonDraft(
            display_name="Front Desk",
            uid="urn:uuid:desk",
            points=[PointDraft(PointKind.PHONE, "+44 20 7946 0958")],
        )
    )
    planned = plan_of(
        [
            record(1, "Dana Reyes", uid="urn:uuid:dana", phone="+44 20 7946 0958"),
            record(2, "Eli Moss", phone="+44 20 7946 0958"),  # no UID, but another name
        ]
    )
    assert [(i.action, i.person_id) for i in planned.items] == [
        (Action.NEW, None),
        (Action.NEW, None),
    ]
    reason = "new; shares a phone with Front Desk but the names differ"
    assert [i.reason for i in planned.items] == [reason, reason]
    assert people.get(office).points[0].value == "+44 20 7946 0958"


def test_import_path_reports_progress_and_cancels_while_reading(store, tmp_path):
    path = tmp_path / "many.vcf"
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {0}\r\nEMAIL:p{0}@lumen.example\r\nEND:VCARD\r\n"
    )
    cards = [card.format(i) for i in range(300)]
    path.write_text("".join(cards), encoding="utf-8")
    seen: list[tuple[int, int]] = []
    report = importing.import_path(path, progress=lambda d, t: seen.append((d, t)))
    assert report.new == 300
    assert seen[-1] == (1000, 1000) and all(t == 1000 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    before = dump()
    with pytest.raises(importing.ImportCancelled):
        importing.import_path(path, cancel=lambda: True)
    assert dump() == before
    dry = importing.import_path(path, dry_run=True)
    assert (dry.dry_run, dry.new, dry.updated, dry.batch_id) == (True, 0, 300, None)
    assert dump() == before


def test_the_batch_keeps_a_snapshot_of_changed_people_only(store):
    changed = person("Ana Souza", email="ana@lumen.example")
    person("Ben Okafor", email="ben@lumen.example")
    report = importing.apply(
        plan_of(
            [
                record(1, "Ana Souza", email="ana@lumen.example", phone="+1 415 555 2671"),
                record(2, "Ben Okafor", email="ben@lumen.example"),  # nothing new: unchanged
            ]
        )
    )
    snap = importing.batch_snapshot(report.batch_id)
    assert snap.person_ids == [changed]
    assert (report.updated, report.unchanged) == (2, 1)


def test_a_full_disk_while_writing_rolls_everything_back(store):
    """A real failure inside the writes: SQLite is told the file may not grow any more."""

    person("Ana Souza", email="ana@lumen.example")
    records = [
        record(i, f"Person {i}", email=f"p{i}@lumen.example", note="x" * 400) for i in range(1, 400)
    ]
    records.append(record(400, "Ana Souza", email="ana@lumen.example", phone="+1 415 555 2671"))
    before = dump()
    with disk_full_after(8), pytest.raises(Exception, match="full"):
        importing.apply(plan_of(records))
    assert dump() == before
    assert importing.apply(plan_of(records)).new == 399  # and it works once there is room


def _triggers() -> list[tuple[str, str]]:
    from netdesk.db.models import database

    sql = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    return database.execute_sql(sql).fetchall()


def _index_rows() -> list[tuple]:
    from netdesk.db.models import database

    return database.execute_sql("SELECT rowid, * FROM person_fts ORDER BY rowid").fetchall()


def test_a_bulk_import_indexes_everyone_and_puts_the_triggers_back(store):
    """New people are inserted with the search triggers dropped; the index must come out exactly
    as the triggers would have made it, and later edits must still reach it."""
    from netdesk.db import search_index
    from netdesk.db.models import database

    triggers = _triggers()
    assert len(triggers) >= 19
    records = [
        record(
            i,
            f"Person {i}",
            email=f"p{i}@lumen.example",
            org="Lumen",
            tags=[(TagKind.LABEL, "Clients")],
        )
        for i in range(1, 300)
    ]
    report = importing.apply(plan_of(records))
    assert report.new == 299 and _triggers() == triggers
    indexed = _index_rows()
    search_index.rebuild(database)
    assert _index_rows() == indexed and len(indexed) == 299
    person_id = search.search_ids("p7@lumen.example")[0]
    people.update(person_id, people.with_changes(people.get(person_id), display_name="Zoë Quill"))
    assert search.search_ids("quill") == [person_id]


def test_a_failed_bulk_import_leaves_the_triggers_in_place(store):

    triggers = _triggers()
    records = [record(i, f"Person {i}", note="x" * 400) for i in range(1, 400)]
    with disk_full_after(8), pytest.raises(Exception, match="full"):
        importing.apply(plan_of(records))
    assert _triggers() == triggers
    ana = person("Ana Souza", email="ana@lumen.example")
    assert search.search_ids("souza") == [ana]
