"""For reminder tests: a clock that moves only when told, and people who are due."""

from __future__ import annotations

import datetime as dt

from tests.helpers.people import person

START = dt.datetime(2025, 3, 10, 10, 0)  # a Monday morning, outside any quiet hours
TODAY = START.date()


class FakeClock:
    """Wall clock and monotonic clock that only move when a test says so."""

    def __init__(self, now: dt.datetime = START) -> None:
        self._now = now
        self._mono = 1000.0

    def now(self) -> dt.datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, delta: dt.timedelta) -> None:
        """Time passes with the machine awake: both clocks move."""
        self._now += delta
        self._mono += delta.total_seconds()

    def sleep(self, delta: dt.timedelta) -> None:
        """The machine is suspended: only the wall clock moves."""
        self._now += delta

    def set(self, now: dt.datetime) -> None:
        self.advance(now - self._now)


def overdue_person(
    name: str, *, days_late: int = 3, cadence: int = 30, today: dt.date = TODAY
) -> int:
    """Someone met `cadence + days_late` days before `today` and never contacted since."""
    met = today - dt.timedelta(days=cadence + days_late)
    return person(name, cadence_days=cadence, met_on=met)
