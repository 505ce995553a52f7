"""True conflicts: recorded with both values, nothing lost, settled mine or theirs."""

from __future__ import annotations

import datetime as dt

import pytest

from netdesk.core import people
from netdesk.core import store as core_store
from netdesk.core.errors import NotFound, ValidationError
from netdesk.core.sync import list_conflicts, reconcile, resolve_conflict
from netdesk.values import Birthday, Topic
from tests.core.sync.test_reconcile import TODAY, edit_file, only
from tests.helpers.people import person


def conflicting_notes(store, folder) -> int:
    pid = person("Mia Chen", email="mia@example.com", notes="Runs the port office")
    reconcile(folder, today=TODAY)
    people.update(pid, people.with_changes(people.get(pid), notes="Runs the Bergen office"))
    edit_file(folder, "NOTE:Runs the port office", "NOTE:Left for the ministry")
    report = reconcile(folder, today=TODAY)
    assert report.conflicts == 1
    return pid


def test_a_field_changed_differently_on_both_sides_keeps_mine_and_records_theirs(store, folder):
    pid = conflicting_notes(store, folder)
    assert people.get(pid).notes == "Runs the Bergen office"
    assert "NOTE:Runs the Bergen office" in only(folder)
    (row,) = list_conflicts()
    assert (row.person_id, row.person_name, row.field, row.kind) == (
        pid, "Mia Chen", "notes", "field"
    )
    assert (row.local_value, row.remote_value) == ("Runs the Bergen office",
                                                   "Left for the ministry")


def test_keeping_mine_closes_the_conflict_and_changes_nothing(store, folder):
    pid = conflicting_notes(store, folder)
    (row,) = list_conflicts()
    resolve_conflict(row.id, "mine")
    assert list_conflicts() == []
    assert people.get(pid).notes == "Runs the Bergen office"
    assert reconcile(folder, today=TODAY).pushed == 0


def test_taking_theirs_applies_their_value_and_the_next_pass_writes_it(store, folder):
    pid = conflicting_notes(store, folder)
    (row,) = list_conflicts()
    heard = []
    core_store.subscribe(heard.append)
    try:
        resolve_conflict(row.id, "theirs")
    finally:
        core_store.unsubscribe(heard.append)
    assert people.get(pid).notes == "Left for the ministry"
    assert any(Topic.PEOPLE in change.topics and pid in change.people for change in heard)
    assert reconcile(folder, today=TODAY).pushed == 1
    assert "NOTE:Left for the ministry" in only(folder)


def test_a_removal_there_settled_mine_writes_the_card_again(store, folder):
    pid = person("Noa Weiss", email="noa@example.com")
    reconcile(folder, today=TODAY)
    people.update(pid, people.with_changes(people.get(pid), notes="Still in touch"))
    (path,) = folder.glob("*.vcf")
    path.unlink()
    reconcile(folder, today=TODAY)
    (row,) = list_conflicts()
    resolve_conflict(row.id, "mine")
    assert reconcile(folder, today=TODAY).pushed == 1
    assert "NOTE:Still in touch" in only(folder)


def test_a_removal_there_settled_theirs_archives_the_person(store, folder):
    pid = person("Oli Grant", email="oli@example.com")
    reconcile(folder, today=TODAY)
    people.update(pid, people.with_changes(people.get(pid), notes="Changed"))
    (path,) = folder.glob("*.vcf")
    path.unlink()
    reconcile(folder, today=TODAY)
    (row,) = list_conflicts()
    resolve_conflict(row.id, "theirs")
    assert people.get(pid).archived and list_conflicts() == []
    assert reconcile(folder, today=TODAY).pushed == 0
    assert list(folder.glob("*.vcf")) == []


def test_resolving_names_what_is_wrong(store, folder):
    conflicting_notes(store, folder)
    (row,) = list_conflicts()
    with pytest.raises(ValidationError):
        resolve_conflict(row.id, "both")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        resolve_conflict(row.id + 100, "mine")
    assert len(list_conflicts()) == 1


def test_a_birthday_conflict_is_said_in_words(store, folder):
    pid = person("Pia Holm", email="pia@example.com")
    reconcile(folder, today=TODAY)
    detail = people.get(pid)
    people.update(pid, people.with_changes(detail, birthday=Birthday(4, 2, 1990)))
    edit_file(folder, "EMAIL:pia@example.com\r\n", "EMAIL:pia@example.com\r\nBDAY:1990-04-03\r\n")
    reconcile(folder, today=dt.date(2026, 12, 6))
    (row,) = list_conflicts()
    assert (row.field, row.local_value, row.remote_value) == ("birthday", "1990-04-02",
                                                              "1990-04-03")
    resolve_conflict(row.id, "theirs")
    assert people.get(pid).birthday == Birthday(4, 3, 1990)


def test_name_parts_and_rhythm_are_said_in_words(store, folder):
    pid = person("Vic Lamb", email="vic@example.com", cadence_days=30)
    reconcile(folder, today=TODAY)
    detail = people.get(pid)
    people.update(pid, people.with_changes(detail, given="Victor", family="Lamb",
                                           cadence_days=45))
    edit_file(folder, "N:Lamb;Vic;;;", "N:Lamb-Ross;Vic;;Dr.;")
    edit_file(folder, "X-NETDESK-CADENCE-DAYS:30", "X-NETDESK-CADENCE-DAYS:60")
    reconcile(folder, today=TODAY)
    shown = {row.field: (row.local_value, row.remote_value) for row in list_conflicts()}
    assert shown["name parts"] == ("Victor Lamb", "Dr. Vic Lamb-Ross")
    assert shown["keep-in-touch rhythm"] == ("every 45 days", "every 2 months")


def test_a_card_back_there_closes_the_removal_question(store, folder):
    pid = person("Wren Hale", email="wren@example.com")
    reconcile(folder, today=TODAY)
    (path,) = folder.glob("*.vcf")
    kept = path.read_bytes()
    people.update(pid, people.with_changes(people.get(pid), notes="Changed here"))
    path.unlink()
    reconcile(folder, today=TODAY)
    assert len(list_conflicts()) == 1
    path.write_bytes(kept)
    reconcile(folder, today=TODAY)
    assert list_conflicts() == []
    assert "NOTE:Changed here" in only(folder)
