"""Calendar meetings into events: attendees matched by address then by a name only one person
has, nobody created without being asked, the same file twice making no second event."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from netdesk.core import calendar_import, events
from netdesk.core.calendar_import import attendee_key
from netdesk.db.models import ContactPoint, Event, Person, Reminder
from netdesk.io import ics_reader
from tests.helpers.paths import FIXTURES
from tests.helpers.people import person

ICS = FIXTURES / "ics"
PARIS = ZoneInfo("Europe/Paris")
TODAY = dt.date(2026, 12, 6)


def run(name: str, *, create: tuple[str, ...] = (), today: dt.date = TODAY):
    plan = calendar_import.plan_file(ICS / name, PARIS)
    return calendar_import.apply(plan, create=create, today=today)


def meeting(report, summary: str):
    return next(m for m in report.meetings if m.summary == summary)


def attendee_names(event_id: int) -> set[str]:
    return {Person.get_by_id(pid).display_name for pid in events.attendees(event_id)}


def test_attendees_match_by_address_then_by_name_and_the_rest_are_reported(store):
    ana = person("Ana Souza", email="ana.souza@example.com")
    bruno = person("Bruno Keller")
    call = meeting(run("google.ics"), "Partnership call")
    assert call.matched == ((ana, "Ana Souza", "email"), (bruno, "Bruno Keller", "name"))
    assert call.unmatched == (ics_reader.Attendee("", "chloe.martin@example.org"),)
    assert call.new == ()
    assert attendee_names(call.event_id) == {"Ana Souza", "Bruno Keller"}
    stored = Event.get_by_id(call.event_id)
    assert (stored.name, stored.date, stored.kind) == ("Partnership call", call.day, "meeting")
    assert stored.uid == "7kq3c1v0m2b8h4tr5a6s9d0f1g@google.com"
    assert Person.select().count() == 2  # nobody created unasked


def test_an_address_matches_whatever_its_case(store):
    ana = person("Ana Souza", email="ana.souza@example.com")
    review = meeting(run("outlook.ics"), "Nordbank <b>quarterly</b> review")
    assert review.matched == ((ana, "Ana Souza", "email"),)


def test_a_name_matches_only_when_one_person_has_it(store):
    person("Zoé Dubois")
    person("Zoe Dubois", email="zoe.d@elsewhere.example")
    plan = calendar_import.plan_file(ICS / "apple.ics", PARIS)
    zoe = next(m for m in plan.meetings[0].attendees if m.attendee.name == "Zoé Dubois")
    assert zoe.person_id is None
    assert zoe.how == "2 people are called Zoé Dubois"


def test_the_same_file_again_makes_no_second_event_and_adds_who_is_known_since(store):
    person("Ana Souza", email="ana.souza@example.com")
    first = run("google.ics")
    assert first.events_created == 2
    chloe = person("Chloé Martin", email="chloe.martin@example.org")
    again = run("google.ics")
    assert again.events_created == 0
    assert Event.select().count() == 2
    call = meeting(again, "Partnership call")
    assert call.event_id == meeting(first, "Partnership call").event_id
    assert chloe in events.attendees(call.event_id)


def test_a_meeting_without_a_uid_is_found_again_by_its_name_and_day(store):
    data = (
        (ICS / "thunderbird.ics")
        .read_bytes()
        .replace(b"UID:a3b1c5d7-0e2f-4a6b-8c9d-1e2f3a4b5c6d\r\n", b"")
    )
    for _ in range(2):
        plan = calendar_import.plan(ics_reader.read_bytes(data, PARIS), "tb.ics")
        calendar_import.apply(plan, today=TODAY)
    assert [(e.name, e.uid) for e in Event.select()] == [("Coffee with the hiring panel", None)]


def test_people_are_created_only_for_the_attendees_chosen_and_once_per_file(store):
    chloe, david = "chloe.martin@example.org", "d.osei@example.net"
    report = run("google.ics", create=(chloe, david))
    assert report.people_created == 2
    by_email = {p.value: p.person for p in ContactPoint.select()}
    assert by_email[chloe].display_name == chloe  # the calendar gave only the address
    assert by_email[david].display_name == "David Osei"
    assert meeting(report, "Partnership call").unmatched == (
        ics_reader.Attendee("Ana Souza", "ana.souza@example.com"),
        ics_reader.Attendee("Bruno Keller", "bruno.keller@fjordlight.example"),
    )
    # David is in the Thunderbird file too, by address only: the person just made
    coffee = meeting(run("thunderbird.ics"), "Coffee with the hiring panel")
    assert coffee.matched[0] == (by_email[david].id, "David Osei", "email")


def test_the_keys_offered_for_creation_are_each_unmatched_attendee_once(store):
    plan = calendar_import.plan_file(ICS / "google.ics", PARIS)
    assert [attendee_key(a) for a in plan.unmatched()] == [
        "ana.souza@example.com",
        "bruno.keller@fjordlight.example",
        "chloe.martin@example.org",
        "d.osei@example.net",
    ]


def test_a_meeting_in_the_past_brings_no_follow_up_and_one_to_come_does(store):
    ana = person("Ana Souza", email="ana.souza@example.com")
    report = run("google.ics")
    past = meeting(report, "Weekly mentoring")  # first occurrence, January 2026
    coming = meeting(report, "Partnership call")
    assert past.recurring and past.day == dt.date(2026, 1, 5)
    assert events.follow_up(past.event_id, ana) is None
    assert events.follow_up(coming.event_id, ana) == dt.date(2026, 12, 18)
    assert Reminder.select().count() == 1


def test_the_json_report_says_what_became_of_each_meeting_and_attendee(store):
    person("Ana Souza", email="ana.souza@example.com")
    report = run("thunderbird.ics", create=("newcomer@startup.example",))
    data = json.loads(json.dumps(report.as_json()))
    assert data["events"] == data["events_new"] == 1
    assert data["people_new"] == 1
    assert data["problems"] == ["“Event without a start” has no start date and was left out."]
    [coffee] = data["meetings"]
    assert coffee["date"] == "2026-12-03"
    assert coffee["matched"] == [{"id": 1, "name": "Ana Souza", "by": "name"}]
    assert coffee["new_people"] == [{"id": 2, "name": "newcomer@startup.example"}]
    assert coffee["unmatched"] == [{"name": "", "email": "d.osei@example.net"}]


def test_one_person_under_two_addresses_attends_once(store):
    ana = person("Ana Souza", email="ana.souza@example.com")
    data = (
        (ICS / "thunderbird.ics")
        .read_bytes()
        .replace(b"mailto:d.osei@e\r\n xample.net", b"mailto:ana.souza@example.com")
    )
    report = calendar_import.apply(
        calendar_import.plan(ics_reader.read_bytes(data, PARIS)), today=TODAY
    )
    [coffee] = report.meetings
    assert coffee.matched == ((ana, "Ana Souza", "email"),)
    assert events.attendees(coffee.event_id) == [ana]
