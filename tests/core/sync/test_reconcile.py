"""One pass between a real database and a real folder: push, pull, merge, removals."""

from __future__ import annotations

import datetime as dt

from netdesk.core import importing, needs, people
from netdesk.core.people import PersonDraft, PointDraft
from netdesk.core.sync import list_conflicts, reconcile
from netdesk.db.models import ImportBatch, Person, SyncState
from netdesk.values import NeedKind, PointKind, TagKind
from tests.core.sync.conftest import computer
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 6)


def cards(folder):
    return {p.name: p.read_bytes().decode("utf-8") for p in sorted(folder.glob("*.vcf"))}


def only(folder):
    (text,) = cards(folder).values()
    return text


def edit_file(folder, old, new):
    (path,) = [p for p in folder.glob("*.vcf") if old in p.read_bytes().decode("utf-8")]
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(text.replace(old, new).encode("utf-8"))
    return path


def rich_person() -> int:
    pid = people.create(
        PersonDraft(
            display_name="Ana Souza",
            given="Ana",
            family="Souza",
            points=[PointDraft(PointKind.EMAIL, "ana@lumen.example"),
                    PointDraft(PointKind.PHONE, "+44 20 7946 0958")],
            why_stand_out="Ran the freight pilot",
            how_met="Climbing gym",
            met_on=dt.date(2024, 3, 1),
            family_notes="Partner Sam",
            nurture=True,
            cadence_days=45,
            circles=["Friends"],
            tags=[(TagKind.INTEREST, "logistics"), (TagKind.HOBBY, "bouldering")],
        )
    )
    needs.add(pid, NeedKind.NEED, "an analyst for the pilot", dt.date(2026, 11, 1))
    needs.add(pid, NeedKind.OFFER, "intros to port operators", dt.date(2026, 11, 1))
    return pid


def test_first_pass_writes_one_card_per_person_with_netdesk_fields(store, folder):
    rich_person()
    person("Ben Okafor", email="ben@example.com")
    report = reconcile(folder, today=TODAY)
    assert report.pushed == 2 and report.errors == []
    files = cards(folder)
    assert len(files) == 2
    ana = next(t for t in files.values() if "Ana Souza" in t)
    for line in ("VERSION:3.0", "X-NETDESK-WHY-STAND-OUT:Ran the freight pilot",
                 "X-NETDESK-HOW-MET:Climbing gym", "X-NETDESK-MET-ON:2024-03-01",
                 "X-NETDESK-CIRCLE:Friends", "X-NETDESK-CADENCE-DAYS:45", "X-NETDESK-NURTURE:1",
                 "X-NETDESK-NEED:an analyst for the pilot",
                 "X-NETDESK-OFFER:intros to port operators"):
        assert line in ana
    uid = Person.get(Person.display_name == "Ana Souza").uid
    assert f"UID:{uid}" in ana and f"{uid}.vcf" in files
    assert reconcile(folder, today=TODAY).pushed == 0  # nothing changed: nothing written


def test_computer_b_pulls_the_same_people_with_their_netdesk_data(store, folder, tmp_path):
    rich_person()
    reconcile(folder, today=TODAY)
    with computer(tmp_path / "b.db"):
        report = reconcile(folder, today=TODAY)
        assert report.pulled_new == 1 and report.errors == []
        (pid,) = [p.id for p in Person.select()]
        ana = people.get(pid)
        assert ana.why_stand_out == "Ran the freight pilot"
        assert ana.how_met == "Climbing gym" and ana.met_on == dt.date(2024, 3, 1)
        assert ana.nurture and ana.cadence_days == 45 and ana.circles == ["Friends"]
        assert set(ana.tags) == {(TagKind.INTEREST, "logistics"), (TagKind.HOBBY, "bouldering")}
        assert {(n.kind, n.text) for n in needs.for_person(pid)} == {
            (NeedKind.NEED, "an analyst for the pilot"),
            (NeedKind.OFFER, "intros to port operators"),
        }
        assert ana.vcard_extra == ""  # netdesk's own lines are fields, not kept lines
        again = reconcile(folder, today=TODAY)
        assert (again.pulled_new, again.pulled_updated, again.pushed) == (0, 0, 0)


def emails(pid):
    return sorted(p.value for p in people.get(pid).points if p.kind is PointKind.EMAIL)


def phones(pid):
    return sorted(p.value for p in people.get(pid).points if p.kind is PointKind.PHONE)


def test_an_edit_here_is_pushed_and_an_edit_there_is_pulled(store, folder):
    pid = person("Ben Okafor", email="ben@example.com")
    reconcile(folder, today=TODAY)
    people.update(pid, people.with_changes(people.get(pid), notes="Met at the harbour talk"))
    report = reconcile(folder, today=TODAY)
    assert report.pushed == 1 and "NOTE:Met at the harbour talk" in only(folder)
    edit_file(folder, "NOTE:Met at the harbour talk", "NOTE:Met at the harbour talk in May")
    report = reconcile(folder, today=TODAY)
    assert report.pulled_updated == 1 and report.pushed == 0 and report.conflicts == 0
    assert people.get(pid).notes == "Met at the harbour talk in May"


def test_email_changed_here_and_phone_changed_there_keeps_both(store, folder):
    pid = person("Caro Lindqvist", email="caro@old.example", phone="+44 20 7946 0958")
    reconcile(folder, today=TODAY)
    detail = people.get(pid)
    points = [PointDraft(PointKind.EMAIL, "caro@new.example")] + [
        p for p in detail.points if p.kind is PointKind.PHONE
    ]
    people.update(pid, people.with_changes(detail, points=points))
    edit_file(folder, "+44 20 7946 0958", "+44 20 7946 0000")
    report = reconcile(folder, today=TODAY)
    assert report.merged == 1 and report.conflicts == 0
    assert emails(pid) == ["caro@new.example"] and phones(pid) == ["+44 20 7946 0000"]
    text = only(folder)
    assert "caro@new.example" in text and "+44 20 7946 0000" in text
    assert "caro@old.example" not in text and "0958" not in text
    assert reconcile(folder, today=TODAY).pushed == 0  # the folder holds the merge


def test_additions_on_both_sides_are_all_kept(store, folder):
    pid = person("Dee Park", email="dee@one.example")
    reconcile(folder, today=TODAY)
    detail = people.get(pid)
    people.update(pid, people.with_changes(
        detail, points=[*detail.points, PointDraft(PointKind.EMAIL, "dee@two.example")]
    ))
    edit_file(folder, "EMAIL:dee@one.example\r\n",
              "EMAIL:dee@one.example\r\nEMAIL;TYPE=work:dee@three.example\r\n"
              "TEL;TYPE=cell:+1 415 555 0100\r\n")
    reconcile(folder, today=TODAY)
    assert emails(pid) == ["dee@one.example", "dee@three.example", "dee@two.example"]
    assert phones(pid) == ["+1 415 555 0100"]
    text = only(folder)
    assert all(v in text for v in ("dee@one.example", "dee@two.example", "dee@three.example"))


def test_a_removal_there_is_applied_when_untouched_here(store, folder):
    pid = people.create(PersonDraft(display_name="Eli Brandt", points=[
        PointDraft(PointKind.EMAIL, "eli@one.example"),
        PointDraft(PointKind.EMAIL, "eli@two.example")]))
    reconcile(folder, today=TODAY)
    edit_file(folder, "EMAIL:eli@two.example\r\n", "")
    reconcile(folder, today=TODAY)
    assert emails(pid) == ["eli@one.example"]


def test_deleted_here_removes_the_file_and_archived_too(store, folder):
    gone = person("Fay Kim", email="fay@example.com")
    shelved = person("Gus Moreau", email="gus@example.com")
    reconcile(folder, today=TODAY)
    assert len(cards(folder)) == 2
    people.delete(gone)
    people.set_archived(shelved)
    report = reconcile(folder, today=TODAY)
    assert report.removed == 2 and cards(folder) == {}
    assert SyncState.select().count() == 0
    people.set_archived(shelved, False)
    reconcile(folder, today=TODAY)
    assert "gus@example.com" in only(folder)


def test_removed_there_archives_an_unchanged_person_and_undo_brings_them_back(store, folder):
    pid = person("Hana Ito", email="hana@example.com")
    reconcile(folder, today=TODAY)
    (path,) = folder.glob("*.vcf")
    path.unlink()
    report = reconcile(folder, today=TODAY)
    assert report.pulled_deleted == 1 and people.get(pid).archived
    importing.undo(report.batch_id)
    assert not people.get(pid).archived
    reconcile(folder, today=TODAY)  # back here, so written again
    assert "hana@example.com" in only(folder)


def test_removed_there_while_changed_here_keeps_the_person_and_asks(store, folder):
    pid = person("Ivo Petrov", email="ivo@example.com")
    reconcile(folder, today=TODAY)
    people.update(pid, people.with_changes(people.get(pid), notes="New job at the port"))
    (path,) = folder.glob("*.vcf")
    path.unlink()
    report = reconcile(folder, today=TODAY)
    assert report.conflicts == 1 and report.pulled_deleted == 0
    ivo = people.get(pid)
    assert not ivo.archived and ivo.notes == "New job at the port"
    (row,) = list_conflicts()
    assert (row.person_id, row.kind, row.field) == (pid, "deleted", "the whole card")
    assert cards(folder) == {}  # not written back before the user says so
    assert reconcile(folder, today=TODAY).pushed == 0


def test_first_pass_with_the_same_people_on_both_sides_makes_no_duplicates(
    store, folder, tmp_path
):
    person("Ana Souza", email="ana@lumen.example", why_stand_out="Ran the pilot")
    person("Ben Okafor", phone="+44 20 7946 0958")
    person("Only Here", email="here@example.com")
    with computer(tmp_path / "b.db"):
        person("Ana Souza", email="ana@lumen.example", how_met="Climbing gym")
        person("Ben Okafor", phone="+44 (20) 7946-0958", email="ben@example.com")
        person("Only There", email="there@example.com")
        reconcile(folder, today=TODAY)
    report = reconcile(folder, today=TODAY)
    assert report.pulled_new == 1 and report.pulled_updated == 2 and report.errors == []
    names = sorted(p.display_name for p in Person.select())
    assert names == ["Ana Souza", "Ben Okafor", "Only Here", "Only There"]
    ana = people.get(Person.get(Person.display_name == "Ana Souza").id)
    assert ana.why_stand_out == "Ran the pilot" and ana.how_met == "Climbing gym"
    ben = Person.get(Person.display_name == "Ben Okafor").id
    assert emails(ben) == ["ben@example.com"]
    assert len(cards(folder)) == 4  # the linked cards kept their files and UIDs
    with computer(tmp_path / "b.db"):
        reconcile(folder, today=TODAY)
        assert sorted(p.display_name for p in Person.select()) == names


def test_the_pull_is_one_import_batch_and_undo_takes_it_back(store, folder, tmp_path):
    known = person("Jo Bauer", email="jo@example.com")
    reconcile(folder, today=TODAY)
    with computer(tmp_path / "b.db"):
        reconcile(folder, today=TODAY)
        person("Kai Lund", email="kai@example.com")
        person("Lea Roth", email="lea@example.com")
        jo = Person.get(Person.display_name == "Jo Bauer").id
        people.update(jo, people.with_changes(people.get(jo), notes="Moved to Bergen"))
        reconcile(folder, today=TODAY)
    report = reconcile(folder, today=TODAY)
    assert (report.pulled_new, report.pulled_updated) == (2, 1)
    batch = ImportBatch.get_by_id(report.batch_id)
    assert batch.source == "Sync" and ImportBatch.select().count() == 1
    assert people.get(known).notes == "Moved to Bergen"
    result = importing.undo(report.batch_id)
    assert (result.removed, result.restored) == (2, 1)
    assert people.get(known).notes == ""
    assert [p.display_name for p in Person.select()] == ["Jo Bauer"]


def test_two_accounts_keep_their_own_bases(store, tmp_path):
    work, home = tmp_path / "work", tmp_path / "home"
    pid = person("Uma Berg", email="uma@example.com")
    reconcile(work, today=TODAY, account="work")
    reconcile(home, today=TODAY, account="home")
    assert SyncState.select().count() == 2
    edit_file(work, "EMAIL:uma@example.com", "EMAIL:uma@new.example")
    assert reconcile(work, today=TODAY, account="work").pulled_updated == 1
    report = reconcile(home, today=TODAY, account="home")
    assert (report.pulled_updated, report.pushed) == (0, 1)  # home hears it as a change here
    assert "uma@new.example" in only(home) and emails(pid) == ["uma@new.example"]


def test_a_card_written_again_unchanged_makes_no_import(store, folder):
    person("Xan Ruiz", email="xan@example.com")
    reconcile(folder, today=TODAY)
    (path,) = folder.glob("*.vcf")
    text = path.read_bytes().decode()
    path.write_bytes(text.replace("PRODID:-//netdesk//netdesk//EN\r\n", "").encode())
    report = reconcile(folder, today=TODAY)
    assert (report.pulled_updated, report.batch_id) == (0, None)
    assert ImportBatch.select().count() == 0 and only(folder) == text


def test_a_first_sync_merges_a_known_persons_job_without_proposing_it_as_a_move(store, folder):
    """The card on the server names Ana's new job: the merge keeps both jobs (neither side says
    the old one ended) and nothing waits in Who moved on for a change already made."""
    from netdesk.core import job_changes
    from netdesk.core.people import PositionDraft

    ana = people.create(
        PersonDraft(
            display_name="Ana Souza",
            given="Ana",
            family="Souza",
            points=[PointDraft(PointKind.EMAIL, "ana@lumen.example")],
            positions=[PositionDraft("Acme", "Engineer")],
        )
    )
    (folder / "ana.vcf").write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ana-1\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\n"
        b"EMAIL:ana@lumen.example\r\nTEL:+1 415 555 2671\r\nORG:Globex\r\nTITLE:CTO\r\n"
        b"END:VCARD\r\n"
    )
    report = reconcile(folder, today=TODAY)
    assert report.pulled_updated == 1 and report.pulled_new == 0
    assert job_changes.pending() == []
    found = people.get(ana)
    assert {(p.organization, p.title) for p in found.positions} == {
        ("Acme", "Engineer"),
        ("Globex", "CTO"),
    }
    assert phones(ana) == ["+1 415 555 2671"]
