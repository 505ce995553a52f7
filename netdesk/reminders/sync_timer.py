"""The reminders service keeps the sync accounts in step: every 15 minutes, a minute after the
data changed (more changes within that minute wait for the last one, never past the 15 minutes),
and after a failure again in 1, 2, 4 … up to 60 minutes, until a sync succeeds.

`Schedule` decides, free of timers, with the service's clock (tests inject one); `SyncTimer`
turns it into a Qt timer and runs the syncs on a worker thread (`qt.sync_worker`), so the tray
answers while vdirsyncer talks to the server.

"The data changed" is the window's reload message. The service's own syncs write too, and the
window passes those on as well; SQLite's `data_version` tells them apart: a reload counts only
when another connection committed since this service's last sync ended.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from netdesk.core import store
from netdesk.qt.sync_worker import Outcome, SyncRunner, tr
from netdesk.qt.workers import Workers
from netdesk.reminders.scheduler import Clock

log = logging.getLogger(__name__)

PERIOD = dt.timedelta(minutes=15)
AFTER_CHANGE = dt.timedelta(minutes=1)
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(minutes=60)
MAX_TIMER_MS = 2**31 - 1


@dataclass
class Plan:
    """One account's next sync."""

    next_at: dt.datetime
    periodic_at: dt.datetime  # the last success plus the period: changes never push past it
    failures: int = 0

    def succeeded(self, now: dt.datetime) -> None:
        self.failures = 0
        self.periodic_at = self.next_at = now + PERIOD

    def failed(self, now: dt.datetime) -> dt.timedelta:
        """Wait twice as long as last time, up to an hour; the wait."""
        self.failures += 1
        wait = min(FIRST_RETRY * 2 ** (self.failures - 1), LONGEST_WAIT)
        self.next_at = now + wait
        return wait

    def changed(self, now: dt.datetime) -> None:
        if self.failures:
            return  # the server is away: the back-off decides, not the changes
        self.next_at = min(self.periodic_at, now + AFTER_CHANGE)


class Schedule:
    """When each account syncs next, by the injected clock."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.plans: dict[str, Plan] = {}
        self.last_line = ""  # for the tray: when the last sync ended and how

    def follow(self, accounts: list[Any]) -> None:
        """Plan the accounts there are now: a new one syncs a minute from now, or at its period
        when it synced well within it (a restart does not sync again at once)."""
        now = self.clock.now()
        names = {a.name for a in accounts}
        self.plans = {name: plan for name, plan in self.plans.items() if name in names}
        for account in accounts:
            if account.name not in self.plans:
                first = max(now + AFTER_CHANGE, _periodic_after(account, now))
                self.plans[account.name] = Plan(first, first)

    def due(self) -> list[str]:
        now = self.clock.now()
        return [name for name, plan in self.plans.items() if plan.next_at <= now]

    def next_moment(self) -> dt.datetime | None:
        return min((plan.next_at for plan in self.plans.values()), default=None)

    def changed(self) -> None:
        now = self.clock.now()
        for plan in self.plans.values():
            plan.changed(now)

    def finished(self, outcomes: list[Outcome]) -> None:
        """A run's outcomes recorded; an account it could not even try waits as after a
        failure, so a broken run never turns into a loop."""
        for outcome in outcomes:
            self.record(outcome)
        now = self.clock.now()
        for plan in self.plans.values():
            if plan.next_at <= now:
                plan.failed(now)

    def record(self, outcome: Outcome) -> None:
        """A sync's end: the next one planned, a failure logged in one line."""
        plan = self.plans.get(outcome.account)
        if plan is None:  # removed while it synced
            return
        now = self.clock.now()
        if outcome.ok:
            plan.succeeded(now)
            log.info("%s", outcome.line)
            self.last_line = tr("Last sync: %1").replace("%1", f"{now:%H:%M}")
        elif outcome.kind == "busy":  # the window is syncing: no failure, look again soon
            plan.next_at = now + AFTER_CHANGE
        else:
            wait = plan.failed(now)
            minutes = int(wait.total_seconds() // 60)
            log.warning("%s; trying again in %d minute(s)", outcome.line, minutes)
            self.last_line = (
                tr("Last sync failed at %1; next try at %2")
                .replace("%1", f"{now:%H:%M}")
                .replace("%2", f"{plan.next_at:%H:%M}")
            )


def _periodic_after(account: Any, now: dt.datetime) -> dt.datetime:
    """The stored last sync plus the period, when it succeeded; else now."""
    last = account.last_sync_time
    if last is None or "error" in (account.last_result or {}):
        return now
    last_local = last.astimezone().replace(tzinfo=None) if last.tzinfo else last
    return last_local + PERIOD


class SyncTimer(QObject):
    """Runs the `Schedule`: a timer to the next sync, the syncs on a worker of its own."""

    line_changed = Signal(str)  # "Last sync: 10:42", for the tray

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.schedule = Schedule(clock)
        self.workers = Workers(self, max_threads=1)
        self.runner = SyncRunner(self.workers, self)
        self.runner.finished.connect(self._finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        store.outside_changes()  # what others commit from now on is a change
        self.check()

    def stop(self) -> None:
        self._timer.stop()
        self.workers.shutdown()

    def check(self) -> None:
        """Sync the accounts that are due; then sleep until the next one is."""
        if self.runner.running:
            return
        from netdesk.core.sync import accounts

        try:
            self.schedule.follow(accounts.all_accounts())
        except Exception:  # the database is busy or gone: the service's tick looks again
            log.exception("could not read the sync accounts")
            return
        due = self.schedule.due()
        if not due or not self.runner.start(due):
            self._arm()

    def tick(self) -> None:
        """The service's minute tick: a timer made late by sleep still syncs."""
        moment = self.schedule.next_moment()
        if moment is not None and moment <= self.clock.now():
            self.check()

    def data_changed(self) -> None:
        """The window says the data changed: sync a minute from now, unless the change was this
        service's own sync."""
        if self.runner.running:
            return  # its own writes; what the user changed meanwhile goes with the next sync
        try:
            outside = store.outside_changes()
        except Exception:  # the database is busy or gone: the next sync will say
            log.debug("could not read the data version", exc_info=True)
            return
        if outside is not None:
            self.schedule.changed()
            self._arm()

    def _finished(self, outcomes: list[Outcome]) -> None:
        try:
            store.outside_changes()  # this sync's own writes are not changes to send again
        except Exception:
            log.debug("could not read the data version", exc_info=True)
        self.schedule.finished(outcomes)
        if self.schedule.last_line:
            self.line_changed.emit(self.schedule.last_line)
        self._arm()

    def _arm(self) -> None:
        moment = self.schedule.next_moment()
        if moment is None:
            self._timer.stop()
            return
        delay_ms = (moment - self.clock.now()).total_seconds() * 1000
        self._timer.start(int(min(max(delay_ms, 0), MAX_TIMER_MS)))
