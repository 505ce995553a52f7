"""This week's plan: who to reach out to and why, in the order of priority, each person once,
with snoozes and this week's Done left out, from a few queries whatever the network's size."""

from __future__ import annotations

import datetime as dt

import pytest

from netdesk.core import dates, favours, follow_ups, interactions, needs, people, settings, week
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft, PositionDraft
from netdesk.core.week import PlanKind
from netdesk.db.models import Person, database
from netdesk.values import Birthday, FavourDirection, NeedKind
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 9)  # a Wednesday
NOW = dt.datetime(2026, 12, 9, 10, 30)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def employed(name: str, organization: str, title: str, start: dt.date) -> int:
    return people.create(
        PersonDraft(display_name=name, positions=[PositionDraft(organization, title, start=start)])
    )


def in_touch(person_id: int, when: dt.date) -> None:
    interactions.log(InteractionDraft(when, summary="Coffee", people=[person_id]))


def network() -> dict[str, int]:
    ids = {
        "olga": person("Olga Berg", nurture=True, cadence_days=30),
        "omar": person("Omar Haddad", nurture=True, cadence_days=30),
        "tia": person("Tia Moss", birthday=Birthday(12, 9)),
        "bea": person("Bea Lund", birthday=Birthday(12, 11, 1986)),
        "carl": person("Carl Visser"),
        "pia": person("Pia Kerr"),
        "finn": person("Finn Olsen"),
        "jamal": person("Jamal Reed"),
        "ana": person("Ana Souza"),
        "nina": employed("Nina Park", "Fjordlight", "Head of Data", days(-30)),
        "fay": person("Fay Quist", circles=["Family"]),
        "gil": person("Gil Abara", circles=["Friends of family"]),
        "hal": person("Hal Soto", circles=["EXTENDED FAMILY"]),
    }
    in_touch(ids["olga"], days(-40))  # due 29 November: 10 days late
    in_touch(ids["omar"], days(-35))  # due 4 December: 5 days late
    follow_ups.add(ids["omar"], days(4), "Ask about the move")
    follow_ups.add(ids["carl"], days(-3), "Call back")
    follow_ups.add(ids["finn"], days(2), "Send the deck")
    favours.add(ids["pia"], FavourDirection.GIVEN, "an intro to Ben", days(-20), due=days(1))
    needs.add(ids["jamal"], NeedKind.NEED, "an analyst role", days(-5))
    needs.add(ids["ana"], NeedKind.OFFER, "hiring analysts", days(-3))
    in_touch(ids["nina"], days(-100))
    in_touch(ids["gil"], days(-200))
    in_touch(ids["hal"], days(-100))
    return ids


def reasons(items: list[week.PlanItem]) -> list[tuple[str, PlanKind, str]]:
    return [(i.name, i.kind, i.reason) for i in items]


def test_the_plan_in_the_order_of_priority_with_each_reason(store):
    network()
    assert reasons(week.plan(today=TODAY, size=20)) == [
        (
            "Olga Berg",
            PlanKind.OVERDUE,
            "Overdue by 10 days (every month; last contact 30 October 2026)",
        ),
        (
            "Omar Haddad",
            PlanKind.OVERDUE,
            "Overdue by 5 days (every month; last contact 4 November 2026). Also: "
            "Follow up: Ask about the move (due on Sunday 13 December)",
        ),
        ("Tia Moss", PlanKind.BIRTHDAY, "Birthday today"),
        ("Bea Lund", PlanKind.BIRTHDAY, "Birthday on Friday 11 December (turns 40)"),
        ("Carl Visser", PlanKind.FOLLOW_UP, "Follow up: Call back (overdue by 3 days)"),
        ("Pia Kerr", PlanKind.PROMISE, "You promised: an intro to Ben (due tomorrow)"),
        ("Finn Olsen", PlanKind.FOLLOW_UP, "Follow up: Send the deck (due on Friday 11 December)"),
        (
            "Jamal Reed",
            PlanKind.HELP,
            "Jamal Reed is looking for “an analyst role”; Ana Souza can help with "
            "“hiring analysts” (matched: analyst)",
        ),
        (
            "Nina Park",
            PlanKind.NEW_JOB,
            "New job since you were last in touch: Head of Data at Fjordlight since "
            "9 November 2026 (last contact 31 August 2026)",
        ),
        (
            "Fay Quist",
            PlanKind.WARM_CIRCLE,
            "Family circle: start with people you know (no contact logged yet)",
        ),
        (
            "Gil Abara",
            PlanKind.WARM_CIRCLE,
            "Friends of family circle: start with people you know (last contact 23 May 2026)",
        ),
        (
            "Hal Soto",
            PlanKind.WARM_CIRCLE,
            "EXTENDED FAMILY circle: start with people you know (last contact 31 August 2026)",
        ),
    ]


def test_the_size_keeps_the_most_pressing(store):
    network()
    assert [i.name for i in week.plan(today=TODAY, size=3)] == [
        "Olga Berg",
        "Omar Haddad",
        "Tia Moss",
    ]
    assert week.plan(today=TODAY, size=0) == []


def test_a_person_appears_once_with_their_other_reasons_after_the_first(store):
    olga = person(
        "Olga Berg", nurture=True, cadence_days=30, birthday=Birthday(12, 12), circles=["Family"]
    )
    in_touch(olga, days(-40))
    favours.add(olga, FavourDirection.GIVEN, "the book", days(-30), due=days(-1))
    [item] = week.plan(today=TODAY, size=5)
    assert (item.person_id, item.kind) == (olga, PlanKind.OVERDUE)
    assert item.reason == (
        "Overdue by 10 days (every month; last contact 30 October 2026). Also: Birthday on "
        "Saturday 12 December; You promised: the book (overdue by 1 day); Family circle: start "
        "with people you know (last contact 30 October 2026)"
    )


def test_who_is_left_out(store):
    not_nurtured = person("Dana Varga", cadence_days=10)
    in_touch(not_nurtured, days(-40))  # overdue, but not someone the user nurtures
    archived = person("Eve Archer", nurture=True, cadence_days=7, birthday=Birthday(12, 10))
    in_touch(archived, days(-60))
    Person.update(archived=True).where(Person.id == archived).execute()
    person("Ray Lowe", birthday=Birthday(12, 16))  # the day after the week
    later = person("Lou Pike")
    follow_ups.add(later, days(7), "Next week's call")
    recent = person("Ivy Tan", circles=["Family"])
    in_touch(recent, days(-2))  # warm, but spoken to this week
    old_job = employed("Max Holt", "Helix", "Analyst", dt.date(2020, 1, 1))
    in_touch(old_job, days(-90))  # in touch since the job began
    assert week.plan(today=TODAY, size=10) == []


def test_a_birthday_on_29_february_falls_on_the_28th_in_a_common_year(store):
    person("Leap Day", birthday=Birthday(2, 29, 2000))
    [item] = week.plan(today=dt.date(2027, 2, 25), size=5)
    assert item.reason == "Birthday on Sunday 28 February (turns 27)"


def test_snooze_leaves_someone_out_for_a_week(store):
    ids = network()
    assert week.snooze(ids["olga"], today=TODAY, now=NOW) == days(7)
    for day in (TODAY, days(6)):
        assert "Olga Berg" not in [i.name for i in week.plan(today=day, size=20)]
    assert week.plan(today=days(7), size=1)[0].name == "Olga Berg"


def test_done_leaves_someone_out_for_the_rest_of_this_week(store):
    ids = network()
    week.done(ids["olga"], today=TODAY, now=NOW)
    sunday, monday = days(4), days(5)
    assert "Olga Berg" not in [i.name for i in week.plan(today=sunday, size=20)]
    assert week.plan(today=monday, size=1)[0].name == "Olga Berg"


def test_done_after_a_snooze_and_the_others_move_up(store):
    ids = network()
    week.snooze(ids["olga"], today=TODAY, now=NOW)
    week.done(ids["omar"], today=TODAY, now=NOW)
    week.done(ids["olga"], today=TODAY, now=NOW)
    assert [i.name for i in week.plan(today=TODAY, size=2)] == ["Tia Moss", "Bea Lund"]


def test_the_people_per_week_setting(store):
    assert settings.people_per_week() == 5
    settings.put("people_per_week", 2)
    assert settings.people_per_week() == 2
    settings.put("people_per_week", "lots")  # edited by hand: the default
    assert settings.people_per_week() == 5
    settings.put("people_per_week", -3)
    assert settings.people_per_week() == 0
    settings.put("people_per_week", 10_000)
    assert settings.people_per_week() == settings.MAX_PEOPLE_PER_WEEK


@pytest.fixture
def statements(store):
    """Counts the SQL statements the test's connection runs."""
    run: list[str] = []
    database.connection().set_trace_callback(run.append)
    yield run
    database.connection().set_trace_callback(None)


def test_the_plan_reads_a_few_statements_whatever_the_network(statements):
    network()
    statements.clear()
    week.plan(today=TODAY, size=20)
    small = len(statements)
    assert small <= 20  # one or two per reason, and the suggestions' own
    for n in range(60):  # more people behind every reason
        pid = person(
            f"More {n}",
            nurture=True,
            cadence_days=30,
            circles=["Family"],
            birthday=Birthday(12, 10),
        )
        in_touch(pid, days(-45))
        follow_ups.add(pid, days(1), "Call")
    statements.clear()
    week.plan(today=TODAY, size=20)
    assert len(statements) <= small


def test_a_full_plan_does_not_read_the_suggestions(statements):
    """They take seconds in a large network; a plan already full has no room for them."""
    network()
    statements.clear()
    assert len(week.plan(today=TODAY, size=2)) == 2
    assert not [sql for sql in statements if 'FROM "need"' in sql]
    week.plan(today=TODAY, size=20)
    assert [sql for sql in statements if 'FROM "need"' in sql]


def test_long_delays_are_said_in_weeks_months_and_years():
    assert [dates.span(n) for n in (1, 13, 14, 60, 61, 729, 730, 4327)] == [
        "1 day",
        "13 days",
        "2 weeks",
        "8 weeks",
        "2 months",
        "24 months",
        "2 years",
        "11 years",
    ]
