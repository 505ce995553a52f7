"""The scheduler's decisions, on a real database with an injected clock."""

from __future__ import annotations

import datetime as dt

from netdesk import db
from netdesk.core import follow_ups, interactions, settings
from netdesk.core.interactions import InteractionDraft
from netdesk.reminders import actions
from netdesk.reminders.notes import NoteKind
from netdesk.reminders.scheduler import Scheduler, SleepWatch, Snooze
from netdesk.values import Birthday, InteractionKind
from tests.helpers.people import person
from tests.helpers.reminders import START, FakeClock, overdue_person

DAY = dt.timedelta(days=1)


def notified(notes) -> list[tuple[str, str, dt.date]]:
    return [(item.name, str(item.kind), item.due) for note in notes for item in note.items]


def test_cadence_is_due_once_and_an_interaction_resets_it(rstore, clock):
    ana = overdue_person("Ana Lima", days_late=3, cadence=30)
    scheduler = Scheduler(clock)

    notes = scheduler.run()
    assert [n.kind for n in notes] == [NoteKind.ITEM]
    assert notified(notes) == [("Ana Lima", "keep_in_touch", START.date() - 3 * DAY)]
    assert "every month" in notes[0].body
    assert scheduler.run() == []

    interactions.log(InteractionDraft(when=START.date(), kind=InteractionKind.CALL, people=[ana]))
    scheduler.run()
    assert scheduler.current == []  # the clock was reset: nothing is due any more

    clock.set(dt.datetime.combine(START.date() + 29 * DAY, dt.time(10)))
    assert scheduler.run() == []
    clock.advance(DAY)
    assert notified(scheduler.run()) == [("Ana Lima", "keep_in_touch", START.date() + 30 * DAY)]


def test_someone_due_later_is_notified_on_their_day(rstore, clock):
    met = START.date() - dt.timedelta(days=28)
    person("Ben Okafor", cadence_days=30, met_on=met)
    scheduler = Scheduler(clock)
    assert scheduler.run() == []
    assert scheduler.next_moment() == dt.datetime.combine(START.date() + DAY, dt.time())
    clock.set(dt.datetime.combine(START.date() + 2 * DAY, dt.time(0, 0, 1)))
    assert notified(scheduler.run()) == [("Ben Okafor", "keep_in_touch", START.date() + 2 * DAY)]


def test_birthday_with_a_year_gets_an_advance_notice_and_one_on_the_day(rstore, clock):
    person("Chloé Dubois", birthday=Birthday(3, 12, 1990))
    scheduler = Scheduler(clock)

    notes = scheduler.run()  # 10 March, lead time 3 days
    assert notified(notes) == [("Chloé Dubois", "birthday", dt.date(2025, 3, 12))]
    assert notes[0].body == "Turns 35 on 12 March"
    clock.advance(DAY)
    assert scheduler.run() == []

    clock.advance(DAY)  # 12 March
    notes = scheduler.run()
    assert notified(notes) == [("Chloé Dubois", "birthday", dt.date(2025, 3, 12))]
    assert notes[0].body == "Turns 35 today"
    assert notes[0].title == "Birthday: Chloé Dubois"
    assert scheduler.run() == []


def test_birthday_without_a_year(rstore, clock):
    person("Dmitri Petrov", birthday=Birthday(3, 10))
    notes = Scheduler(clock).run()
    assert notified(notes) == [("Dmitri Petrov", "birthday", START.date())]
    assert notes[0].body == "Birthday today"


def test_29_february_falls_on_28_february_in_a_common_year_and_on_the_29th_in_a_leap_year(
    rstore,
):
    person("Eun-ji Kim", birthday=Birthday(2, 29, 2000))
    settings.put("birthday_lead_days", 0)

    clock = FakeClock(dt.datetime(2025, 2, 27, 12))
    scheduler = Scheduler(clock)
    assert scheduler.run() == []
    clock.advance(DAY)
    notes = scheduler.run()
    assert notified(notes) == [("Eun-ji Kim", "birthday", dt.date(2025, 2, 28))]
    # The age in the text comes from core's Birthday.age_on (reported: it says 24 on the 28th).
    assert notes[0].body.endswith("today")

    clock.set(dt.datetime(2028, 2, 28, 12))
    assert scheduler.run() == []
    clock.advance(DAY)
    notes = scheduler.run()
    assert notified(notes) == [("Eun-ji Kim", "birthday", dt.date(2028, 2, 29))]
    assert notes[0].body == "Turns 28 today"


def test_explicit_and_interaction_follow_ups_are_notified_and_done_survives(rstore, clock):
    farah = person("Farah Haddad")
    gus = person("Gustavo García")
    follow_ups.add(farah, START.date(), "Send her the deck")
    talk = interactions.log(
        InteractionDraft(
            when=START.date() - 5 * DAY,
            kind=InteractionKind.COFFEE,
            summary="Ask about the hiring plan",
            follow_up=START.date() - DAY,
            people=[gus],
        )
    )
    scheduler = Scheduler(clock)
    notes = scheduler.run()
    assert sorted(notified(notes)) == [
        ("Farah Haddad", "follow_up", START.date()),
        ("Gustavo García", "follow_up", START.date() - DAY),
    ]
    assert {n.body for n in notes} == {"Send her the deck", "Ask about the hiring plan"}

    for item in list(scheduler.current):
        actions.complete(item, clock.now())
    assert follow_ups.for_person(farah) == []
    assert [e.follow_up_done for e in interactions.timeline(gus) if e.id == talk] == [True]

    clock.advance(DAY)
    restarted = Scheduler(clock)
    assert restarted.run() == []
    assert restarted.current == []


def test_snooze_hides_until_its_end_then_notifies_again(rstore, clock):
    overdue_person("Hana Sato")
    scheduler = Scheduler(clock)
    scheduler.run()
    until = scheduler.snooze(list(scheduler.current), Snooze.HOUR)
    assert until == START + dt.timedelta(hours=1)
    assert scheduler.current == []
    assert scheduler.next_moment() == until

    clock.advance(dt.timedelta(minutes=30))
    assert scheduler.run() == []
    clock.advance(dt.timedelta(minutes=30))
    assert notified(scheduler.run()) == [("Hana Sato", "keep_in_touch", START.date() - 3 * DAY)]
    assert scheduler.run() == []


def test_snooze_tomorrow_and_next_week_land_in_the_morning(rstore, clock):
    overdue_person("Ingrid Andersen")
    scheduler = Scheduler(clock)
    scheduler.run()
    items = list(scheduler.current)
    assert scheduler.snooze(items, Snooze.TOMORROW) == dt.datetime(2025, 3, 11, 9)
    assert scheduler.snooze(items, Snooze.WEEK) == dt.datetime(2025, 3, 17, 9)
    settings.put("quiet_start", "22:00")
    settings.put("quiet_end", "07:30")
    assert scheduler.snooze(items, Snooze.TOMORROW) == dt.datetime(2025, 3, 11, 7, 30)


def test_nothing_repeats_after_a_restart_and_a_snooze_survives_it(rstore, clock, db_path):
    overdue_person("Jamal Mensah")
    overdue_person("Kenji Ito", days_late=10)
    first = Scheduler(clock)
    assert len(notified(first.run())) == 2
    kenji = [i for i in first.current if i.name == "Kenji Ito"]
    first.snooze(kenji, Snooze.HOUR)

    db.close_database()  # the process ends...
    db.open(db_path)  # ...and starts again on the same file
    second = Scheduler(clock)
    assert second.run() == []
    assert [i.name for i in second.current] == ["Jamal Mensah"]
    clock.advance(dt.timedelta(hours=1, seconds=1))
    third = Scheduler(clock)
    assert notified(third.run()) == [("Kenji Ito", "keep_in_touch", START.date() - 10 * DAY)]


def test_three_days_asleep_give_one_summary(rstore, clock):
    base = START.date()
    person("Lars Nielsen", cadence_days=30, met_on=base - 29 * DAY)  # due tomorrow
    person("Mei Chen", cadence_days=30, met_on=base - 28 * DAY)  # due in two days
    person("Noor Rahman", birthday=Birthday(3, 14))  # notice from the 11th, day-of on the 14th
    follow_ups.add(person("Omar Haddad"), base + 3 * DAY, "Call back about the lease")
    scheduler = Scheduler(clock)
    watch = SleepWatch(clock)
    assert scheduler.run() == []

    clock.sleep(dt.timedelta(days=3))  # the lid was closed on Monday, opened on Thursday
    assert watch.woke()
    notes = scheduler.run(away=True)
    assert len(notes) == 1
    assert notes[0].kind is NoteKind.AWAY
    assert notes[0].title == "While you were away: 4 reminders"
    assert sorted(i.name for i in notes[0].items) == [
        "Lars Nielsen",
        "Mei Chen",
        "Noor Rahman",
        "Omar Haddad",
    ]
    assert scheduler.run() == []


def test_sleep_watch_tells_sleep_from_ordinary_ticks(clock):
    watch = SleepWatch(clock)
    clock.advance(dt.timedelta(seconds=60))
    assert not watch.woke()
    clock.sleep(dt.timedelta(minutes=30))
    assert watch.woke()
    clock.advance(dt.timedelta(seconds=60))
    assert not watch.woke()
    clock.advance(dt.timedelta(hours=2))  # no tick for two hours: we were not running either
    assert watch.woke()


def test_many_at_once_become_one_summary(rstore, clock):
    for n in range(5):
        overdue_person(f"Person {n}", days_late=n + 1)
    notes = Scheduler(clock).run()
    assert [n.kind for n in notes] == [NoteKind.SUMMARY]
    assert len(notes[0].items) == 5
    assert notes[0].title == "netdesk: 5 reminders"


def test_quiet_hours_defer_notifications_until_they_end(rstore):
    settings.put("quiet_start", "22:00")
    settings.put("quiet_end", "08:00")
    clock = FakeClock(dt.datetime(2025, 3, 10, 23, 0))
    overdue_person("Paula Costa")
    scheduler = Scheduler(clock)
    assert scheduler.run() == []
    assert [i.name for i in scheduler.current] == ["Paula Costa"]  # the menu still shows it
    assert scheduler.next_moment() == dt.datetime(2025, 3, 11, 8, 0)

    clock.set(dt.datetime(2025, 3, 11, 7, 59))
    assert scheduler.run() == []
    clock.set(dt.datetime(2025, 3, 11, 8, 0))
    assert notified(scheduler.run()) == [("Paula Costa", "keep_in_touch", START.date() - 3 * DAY)]


def test_a_sleep_that_ends_in_quiet_hours_is_summarised_when_they_end(rstore):
    settings.put("quiet_start", "22:00")
    settings.put("quiet_end", "08:00")
    clock = FakeClock(dt.datetime(2025, 3, 10, 23, 0))
    overdue_person("Quentin Lambert")
    scheduler = Scheduler(clock)
    clock.sleep(dt.timedelta(hours=4))
    assert scheduler.run(away=True) == []
    clock.set(dt.datetime(2025, 3, 11, 8, 0))
    notes = scheduler.run()
    assert [n.kind for n in notes] == [NoteKind.AWAY]


def test_pause_holds_everything_back_until_it_ends(rstore, clock):
    overdue_person("Rafael Santos")
    settings.put("paused_until", (START + dt.timedelta(hours=2)).isoformat())
    scheduler = Scheduler(clock)
    assert scheduler.run() == []
    assert scheduler.next_moment() == START + dt.timedelta(hours=2)
    clock.advance(dt.timedelta(hours=2))
    assert notified(scheduler.run()) == [("Rafael Santos", "keep_in_touch", START.date() - 3 * DAY)]


def test_a_pause_ending_inside_quiet_hours_lasts_until_they_end(rstore, clock):
    settings.put("quiet_start", "22:00")
    settings.put("quiet_end", "08:00")
    settings.put("paused_until", "2025-03-11T00:00")
    overdue_person("Sofia Rossi")
    scheduler = Scheduler(clock)
    assert scheduler.run() == []
    assert scheduler.next_moment() == dt.datetime(2025, 3, 11, 8, 0)


def test_digest_time_gathers_the_day_into_one_note(rstore):
    settings.put("digest_time", "09:00")
    clock = FakeClock(dt.datetime(2025, 3, 10, 7, 0))
    overdue_person("Tariq Ahmed")
    overdue_person("Uma Sharma", days_late=1)
    scheduler = Scheduler(clock)
    assert scheduler.run() == []
    assert scheduler.next_moment() == dt.datetime(2025, 3, 10, 9, 0)
    clock.set(dt.datetime(2025, 3, 10, 9, 0))
    notes = scheduler.run()
    assert [n.kind for n in notes] == [NoteKind.DIGEST]
    assert sorted(i.name for i in notes[0].items) == ["Tariq Ahmed", "Uma Sharma"]
    assert notes[0].title == "Today's reminders: 2"
    assert scheduler.next_moment() == dt.datetime(2025, 3, 11, 0, 0)


def test_a_snooze_ending_before_the_digest_keeps_its_own_time(rstore):
    clock = FakeClock(dt.datetime(2025, 3, 10, 6, 0))
    overdue_person("Viktor Novak")
    scheduler = Scheduler(clock)
    scheduler.run()
    scheduler.snooze(list(scheduler.current), Snooze.HOUR)
    settings.put("digest_time", "09:00")
    clock.advance(dt.timedelta(hours=1))
    notes = scheduler.run()
    assert [(n.kind, n.items[0].name) for n in notes] == [(NoteKind.DIGEST, "Viktor Novak")]


def test_dismissed_and_archived_are_never_notified(rstore, clock):
    from netdesk.core import people

    overdue_person("Wen Li")
    archived = overdue_person("Xavier Moreau")
    people.set_archived(archived, True)
    scheduler = Scheduler(clock)
    scheduler.run()
    assert [i.name for i in scheduler.current] == ["Wen Li"]
    scheduler.dismiss(list(scheduler.current))
    clock.advance(dt.timedelta(days=2))
    assert scheduler.run() == []
    assert scheduler.current == []


def test_once_mode_ignores_quiet_hours(rstore):
    settings.put("quiet_start", "00:00")
    settings.put("quiet_end", "23:59")
    overdue_person("Yara Haddad")
    clock = FakeClock(dt.datetime(2025, 3, 10, 12, 0))
    assert Scheduler(clock).run() == []
    notes = Scheduler(clock, respect_policy=False).run()
    assert notified(notes) == [("Yara Haddad", "keep_in_touch", START.date() - 3 * DAY)]
