"""People with contact points, positions, circles and tags."""

from __future__ import annotations

import pytest

from netdesk.core import interactions, people, search
from netdesk.core.errors import ValidationError
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft, PointDraft, PositionDraft
from netdesk.db.models import ContactPoint, Interaction, Participant
from netdesk.values import PointKind, TagKind
from tests.helpers.people import person


def test_create_and_get_round_trip(store):
    pid = person(
        "Ana Souza",
        email="  Ana.Souza@Example.COM ",
        phone="+44 20 7946 0958",
        org="Fjordlight",
        title="Head of Data",
        circles=["Colleagues"],
        why_stand_out="Runs a jazz trio",
        tags=[(TagKind.INTEREST, "Jazz")],
    )
    detail = people.get(pid)
    assert detail.display_name == "Ana Souza"
    assert detail.current_position.organization == "Fjordlight"
    assert detail.circles == ["Colleagues"]
    assert detail.tags == [(TagKind.INTEREST, "Jazz")]
    rows = {p.kind: p for p in ContactPoint.select().where(ContactPoint.person == pid)}
    assert rows["email"].normalized == "ana.souza@example.com"
    assert rows["phone"].normalized == "+442079460958"
    assert rows["phone"].value == "+44 20 7946 0958"  # the original text is kept


def test_unparsable_phone_keeps_text(store):
    pid = person("Odd Number", phone="ext. 12")
    point = ContactPoint.get(ContactPoint.person == pid)
    assert point.value == "ext. 12" and point.normalized == ""


def test_validation(store):
    with pytest.raises(ValidationError) as err:
        people.create(people.PersonDraft())
    assert err.value.field == "display_name"
    with pytest.raises(ValidationError):
        people.create(people.PersonDraft(display_name="X", cadence_days=0))
    with pytest.raises(ValidationError):
        people.create(
            people.PersonDraft(
                display_name="X", points=[people.PointDraft(PointKind.EMAIL, "not-an-email")]
            )
        )


def test_name_from_parts(store):
    pid = people.create(people.PersonDraft(given="Léa", family="Marchetti"))
    assert people.get(pid).display_name == "Léa Marchetti"


def test_update_replaces_children(store):
    pid = person("Ben", email="ben@example.com", circles=["Friends"])
    draft = people.get(pid).as_draft()
    draft.points = [people.PointDraft(PointKind.EMAIL, "ben@new.example")]
    draft.circles = ["Family", "Friends"]
    people.update(pid, draft)
    detail = people.get(pid)
    assert [p.value for p in detail.points] == ["ben@new.example"]
    assert detail.circles == ["Family", "Friends"]
    assert search.search_ids("new.example") == [pid]
    assert search.search_ids("example.com") == []


def test_delete_keeps_other_participants_interactions(store):
    import datetime as dt

    a, b, c = person("A One"), person("B Two"), person("C Three")
    iid = interactions.log(InteractionDraft(dt.date(2026, 5, 1), summary="Lunch", people=[a, b, c]))
    people.delete(a)
    assert Interaction.get_by_id(iid).summary == "Lunch"
    assert sorted(interactions.participants(iid)) == [b, c]
    assert ContactPoint.select().where(ContactPoint.person == a).count() == 0
    assert Participant.select().where(Participant.person == a).count() == 0
    assert len(interactions.timeline(b)) == 1


def test_archive_hides_from_search_and_count(store):
    pid = person("Zed Archer")
    assert people.count() == 1
    people.set_archived(pid)
    assert people.count() == 0
    assert search.search_ids("zed") == []
    assert search.search_ids("zed", include_archived=True) == [pid]


def test_the_store_refuses_what_an_import_would_cut(store):
    """The editors can store nothing longer than an import keeps (io/field_limits)."""
    too_long = [
        (PersonDraft(display_name="A" * 201), "That name is too long."),
        (PersonDraft(display_name="Ana", nickname="N" * 201), "That name is too long."),
        (
            PersonDraft(display_name="Ana", positions=[PositionDraft("Acme", "T" * 301)]),
            "That organisation or title is too long.",
        ),
        (
            PersonDraft(display_name="Ana", tags=[(TagKind.INTEREST, "x" * 101)]),
            "That tag is too long.",
        ),
        (
            PersonDraft(display_name="Ana", points=[PointDraft(PointKind.URL, "u" * 2001)]),
            "That contact detail is too long.",
        ),
        (PersonDraft(display_name="Ana", notes="n" * 100_001), "That text is too long."),
    ]
    for draft, message in too_long:
        with pytest.raises(ValidationError, match=message):
            people.create(draft)
    assert people.create(PersonDraft(display_name="A" * 200, notes="n" * 100_000))
