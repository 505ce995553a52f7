"""The reminders' decisions, free of timers: what to notify now, and when to look again.

`Scheduler.run()` computes what is due, claims the ready occurrences in `ReminderLog` (before
anything is shown) and returns the notes to show. `next_moment()` says when something can next
change: midnight (new dates fall due), a snooze ending, the digest time, or the end of quiet hours
or of a pause. The Qt service turns these into timers; tests drive them with a fake clock. From
the digest's time on, the day's digest also lists this week's plan, once a day, even when nothing
new fell due.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Protocol

from netdesk.core import due, reminder_log, settings, week
from netdesk.core.due import DueItem
from netdesk.reminders.actions import Snooze, snooze_until
from netdesk.reminders.notes import Note, NoteKind
from netdesk.reminders.policy import Policy

SUMMARY_THRESHOLD = 3  # more new reminders than this at once become one summary
AWAY_GAP = dt.timedelta(minutes=2)  # wall clock ahead of the monotonic clock by this: we slept
MISSED_TICKS = dt.timedelta(minutes=10)  # no tick for this long: the machine was not running us


class Clock(Protocol):
    """Anything with `now()`: the system clock, or a fake one in tests."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """Local wall-clock time and the monotonic clock (which stops while the machine sleeps)."""

    def now(self) -> dt.datetime:
        return dt.datetime.now()

    def monotonic(self) -> float:
        return time.monotonic()


def due_items(day: dt.date) -> list[DueItem]:
    """What is due on `day`, a birthday's day kept apart from its advance notice."""
    return due.occurrences(day)


class Scheduler:
    """Decides what to notify; one per process (a new one after a restart remembers via the DB)."""

    def __init__(self, clock: Clock, *, respect_policy: bool = True) -> None:
        self.clock = clock
        self.respect_policy = respect_policy
        self.current: list[DueItem] = []  # what is due now and not snoozed or dismissed
        self._away_pending = False
        self._no_plan_on: dt.date | None = None  # the day the digest found the plan empty

    def policy(self) -> Policy:
        return Policy.load() if self.respect_policy else Policy()

    def run(self, *, away: bool = False) -> list[Note]:
        """One pass at the clock's `now()`: claim what is ready and return the notes to show."""
        now = self.clock.now()
        policy = self.policy()
        items = due_items(now.date())
        states = reminder_log.classify(items, now)
        self.current = [i for i in items if states[i.key()].active]
        if policy.blocked_until(now) is not None:
            self._away_pending = self._away_pending or away
            return []
        ready = [i for i in items if states[i.key()].ready]
        digest_at = policy.digest_at(now.date())
        if digest_at is not None and now < digest_at:
            # New items wait for the digest; a snooze that ended keeps its own time.
            ready = [i for i in ready if states[i.key()] is reminder_log.State.SNOOZE_OVER]
        claimed = reminder_log.claim(ready, now)
        away = away or self._away_pending
        plan = () if away else self._plan_for_digest(now, digest_at)
        if not claimed and not plan:
            return []
        self._away_pending = False
        return self._notes(claimed, away=away, digest=digest_at is not None, plan=plan)

    def _plan_for_digest(
        self, now: dt.datetime, digest_at: dt.datetime | None
    ) -> tuple[week.PlanItem, ...]:
        """This week's plan, for the first digest of the day from its time on (else nothing)."""
        today = now.date()
        if digest_at is None or now < digest_at or self._no_plan_on == today:
            return ()
        if week.digest_sent(today):
            return ()
        found = week.plan(today=today, size=settings.people_per_week())
        if not found:
            self._no_plan_on = today  # read once a day, not on every pass
            return ()
        return tuple(found) if week.claim_digest(found[0].person_id, now) else ()

    @staticmethod
    def _notes(
        items: list[DueItem], *, away: bool, digest: bool, plan: tuple[week.PlanItem, ...] = ()
    ) -> list[Note]:
        if away:
            return [Note(NoteKind.AWAY, tuple(items))]
        if digest:
            return [Note(NoteKind.DIGEST, tuple(items), plan)]
        if len(items) > SUMMARY_THRESHOLD:
            return [Note(NoteKind.SUMMARY, tuple(items))]
        return [Note(NoteKind.ITEM, (i,)) for i in items]

    def next_moment(self, after: dt.datetime | None = None) -> dt.datetime:
        """The next time `run()` could have something new to say."""
        after = after or self.clock.now()
        policy = self.policy()
        blocked = policy.blocked_until(after)
        if blocked is not None:
            return blocked
        midnight = dt.datetime.combine(after.date() + dt.timedelta(days=1), dt.time())
        moments = [midnight]
        snooze_end = reminder_log.next_snooze_end(after)
        if snooze_end is not None:
            moments.append(snooze_end)
        digest_at = policy.digest_at(after.date())
        if digest_at is not None and digest_at > after:
            moments.append(digest_at)
        return min(moments)

    def status_note(self) -> Note:
        """What is due now, for a user who asked (nothing is claimed)."""
        return Note(NoteKind.STATUS, tuple(self.current))

    def snooze(self, items: list[DueItem], choice: Snooze) -> dt.datetime:
        now = self.clock.now()
        until = snooze_until(choice, now, self.policy())
        reminder_log.snooze(items, until, now)
        self.current = [i for i in self.current if i not in items]
        return until

    def dismiss(self, items: list[DueItem]) -> None:
        reminder_log.dismiss(items, self.clock.now())
        self.current = [i for i in self.current if i not in items]


class SleepWatch:
    """Notices that the machine slept (or we were not scheduled) between two ticks.

    The monotonic clock stops during suspend on Linux and macOS while the wall clock keeps going,
    so a wall-clock step much larger than the monotonic one means we were asleep. A plain long gap
    between ticks counts too (Windows' monotonic clock keeps counting through sleep).
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._monotonic = getattr(clock, "monotonic", time.monotonic)
        self._wall, self._mono = clock.now(), self._monotonic()

    def woke(self) -> bool:
        wall, mono = self.clock.now(), self._monotonic()
        wall_step = wall - self._wall
        mono_step = dt.timedelta(seconds=mono - self._mono)
        self._wall, self._mono = wall, mono
        return wall_step - mono_step > AWAY_GAP or wall_step > MISSED_TICKS
