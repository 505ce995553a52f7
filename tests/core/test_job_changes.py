"""Who moved on: a newer LinkedIn export proposes job and email changes; accept, reject, undo."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from netdesk import cli, db
from netdesk.core import follow_ups, importing, job_changes, people
from netdesk.core.job_changes import Field, Status
from netdesk.db.models import ContactPoint, Person, Position
from netdesk.values import PointKind

OLDER_DAY = dt.date(2025, 1, 10)
NEWER_DAY = dt.date(2026, 3, 2)


def _dated(path, day: dt.date):
    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def exports(testdata, tmp_path):
    """The corpus's LinkedIn Connections.csv as the older export and a newer one written from
    it: Maren moved to another company, Tobias was promoted, Priyanka has a new address, and
    Aiyana's job is the same in other case and spacing."""
    original = testdata / "csv" / "linkedin_Connections.csv"
    older = tmp_path / "older" / "Connections.csv"
    older.parent.mkdir()
    shutil.copyfile(original, older)
    text = original.read_bytes().decode("utf-8")
    for old, new in [
        ("Fjordlight Analytics,Head of Data", "Northwind Bio,Director of Data"),
        ("Managing Partner", "Senior Partner"),
        ("p.venkat@example.org", "priyanka@saffron.example"),
        ('Northwind Bio,"Principal', ' northwind BIO ,"principal '),
        ("Scientist, Assays", "scientist,  ASSAYS"),
    ]:
        assert old in text
        text = text.replace(old, new)
    newer = tmp_path / "newer" / "Connections.csv"
    newer.parent.mkdir()
    newer.write_bytes(text.encode("utf-8"))
    return _dated(older, OLDER_DAY), _dated(newer, NEWER_DAY)


def _import(path):
    return importing.apply(importing.plan_file(path))


def _person(family: str) -> int:
    return int(Person.get(Person.family == family).id)


def _positions(pid: int) -> list[tuple[str, str, dt.date | None, dt.date | None]]:
    rows = Position.select().where(Position.person == pid).order_by(Position.id)
    return [(p.organization, p.title, p.start, p.end) for p in rows]


def _emails(pid: int) -> list[tuple[str, str, bool]]:
    rows = ContactPoint.select().where(
        (ContactPoint.person == pid) & (ContactPoint.kind == str(PointKind.EMAIL))
    )
    return sorted((p.value, p.label, bool(p.preferred)) for p in rows)


def _proposed(changes) -> set[tuple[str, str, str, str]]:
    return {(c.person_name, str(c.field), c.old_value, c.new_value) for c in changes}


@pytest.fixture
def imported(store, exports):
    older, newer = exports
    _import(older)
    report = _import(newer)
    return report


def test_a_newer_export_proposes_each_changed_job_and_email(imported):
    assert imported.proposed_changes == 3
    changes = job_changes.pending()
    assert _proposed(changes) == {
        ("Maren Ostby", "organization", "Fjordlight Analytics", "Northwind Bio"),
        ("Tobias Quenneville", "title", "Managing Partner", "Senior Partner"),
        ("Priyanka Venkataraman", "email", "p.venkat@example.org", "priyanka@saffron.example"),
    }
    assert {(c.source, c.seen_on, c.status) for c in changes} == {
        ("Connections.csv", NEWER_DAY, Status.PENDING)
    }
    maren = next(c for c in changes if c.field is Field.ORGANIZATION)
    assert (maren.new_organization, maren.new_title) == ("Northwind Bio", "Director of Data")
    # nothing was applied: the people are as the older export left them
    assert _positions(maren.person_id) == [("Fjordlight Analytics", "Head of Data", None, None)]
    priyanka = next(c for c in changes if c.field is Field.EMAIL)
    assert _emails(priyanka.person_id) == [("p.venkat@example.org", "", False)]


def test_equal_values_ignoring_case_and_spaces_are_not_proposed(imported):
    aiyana = _person("Redcloud")
    assert aiyana not in {c.person_id for c in job_changes.pending()}
    assert _positions(aiyana) == [("Northwind Bio", "Principal Scientist, Assays", None, None)]


def test_importing_the_same_newer_file_again_proposes_nothing_new(imported, exports):
    before = _proposed(job_changes.pending())
    again = _import(exports[1])
    assert again.proposed_changes == 0  # the same values again: already waiting
    assert _proposed(job_changes.pending()) == before
    assert len(job_changes.pending()) == 3


def test_proposals_survive_a_restart(imported, db_path):
    before = job_changes.pending()
    db.close_database()
    db.open(db_path)
    assert job_changes.pending() == before


def test_accepting_a_job_change_ends_the_old_job_on_the_files_date(imported):
    change = next(c for c in job_changes.pending() if c.field is Field.ORGANIZATION)
    [congratulation] = job_changes.accept([change.id])
    assert _positions(change.person_id) == [
        ("Fjordlight Analytics", "Head of Data", None, NEWER_DAY),
        ("Northwind Bio", "Director of Data", NEWER_DAY, None),
    ]
    assert congratulation.note == "Congratulate Maren Ostby on the new role at Northwind Bio"
    assert job_changes.get([change.id])[0].status is Status.ACCEPTED
    assert change.id not in {c.id for c in job_changes.pending()}


def test_accepting_a_title_change_keeps_the_organisation(imported):
    change = next(c for c in job_changes.pending() if c.field is Field.TITLE)
    job_changes.accept([change.id])
    org = "Quenneville & Daughters, LLC"
    assert _positions(change.person_id) == [
        (org, "Managing Partner", None, NEWER_DAY),
        (org, "Senior Partner", NEWER_DAY, None),
    ]


def test_accepting_an_email_keeps_the_old_one_labelled_old(imported):
    change = next(c for c in job_changes.pending() if c.field is Field.EMAIL)
    assert job_changes.accept([change.id]) == []  # no congratulation for an address
    assert _emails(change.person_id) == [
        ("p.venkat@example.org", "old", False),
        ("priyanka@saffron.example", "", True),
    ]
    assert people.get(change.person_id).points[0].value == "priyanka@saffron.example"


def test_undo_of_an_accept_reopens_the_old_job_and_removes_the_new_one(imported):
    changes = job_changes.pending()
    before = {c.person_id: (_positions(c.person_id), _emails(c.person_id)) for c in changes}
    ids = [c.id for c in changes]
    job_changes.accept(ids)
    job_changes.take_back(ids)
    assert {c.person_id: (_positions(c.person_id), _emails(c.person_id)) for c in changes} == (
        before
    )
    assert {c.status for c in job_changes.get(ids)} == {Status.PENDING}
    job_changes.accept(ids)  # redo
    maren = next(c for c in changes if c.field is Field.ORGANIZATION)
    assert [p[1] for p in _positions(maren.person_id)] == ["Head of Data", "Director of Data"]


def test_undo_leaves_a_new_job_the_user_edited_since(imported):
    change = next(c for c in job_changes.pending() if c.field is Field.ORGANIZATION)
    job_changes.accept([change.id])
    Position.update(title="Chief Data Officer").where(
        (Position.person == change.person_id) & Position.end.is_null()
    ).execute()
    job_changes.take_back([change.id])
    assert [(p[1], p[3]) for p in _positions(change.person_id)] == [
        ("Head of Data", None),
        ("Chief Data Officer", None),
    ]


def test_rejecting_changes_nothing_and_the_value_is_not_proposed_again(imported, exports):
    changes = job_changes.pending()
    before = {c.person_id: (_positions(c.person_id), _emails(c.person_id)) for c in changes}
    job_changes.reject([c.id for c in changes])
    assert job_changes.pending() == []
    assert {c.status for c in job_changes.get([c.id for c in changes])} == {Status.REJECTED}
    report = _import(exports[1])
    assert report.proposed_changes == 0
    assert job_changes.pending() == []
    after = {c.person_id: (_positions(c.person_id), _emails(c.person_id)) for c in changes}
    assert after == before  # nor added behind the user's back


def test_undo_of_a_reject_makes_it_pending_again(imported):
    [change] = [c for c in job_changes.pending() if c.field is Field.TITLE]
    job_changes.reject([change.id])
    job_changes.take_back([change.id])
    assert job_changes.get([change.id])[0].status is Status.PENDING


def test_a_new_value_replaces_a_pending_proposal_of_the_same_field(imported, exports, tmp_path):
    text = exports[1].read_bytes().decode("utf-8").replace("Director of Data", "Chief of Data")
    text = text.replace("Northwind Bio,Chief", "Lumen Labs,Chief")
    newest = tmp_path / "Connections (1).csv"
    newest.write_bytes(text.encode("utf-8"))
    _dated(newest, NEWER_DAY + dt.timedelta(days=30))
    _import(newest)
    maren = [c for c in job_changes.pending() if c.person_name == "Maren Ostby"]
    assert [(c.new_value, c.new_title, c.seen_on) for c in maren] == [
        ("Lumen Labs", "Chief of Data", NEWER_DAY + dt.timedelta(days=30))
    ]


def test_a_dragged_file_without_a_date_is_dated_today(store, exports):
    older, newer = exports
    _import(older)
    importing.apply(importing.plan_bytes(newer.read_bytes(), "Connections.csv"))
    assert {c.seen_on for c in job_changes.pending()} == {dt.date.today()}


def test_the_congratulation_is_a_follow_up_due_today(imported):
    change = next(c for c in job_changes.pending() if c.field is Field.ORGANIZATION)
    [congratulation] = job_changes.accept([change.id])
    reminder_id = job_changes.congratulate(congratulation)
    [follow_up] = follow_ups.for_person(change.person_id)
    assert (follow_up.ref, follow_up.due, follow_up.note) == (
        reminder_id,
        dt.date.today(),
        "Congratulate Maren Ostby on the new role at Northwind Bio",
    )


def test_undoing_the_import_forgets_its_pending_proposals(imported):
    importing.undo(imported.batch_id)
    assert job_changes.pending() == []


def test_a_newer_google_contacts_export_proposes_a_new_organisation(store, testdata, tmp_path):
    original = testdata / "csv" / "google_contacts.csv"
    importing.apply(importing.plan_file(original))
    text = original.read_bytes().decode("utf-8")
    assert "Lumen Freight,Ops Lead" in text
    newer = tmp_path / "contacts.csv"
    newer.write_bytes(text.replace("Lumen Freight,Ops Lead", "Tidewater Ports,COO").encode())
    _dated(newer, NEWER_DAY)
    importing.apply(importing.plan_file(newer))
    assert _proposed(job_changes.pending()) == {
        ("Odalys Brennan-Achebe", "organization", "Lumen Freight", "Tidewater Ports")
    }
    odalys = _person("Brennan-Achebe")
    assert _positions(odalys) == [("Lumen Freight", "Ops Lead", None, None)]


def test_the_import_command_says_changes_wait_for_review(db_path, exports, capsys):
    older, newer = exports
    assert cli.main(["import", str(older), "--db", str(db_path)]) == 0
    assert "Who moved on" not in capsys.readouterr().out
    assert cli.main(["import", str(newer), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "  3 job or email changes wait for your word: Tools > Who moved on… in the window" in out
