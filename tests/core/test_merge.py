"""Merging two records of one person: nothing is lost, nothing is doubled, and it can be undone."""

from __future__ import annotations

import datetime as dt

import pytest

from netdesk.core import (
    favours,
    follow_ups,
    interactions,
    merge,
    people,
    relationships,
    search,
    snapshots,
)
from netdesk.core.errors import ValidationError
from netdesk.core.interactions import InteractionDraft
from netdesk.db.models import ContactPoint, Participant, ReminderLog
from netdesk.values import Birthday, FavourDirection, RelationshipKind, TagKind
from tests.helpers.people import person
from tests.helpers.records import dump, png_bytes


@pytest.fixture
def twins(store):
    keep = person(
        "Ana Souza",
        email="ana@lumen.example",
        phone="+44 20 7946 0958",
        org="Lumen",
        title="Ops Lead",
        circles=["Colleagues"],
        tags=[(TagKind.INTEREST, "Jazz")],
        notes="Prefers mornings",
        how_met="Data Summit",
    )
    other = person(
        "Ana M. Souza",
        email="ANA@lumen.example",  # the same address, differently written
        phone="+1 415 555 2671",
        org="Fjordlight",
        title="Advisor",
        circles=["Friends"],
        tags=[(TagKind.INTEREST, "Jazz"), (TagKind.HOBBY, "Sailing")],
        notes="Has two kids",
        birthday=Birthday(4, 15),
        photo=png_bytes(),
        nickname="Nana",
    )
    ben = person("Ben Okafor")
    caro = person("Caro", met_through_id=other)
    both = interactions.log(
        InteractionDraft(dt.date(2026, 3, 1), summary="Lunch", people=[keep, other, ben])
    )
    only_other = interactions.log(
        InteractionDraft(dt.date(2026, 4, 1), summary="Sailing trip", people=[other])
    )
    favours.add(other, FavourDirection.RECEIVED, "Intro to Lumen", dt.date(2026, 3, 2))
    follow_ups.add(other, dt.date(2026, 6, 1), "Send the paper")
    relationships.link(ben, other, RelationshipKind.INTRODUCED)
    relationships.link(keep, other, RelationshipKind.FRIEND)  # becomes a self-link: dropped
    relationships.link(ben, keep, RelationshipKind.INTRODUCED)  # the same link twice after merge
    for pid in (keep, other):
        ReminderLog.create(kind="birthday", person=pid, due=dt.date(2026, 4, 15), ref=0)
    ReminderLog.create(kind="keep_in_touch", person=other, due=dt.date(2026, 5, 1), ref=0)
    return locals()


def test_merge_keeps_everything_once(twins):
    keep, other, caro = twins["keep"], twins["other"], twins["caro"]
    assert merge.merge(keep, other) == keep
    assert not people.exists(other)
    d = people.get(keep)
    assert d.display_name == "Ana Souza"
    assert sorted(p.value for p in d.points) == [
        "+1 415 555 2671",
        "+44 20 7946 0958",
        "ana@lumen.example",
    ]
    assert {(p.organization, p.title) for p in d.positions} == {
        ("Lumen", "Ops Lead"),
        ("Fjordlight", "Advisor"),
    }
    assert d.circles == ["Friends", "Colleagues"]  # in the circles' display order
    assert sorted(d.tags) == [(TagKind.HOBBY, "Sailing"), (TagKind.INTEREST, "Jazz")]
    assert d.birthday == Birthday(4, 15) and d.photo == png_bytes() and d.nickname == "Nana"
    assert "Prefers mornings" in d.notes and "Has two kids" in d.notes
    assert "Also known as: Ana M. Souza" in d.notes  # the other name was not chosen: kept as text
    assert d.how_met == "Data Summit"
    timeline = interactions.timeline(keep)
    assert [e.summary for e in timeline] == ["Sailing trip", "Lunch"]
    assert Participant.select().where(Participant.interaction == twins["both"]).count() == 2
    assert d.last_contact == dt.date(2026, 4, 1)
    assert [f.what for f in favours.for_person(keep)] == ["Intro to Lumen"]
    assert [f.note for f in follow_ups.for_person(keep)] == ["Send the paper"]
    links = relationships.links(keep)
    assert [(link.other_name, link.kind, link.outgoing) for link in links] == [
        ("Ben Okafor", RelationshipKind.INTRODUCED, False),
        ("Caro", RelationshipKind.INTRODUCED, True),  # Caro's "met through" moved to keep
    ]
    assert people.get(caro).met_through_id == keep
    logs = ReminderLog.select().where(ReminderLog.person == keep).count()
    assert logs == 2  # the birthday log both had is kept once
    assert search.search_ids("sailing") == [keep]


def test_choices_pick_fields_and_name_parts_follow_the_name(twins):
    keep, other = twins["keep"], twins["other"]
    people.update(keep, people.with_changes(people.get(keep), given="Ana", family="Souza"))
    people.update(
        other, people.with_changes(people.get(other), given="Ana", additional="M.", family="Souza")
    )
    merge.merge(keep, other, {"display_name": "other", "notes": "keep", "nickname": "keep"})
    d = people.get(keep)
    assert (d.display_name, d.additional) == ("Ana M. Souza", "M.")
    assert d.notes == "Prefers mornings"
    assert d.nickname == ""


def test_preview_lists_the_differences(twins):
    preview = {c.field: c for c in merge.merge_preview(twins["keep"], twins["other"])}
    assert preview["display_name"].keep_value == "Ana Souza"
    assert preview["display_name"].other_value == "Ana M. Souza"
    assert preview["notes"].default == "both"
    assert preview["birthday"].default == "other"
    assert preview["photo"].other_value == png_bytes()
    assert "how_met" in preview and preview["how_met"].default == "keep"
    assert "uid" not in preview  # both empty


def test_bad_choices_and_self_merge(twins):
    with pytest.raises(ValidationError):
        merge.merge(twins["keep"], twins["keep"])
    with pytest.raises(ValidationError):
        merge.merge(twins["keep"], twins["other"], {"shoe_size": "keep"})
    with pytest.raises(ValidationError):
        merge.merge(twins["keep"], twins["other"], {"notes": "mine"})
    assert people.exists(twins["other"])


def test_undo_merge_with_a_snapshot(twins):
    keep, other = twins["keep"], twins["other"]
    before = dump()
    snap = snapshots.capture([keep, other])
    merge.merge(keep, other)
    assert ContactPoint.select().where(ContactPoint.person == other).count() == 0
    snapshots.restore(snap)
    assert dump() == before
