"""Cadence, keep-in-touch status, birthdays, follow-ups, favours and the due list."""

from __future__ import annotations

import datetime as dt

from netdesk.core import (
    circles,
    due,
    events,
    favours,
    follow_ups,
    interactions,
    listing,
    people,
    relationships,
)
from netdesk.core.interactions import InteractionDraft
from netdesk.db.models import Person
from netdesk.values import (
    Birthday,
    DueKind,
    FavourDirection,
    FavourStatus,
    KeepInTouch,
    RelationshipKind,
)
from tests.helpers.people import person

TODAY = dt.date(2026, 11, 27)


def set_created(pid: int, day: dt.date) -> None:
    Person.update(created=dt.datetime.combine(day, dt.time())).where(Person.id == pid).execute()


def row(pid):
    return listing.row(pid, TODAY)


def test_cadence_from_person_beats_circle(store):
    own = person(
        "Own Cadence", circles=["Friends"], cadence_days=10, met_on=TODAY - dt.timedelta(20)
    )
    circle = person("Circle Cadence", circles=["Friends"], met_on=TODAY - dt.timedelta(20))
    assert row(own).next_due == TODAY - dt.timedelta(10)
    assert row(own).status is KeepInTouch.OVERDUE
    assert row(circle).next_due == TODAY + dt.timedelta(10)  # Friends: 30 days
    assert row(circle).status is KeepInTouch.OK


def test_shortest_circle_wins_and_untracked(store):
    both = person("Both", circles=["Friends", "Family"], met_on=TODAY)
    nobody = person("No Circle", met_on=TODAY)
    assert row(both).next_due == TODAY + dt.timedelta(14)
    assert row(nobody).status is KeepInTouch.UNTRACKED
    nurture = person("Nurtured", nurture=True, met_on=TODAY)
    assert row(nurture).next_due == TODAY + dt.timedelta(30)


def test_circle_default_change_applies(store):
    pid = person("Colleague", circles=["Colleagues"], met_on=TODAY - dt.timedelta(55))
    assert row(pid).status is KeepInTouch.DUE_SOON  # 60 days, 5 left
    colleagues = next(c for c in circles.circles() if c.name == "Colleagues")
    circles.set_default_cadence(colleagues.id, 40)
    assert row(pid).status is KeepInTouch.OVERDUE


def test_interaction_with_three_participants_resets_all(store):
    ids = [person(n, circles=["Friends"], met_on=TODAY - dt.timedelta(90)) for n in "ABC"]
    assert all(row(p).status is KeepInTouch.OVERDUE for p in ids)
    interactions.log(InteractionDraft(TODAY - dt.timedelta(1), summary="Dinner", people=ids))
    for p in ids:
        assert row(p).last_contact == TODAY - dt.timedelta(1)
        assert row(p).status is KeepInTouch.OK
        assert len(interactions.timeline(p)) == 1
    assert set(interactions.timeline(ids[0])[0].others) == {"B", "C"}


def test_deleting_interaction_restores_clock(store):
    pid = person("Dee", circles=["Friends"], met_on=TODAY - dt.timedelta(90))
    iid = interactions.log(InteractionDraft(TODAY, people=[pid]))
    interactions.delete(iid)
    assert row(pid).last_contact is None
    assert row(pid).status is KeepInTouch.OVERDUE


def test_archived_never_due(store):
    pid = person(
        "Archived",
        circles=["Family"],
        met_on=TODAY - dt.timedelta(100),
        birthday=Birthday(TODAY.month, TODAY.day, 1980),
    )
    follow_ups.add(pid, TODAY - dt.timedelta(1), "call")
    assert {i.kind for i in due.compute(TODAY)} == {
        DueKind.KEEP_IN_TOUCH,
        DueKind.BIRTHDAY,
        DueKind.FOLLOW_UP,
    }
    people.set_archived(pid)
    assert due.compute(TODAY) == []


def test_birthdays_with_and_without_year(store):
    with_year = person("Year", birthday=Birthday(11, 29, 1990))
    no_year = person("NoYear", birthday=Birthday(11, 28))
    items = {i.person_id: i for i in due.compute(TODAY, birthday_lead_days=3)}
    assert items[with_year].due == dt.date(2026, 11, 29)
    assert "Turns 36" in items[with_year].detail
    assert items[no_year].detail.startswith("Birthday")
    assert people.get(no_year).birthday.iso() == "--11-28"
    assert dt.date(2026, 12, 1) not in [i.due for i in items.values()]


def test_29_february(store):
    leap = person("Leapling", birthday=Birthday(2, 29, 2000))
    common = due.compute(dt.date(2027, 2, 28), birthday_lead_days=0)
    assert [(i.person_id, i.due) for i in common] == [(leap, dt.date(2027, 2, 28))]
    leap_year = due.compute(dt.date(2028, 2, 29), birthday_lead_days=0)
    assert [(i.person_id, i.due) for i in leap_year] == [(leap, dt.date(2028, 2, 29))]
    assert due.compute(dt.date(2028, 2, 28), birthday_lead_days=0) == []
    assert Birthday(2, 29).iso() == "--02-29"


def test_follow_ups_reminders_and_interactions(store):
    pid = person("Fol Low")
    rid = follow_ups.add(pid, TODAY, "Send the deck")
    interactions.log(
        InteractionDraft(
            TODAY - dt.timedelta(5),
            summary="Intro call",
            follow_up=TODAY - dt.timedelta(1),
            people=[pid],
        )
    )
    items = [i for i in due.compute(TODAY) if i.kind is DueKind.FOLLOW_UP]
    assert [i.detail for i in items] == ["Intro call", "Send the deck"]
    follow_ups.set_done(rid)
    assert len([i for i in due.compute(TODAY) if i.kind is DueKind.FOLLOW_UP]) == 1
    assert due.compute(TODAY - dt.timedelta(3)) == []


def test_favours_history_and_promises(store):
    pid = person("Gen Erous")
    other = person("Other")
    favours.add(pid, FavourDirection.RECEIVED, "Intro to a VC", TODAY - dt.timedelta(30))
    favours.add(pid, FavourDirection.RECEIVED, "Reviewed my CV", TODAY - dt.timedelta(20))
    fid = favours.add(pid, FavourDirection.GIVEN, "Send book list", TODAY - dt.timedelta(20))
    favours.add(other, FavourDirection.GIVEN, "Coffee", TODAY, status=FavourStatus.DONE)
    assert [(f.direction, f.what) for f in favours.for_person(pid)] == [
        (FavourDirection.GIVEN, "Send book list"),
        (FavourDirection.RECEIVED, "Reviewed my CV"),
        (FavourDirection.RECEIVED, "Intro to a VC"),
    ]
    items = [i for i in due.compute(TODAY) if i.kind is DueKind.FAVOUR]
    assert [(i.person_id, i.detail) for i in items] == [(pid, "You offered: Send book list")]
    favours.set_status(fid, FavourStatus.DONE)
    assert [i for i in due.compute(TODAY) if i.kind is DueKind.FAVOUR] == []


def test_event_capture(store):
    eid = events.create("Harbour dinner", TODAY - dt.timedelta(1), place="Pier 9")
    a, b = person("Met One"), person("Met Two")
    events.add_attendee(eid, a)
    events.add_attendee(eid, b)
    assert sorted(events.attendees(eid)) == [a, b]
    assert people.get(a).how_met == "Harbour dinner"
    assert people.get(a).met_on == TODAY - dt.timedelta(1)
    assert row(a).last_contact == TODAY - dt.timedelta(1)
    pending = follow_ups.for_person(a)
    assert len(pending) == 1 and pending[0].due >= TODAY
    assert events.list_events()[0].attendees == 2


def test_an_introduction_reads_from_both_sides(store):
    connector, target = person("Connector"), person("Target")
    relationships.link(connector, target, RelationshipKind.INTRODUCED)
    assert relationships.links(target)[0].describe() == "introduced by"
    assert relationships.links(connector)[0].describe() == "introduced you to"


def test_links_name_the_other_person(store):
    a, b = person("Intro Ducer"), person("New Contact")
    relationships.link(a, b, RelationshipKind.INTRODUCED)
    [link] = relationships.links(b)
    assert (link.other_id, link.other_name, link.outgoing) == (a, "Intro Ducer", False)
    [link] = relationships.links(a)
    assert (link.other_id, link.other_name, link.outgoing) == (b, "New Contact", True)


def test_leapling_turns_a_year_older_on_28_february():
    born = Birthday(2, 29, 2000)
    assert born.age_on(dt.date(2025, 2, 28)) == 25
    assert born.age_on(dt.date(2025, 2, 27)) == 24
    assert born.age_on(dt.date(2028, 2, 28)) == 27
    assert born.age_on(dt.date(2028, 2, 29)) == 28
