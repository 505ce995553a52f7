"""ReminderLog: each occurrence claimed once, snoozes and dismissals kept in the database."""

from __future__ import annotations

import datetime as dt

from netdesk.core import reminder_log
from netdesk.core.due import DueItem
from netdesk.core.reminder_log import State
from netdesk.db.models import ReminderLog
from netdesk.values import DueKind
from tests.helpers.people import person
from tests.helpers.reminders import START, TODAY

HOUR = dt.timedelta(hours=1)


def item(person_id: int, *, ref: int = 0, due: dt.date = TODAY) -> DueItem:
    return DueItem(person_id, "Ana", DueKind.FOLLOW_UP, due, "Send the deck", ref)


def test_an_occurrence_is_claimed_once(store):
    ana = item(person("Ana"))
    assert reminder_log.classify([ana], START) == {ana.key(): State.NEW}
    assert reminder_log.claim([ana, ana], START) == [ana]
    assert reminder_log.claim([ana], START + HOUR) == []
    assert reminder_log.classify([ana], START) == {ana.key(): State.NOTIFIED}
    assert ReminderLog.select().count() == 1


def test_occurrences_differ_by_due_date_and_ref(store):
    pid = person("Ana")
    first, other_ref, other_day = item(pid), item(pid, ref=2), item(pid, due=dt.date(2025, 4, 1))
    assert reminder_log.claim([first, other_ref, other_day], START) == [
        first,
        other_ref,
        other_day,
    ]


def test_a_snooze_hides_then_frees_the_occurrence(store):
    ana = item(person("Ana"))
    reminder_log.claim([ana], START)
    reminder_log.snooze([ana], START + HOUR, START)
    assert reminder_log.classify([ana], START) == {ana.key(): State.SNOOZED}
    assert reminder_log.next_snooze_end(START) == START + HOUR
    assert reminder_log.claim([ana], START + HOUR / 2) == []
    assert reminder_log.claim([ana], START + HOUR) == [ana]
    assert reminder_log.classify([ana], START + HOUR) == {ana.key(): State.NOTIFIED}
    assert reminder_log.next_snooze_end(START) is None


def test_snoozing_something_never_notified_records_it(store):
    ana = item(person("Ana"))
    reminder_log.snooze([ana], START + HOUR, START)
    assert reminder_log.classify([ana], START) == {ana.key(): State.SNOOZED}


def test_dismissed_is_final(store):
    ana = item(person("Ana"))
    reminder_log.snooze([ana], START + HOUR, START)
    reminder_log.dismiss([ana], START)
    assert reminder_log.classify([ana], START + 2 * HOUR) == {ana.key(): State.DISMISSED}
    assert reminder_log.claim([ana], START + 2 * HOUR) == []
    assert reminder_log.next_snooze_end(START) is None


def test_claiming_thousands_at_once(store):
    from netdesk.core import people
    from netdesk.core.people import PersonDraft

    ids = [people.create(PersonDraft(display_name=f"P{n}")) for n in range(1200)]
    items = [item(pid) for pid in ids]
    assert len(reminder_log.claim(items, START)) == 1200
    assert reminder_log.claim(items, START) == []
