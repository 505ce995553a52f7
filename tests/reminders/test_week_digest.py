"""The daily digest lists this week's plan: each person with the reason, short; once a day from
the digest's time on, also when nothing new fell due, and never twice (not even after a restart)."""

from __future__ import annotations

import datetime as dt

from netdesk.core import settings
from netdesk.core.week import PlanItem, PlanKind
from netdesk.reminders.notes import Note, NoteKind
from netdesk.reminders.scheduler import Scheduler
from tests.helpers.people import person
from tests.helpers.reminders import TODAY, FakeClock

NINE = dt.datetime.combine(TODAY, dt.time(9, 0))


def test_the_digest_lists_the_reminders_then_this_week(rstore):
    settings.put("digest_time", "09:00")
    person("Olga Berg", nurture=True, cadence_days=30, met_on=TODAY - dt.timedelta(days=33))
    person("Fay Quist", circles=["Family"])
    [note] = Scheduler(FakeClock(NINE)).run()
    assert (note.kind, note.title) == (NoteKind.DIGEST, "Today's reminders: 1")
    assert note.body.splitlines() == [
        "Olga Berg: keep in touch",
        "This week:",
        "Olga Berg: Overdue by 3 days (every month; no contact logged yet)",
        "Fay Quist: Family circle: start with people you know (no contact logged yet)",
    ]


def test_the_plan_alone_makes_the_day_s_digest_once(rstore):
    settings.put("digest_time", "09:00")
    person("Fay Quist", circles=["Family"])  # nothing due: only the plan has something to say
    clock = FakeClock(NINE - dt.timedelta(hours=1))
    scheduler = Scheduler(clock)
    assert scheduler.run() == []  # not before the digest's time
    clock.set(NINE)
    [note] = scheduler.run()
    assert (note.kind, note.title, note.body) == (
        NoteKind.DIGEST,
        "This week: 1 person to reach out to",
        "Fay Quist: Family circle: start with people you know (no contact logged yet)",
    )
    clock.advance(dt.timedelta(hours=2))
    assert scheduler.run() == []
    assert Scheduler(clock).run() == []  # a restart remembers the day's digest
    clock.set(NINE + dt.timedelta(days=1))
    assert [n.title for n in scheduler.run()] == ["This week: 1 person to reach out to"]


def test_without_a_digest_time_the_plan_is_not_notified(rstore):
    person("Fay Quist", circles=["Family"])
    assert Scheduler(FakeClock(NINE)).run() == []


def test_an_empty_plan_or_no_plan_setting_adds_nothing(rstore):
    settings.put("digest_time", "09:00")
    assert Scheduler(FakeClock(NINE)).run() == []
    person("Fay Quist", circles=["Family"])
    settings.put("people_per_week", 0)
    assert Scheduler(FakeClock(NINE)).run() == []


def test_plan_lines_stay_short():
    long_reason = "Follow up: " + "the whole story of the merger " * 10
    plan = tuple(PlanItem(n, f"Person {n}", long_reason, PlanKind.FOLLOW_UP) for n in range(1, 8))
    lines = Note(NoteKind.DIGEST, (), plan).body.splitlines()
    assert len(lines) == 6
    assert lines[0] == (
        "Person 1: Follow up: the whole story of the merger the whole story of the merge…"
    )
    assert len(lines[0]) == len("Person 1: ") + 70
    assert lines[-1] == "…and 2 more"
