"""What the Today list's Done, Log, Snooze and Open do: Done and Snooze go through the same
services as the tray and the notifications (`reminders.actions`), so the reminders and the list
agree; Log opens the log-interaction editor with the person filled in; Open shows the person.

The week's plan above the list is loaded here, on the window's workers, when Today is shown and
after every change; its Snooze (a week) and Done (this week) are `core.week`'s.

Each Done and Snooze is a command on the window's undo stack: undo gives the occurrence back the
reminder-log marks it had (only while it still holds those the action left) and reopens what a
Done completed."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, SignalInstance

from netdesk.qt import plain
from netdesk.reminders import actions
from netdesk.reminders.actions import Snooze

if TYPE_CHECKING:
    from netdesk.core.due import DueItem
    from netdesk.core.reminder_log import Key
    from netdesk.core.week import PlanItem
    from netdesk.qt.workers import Task
    from netdesk.ui.views.today_view import TodayView
    from netdesk.ui.window.host import Host

log = logging.getLogger(__name__)

PLAN_DELAY_MS = 300  # a burst of changes loads the plan once


class TodayActions(QObject):
    def __init__(
        self,
        host: Host,
        log_interaction: Callable[[list[int]], object],
        show_person: Callable[[int], None],
    ) -> None:
        super().__init__(host.widget)
        self.host = host
        self.log_interaction = log_interaction
        self.show_person = show_person
        self.view: TodayView | None = None
        self._plan_task: Task | None = None
        self._plan_again = False
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(PLAN_DELAY_MS)
        self._plan_timer.timeout.connect(self.load_plan)

    def serve(self, view: TodayView, changed: SignalInstance | None = None) -> None:
        """Act for `view`; `changed` is the store's change signal, which reloads the plan."""
        self.view = view
        view.done_requested.connect(self.done)
        view.snooze_requested.connect(self.snooze)
        view.log_requested.connect(lambda person_id: self.log_interaction([person_id]))
        view.open_requested.connect(self.show_person)
        week = view.week
        week.log_requested.connect(lambda person_id: self.log_interaction([person_id]))
        week.open_requested.connect(self.show_person)
        week.snooze_requested.connect(self.snooze_plan)
        week.done_requested.connect(self.done_plan)
        view.shown.connect(self.load_plan)
        if changed is not None:
            changed.connect(lambda _changes: self._plan_timer.start())
        self.load_plan()

    # --- the week's plan ------------------------------------------------------------------------

    def load_plan(self) -> None:
        """Read the plan on a worker (one at a time; a change meanwhile reads it again)."""
        if self._plan_task is not None:
            self._plan_again = True
            return
        today = dt.date.today()
        self._plan_task = self.host.workers.start(
            lambda _progress: _read_plan(today),
            on_done=self._plan_loaded,
            on_error=self._plan_failed,
        )

    def _plan_loaded(self, items: list[PlanItem]) -> None:
        self._plan_task = None
        if self.view is not None:
            self.view.week.set_items(items)
        self._again()

    def _plan_failed(self, exc: BaseException) -> None:
        self._plan_task = None
        log.warning("the week's plan could not be read: %s", exc)
        self._again()

    def _again(self) -> None:
        if self._plan_again:
            self._plan_again = False
            self.load_plan()

    def snooze_plan(self, item: PlanItem) -> None:
        from netdesk.core import week

        until = dt.date.today()

        def write() -> None:
            nonlocal until
            until = week.snooze(item.person_id, today=dt.date.today(), now=dt.datetime.now())

        text = self.tr("Snooze %1 for a week").replace("%1", plain.clip(item.name))
        if self._undoable(text, week.log_key(item.person_id, dt.date.today()), write):
            self._leave_plan(item)
            message = self.tr("%1 is off this week's plan until %2")
            message = message.replace("%1", plain.clip(item.name))
            self.host.show_message(message.replace("%2", until.strftime("%a %d %b")))

    def done_plan(self, item: PlanItem) -> None:
        from netdesk.core import week

        today, now = dt.date.today(), dt.datetime.now()
        text = self.tr("Done with %1 for this week").replace("%1", plain.clip(item.name))
        key = week.log_key(item.person_id, today)
        if self._undoable(text, key, lambda: week.done(item.person_id, today=today, now=now)):
            self._leave_plan(item)
            message = self.tr("Done for this week: %1")
            self.host.show_message(message.replace("%1", plain.clip(item.name)))

    def _leave_plan(self, item: PlanItem) -> None:
        if self.view is not None:
            self.view.week.remove(item.person_id)

    def done(self, item: DueItem, log_interaction: bool) -> None:
        now = dt.datetime.now()
        text = self.tr("Done: %1").replace("%1", plain.clip(item.name))
        logged: list[int | None] = [None]

        def write() -> None:
            logged[0] = actions.complete(item, now, log_interaction=log_interaction)

        if self._undoable(text, item.key(), write, lambda: actions.reopen(item, logged[0])):
            self.host.show_message(text)

    def snooze(self, item: DueItem, choice: Snooze) -> None:
        now = dt.datetime.now()
        until = now

        def write() -> None:
            nonlocal until
            until = actions.snooze([item], Snooze(choice), now)

        text = self.tr("Snooze %1").replace("%1", plain.clip(item.name))
        if self._undoable(text, item.key(), write):
            when = until.strftime("%H:%M" if until.date() == now.date() else "%a %d %b, %H:%M")
            message = self.tr("%1 is snoozed until %2").replace("%1", plain.clip(item.name))
            self.host.show_message(message.replace("%2", when))

    # --- writing ----------------------------------------------------------------------------------

    def _undoable(
        self,
        text: str,
        key: Key,
        write: Callable[[], object],
        reopen: Callable[[], None] | None = None,
    ) -> bool:
        """Run a Done or a Snooze of the occurrence `key` as a command on the undo stack; undo
        puts its reminder-log marks back and runs `reopen` (what a Done completed)."""
        from netdesk.core import reminder_log, store
        from netdesk.core.errors import CoreError
        from netdesk.qt.commands import AddedCommand

        marks: list[reminder_log.Marks] = [None, None]  # before, and as the action left them

        def act() -> int:
            marks[0] = reminder_log.marks(key)
            write()
            marks[1] = reminder_log.marks(key)
            return 0

        def take_back(_ref: int) -> None:
            with store.write():
                if not reminder_log.put_back(key, marks[0], marks[1]):
                    raise CoreError(
                        self.tr("Nothing was undone: “%1” changed meanwhile.").replace("%1", text)
                    )
                if reopen is not None:
                    reopen()

        stack = self.host.undo_stack
        return self._written(
            lambda: stack.push(AddedCommand(text, act, take_back, self.host.report_error))
        )

    def _written(self, work: Callable[[], object]) -> bool:
        """Run a write; a failure (a full disk, a lock) is one sentence, not a traceback."""
        from netdesk.core import write_errors

        try:
            work()
        except write_errors.WRITE_FAILURES as exc:
            log.warning("write failed: %s", exc)
            self.host.report_error(write_errors.explain(exc))
            return False
        return True


def _read_plan(today: dt.date) -> list[PlanItem]:
    """The plan as the settings size it (runs on a worker)."""
    from netdesk.core import settings, week

    return week.plan(today=today, size=settings.people_per_week())
