"""Snapshots put people back exactly: the basis of Undo for delete, edit, merge and import."""

from __future__ import annotations

import datetime as dt

import pytest

from netdesk.core import (
    dedupe,
    events,
    favours,
    follow_ups,
    interactions,
    people,
    relationships,
    search,
    snapshots,
)
from netdesk.core.interactions import InteractionDraft
from netdesk.db.models import Person, ReminderLog
from netdesk.values import FavourDirection, RelationshipKind, TagKind
from tests.helpers.people import person
from tests.helpers.records import dump, person_view, png_bytes


@pytest.fixture
def network(store):
    """Ana with everything a person can have, sharing interactions with Ben and Caro."""
    ana = person(
        "Ana Souza",
        email="ana@fjordlight.example",
        phone="+44 20 7946 0958",
        org="Fjordlight",
        title="Head of Data",
        circles=["Colleagues"],
        tags=[(TagKind.INTEREST, "Jazz"), (TagKind.SKILL, "SQL")],
        why_stand_out="Runs a jazz trio",
        photo=png_bytes(),
        notes="Prefers mornings",
    )
    ben = person("Ben Okafor", email="ben@example.org")
    caro = person("Caro Lindqvist", met_through_id=ana)
    lunch = interactions.log(
        InteractionDraft(dt.date(2026, 3, 1), summary="Lunch at Lumen", people=[ana, ben, caro])
    )
    interactions.log(InteractionDraft(dt.date(2026, 4, 2), summary="Call about jazz", people=[ana]))
    event = events.create("Data Summit", dt.date(2026, 5, 10), place="Oslo")
    events.add_attendee(event, ana)
    events.add_attendee(event, ben)
    favours.add(ana, FavourDirection.RECEIVED, "Intro to Lumen", dt.date(2026, 3, 2))
    favours.add(ana, FavourDirection.GIVEN, "Reviewed her deck", dt.date(2026, 3, 5))
    relationships.link(ben, ana, RelationshipKind.INTRODUCED, "at the summit")
    relationships.link(ana, caro, RelationshipKind.COLLEAGUE)
    follow_ups.add(ana, dt.date(2026, 6, 1), "Send the paper")
    ReminderLog.create(kind="birthday", person=ana, due=dt.date(2026, 7, 1), ref=0)
    dedupe.dismiss(ana, ben)
    return {"ana": ana, "ben": ben, "caro": caro, "lunch": lunch, "event": event}


def test_delete_and_restore_puts_everything_back(network):
    ana, ben, caro = network["ana"], network["ben"], network["caro"]
    before = {pid: person_view(pid) for pid in (ana, ben, caro)}
    before_search = {q: search.search_ids(q) for q in ("jazz", "fjordlight", "lumen", "souza")}
    before_dump = dump()

    snap = snapshots.capture([ana])
    people.delete(ana)
    assert not people.exists(ana)
    assert people.get(caro).met_through_id is None  # the foreign key set it to NULL
    assert interactions.participants(network["lunch"]) == [ben, caro]

    snapshots.restore(snap)

    assert {pid: person_view(pid) for pid in (ana, ben, caro)} == before
    assert {q: search.search_ids(q) for q in before_search} == before_search
    assert people.get(ana).photo == png_bytes()
    assert people.get(caro).met_through_id == ana
    assert dedupe.is_dismissed(ana, ben)
    assert dump() == before_dump


def test_restore_after_edit_is_undo_of_the_edit(network):
    ana = network["ana"]
    before = person_view(ana)
    snap = snapshots.capture([ana])
    draft = people.get(ana).as_draft()
    draft.display_name, draft.points, draft.circles = "Ana S.", [], []
    people.update(ana, draft)
    people.set_archived(ana)
    snapshots.restore(snap)
    after = person_view(ana)
    assert after["detail"].display_name == "Ana Souza"
    assert after == before


def test_restore_when_a_shared_interaction_was_deleted_meanwhile(network):
    ana, ben = network["ana"], network["ben"]
    snap = snapshots.capture([ana])
    people.delete(ana)
    interactions.delete(network["lunch"])  # gone for everyone now
    snapshots.restore(snap)
    summaries = [e.summary for e in interactions.timeline(ana)]
    assert "Lunch at Lumen" in summaries  # the snapshot brings the interaction back for Ana
    # Ben's participation was deleted with the interaction and was never part of Ana's snapshot
    assert interactions.participants(network["lunch"]) == [ana]
    assert "Lunch at Lumen" not in [e.summary for e in interactions.timeline(ben)]
    assert people.get(ana).last_contact == dt.date(2026, 5, 10)


def test_restore_refuses_when_the_id_belongs_to_someone_new(network):
    ana = network["ana"]
    snap = snapshots.capture([ana])
    people.delete(ana)
    newcomer = person("Newcomer")
    # SQLite hands out freed ids again: the newcomer takes Ana's (created at another time)
    Person.update(id=ana, created=dt.datetime(2030, 1, 1)).where(Person.id == newcomer).execute()
    with pytest.raises(snapshots.SnapshotConflict):
        snapshots.restore(snap)
    assert people.get(ana).display_name == "Newcomer"


def test_capture_of_many_people_and_json_size(store):
    ids = [person(f"Person {i:03d}", email=f"p{i}@example.org") for i in range(1200)]
    snap = snapshots.capture(ids)
    assert len(snap.rows(Person)) == 1200
    snapshots.delete_people(ids)
    assert people.count() == 0
    snapshots.restore(snap)
    assert people.count() == 1200
    assert search.search_ids("p1199@example") == [ids[-1]]
