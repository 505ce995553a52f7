"""Done: each kind of reminder is completed where it lives, and its occurrence retired."""

from __future__ import annotations

import datetime as dt

from netdesk.core import favours, interactions, reminder_log
from netdesk.core.reminder_log import State
from netdesk.reminders import actions
from netdesk.reminders.scheduler import Scheduler
from netdesk.values import Birthday, DueKind, FavourDirection, FavourStatus
from tests.helpers.people import person
from tests.helpers.reminders import START, overdue_person


def due_now(clock) -> dict[DueKind, object]:
    scheduler = Scheduler(clock)
    scheduler.run()
    return {item.kind: item for item in scheduler.current}


def test_a_promised_favour_is_marked_done(rstore, clock):
    ana = person("Ana Lima")
    favour = favours.add(
        ana, FavourDirection.GIVEN, "Intro to a designer", START.date() - dt.timedelta(days=20)
    )
    item = due_now(clock)[DueKind.FAVOUR]
    actions.complete(item, clock.now())
    assert [f.status for f in favours.for_person(ana) if f.id == favour] == [FavourStatus.DONE]
    assert due_now(clock) == {}


def test_keep_in_touch_can_just_be_dismissed_without_logging(rstore, clock):
    ana = overdue_person("Ana Lima")
    item = due_now(clock)[DueKind.KEEP_IN_TOUCH]
    actions.complete(item, clock.now(), log_interaction=False)
    assert interactions.timeline(ana) == []
    assert reminder_log.classify([item], clock.now()) == {item.key(): State.DISMISSED}


def test_a_birthday_is_dismissed(rstore, clock):
    person("Ben Okafor", birthday=Birthday(3, 10, 1980))
    item = due_now(clock)[DueKind.BIRTHDAY]
    assert [label for label, _log in actions.done_choices(item)] == ["Dismiss"]
    actions.complete(item, clock.now())
    assert due_now(clock) == {}


def test_what_was_done_or_snoozed_leaves_the_today_list(rstore, clock):
    from netdesk.core import sidebar

    overdue_person("Ana Lima")
    overdue_person("Ben Okafor")
    overdue_person("Caro Diaz")
    today = {item.name: item for item in sidebar.load(START.date()).due_items}
    actions.complete(today["Ana Lima"], clock.now())
    actions.snooze([today["Ben Okafor"]], actions.Snooze.WEEK, clock.now())
    assert [i.name for i in sidebar.load(START.date()).due_items] == ["Caro Diaz"]
    week_later = START + dt.timedelta(days=8)
    items = list(today.values())
    assert [i.name for i in reminder_log.still_open(items, week_later)] == [
        "Ben Okafor",
        "Caro Diaz",
    ]


def test_a_birthday_s_advance_notice_done_in_today_leaves_the_day_itself(rstore, clock):
    from netdesk.core import sidebar

    person("Ben Okafor", birthday=Birthday(3, 12, 1980))  # two days after START
    [notice] = sidebar.load(START.date()).due_items
    actions.complete(notice, clock.now())
    assert sidebar.load(START.date()).due_items == []
    [on_the_day] = sidebar.load(dt.date(2025, 3, 12)).due_items
    assert on_the_day.kind is DueKind.BIRTHDAY and on_the_day.detail == "Turns 45 today"
