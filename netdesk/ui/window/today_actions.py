"""What the Today list's Done, Log, Snooze and Open do: Done and Snooze go through the same
services as the tray and the notifications (`reminders.actions`), so the reminders and the list
agree; Log opens the log-interaction editor with the person filled in; Open shows the person."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from netdesk.qt import plain
from netdesk.reminders import actions
from netdesk.reminders.actions import Snooze

if TYPE_CHECKING:
    from netdesk.core.due import DueItem
    from netdesk.ui.views.today_view import TodayView
    from netdesk.ui.window.host import Host

log = logging.getLogger(__name__)


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

    def serve(self, view: TodayView) -> None:
        view.done_requested.connect(self.done)
        view.snooze_requested.connect(self.snooze)
        view.log_requested.connect(lambda person_id: self.log_interaction([person_id]))
        view.open_requested.connect(self.show_person)

    def done(self, item: DueItem, log_interaction: bool) -> None:
        now = dt.datetime.now()
        if self._written(lambda: actions.complete(item, now, log_interaction=log_interaction)):
            self.host.show_message(self.tr("Done: %1").replace("%1", plain.clip(item.name)))

    def snooze(self, item: DueItem, choice: Snooze) -> None:
        now = dt.datetime.now()
        until = now

        def write() -> None:
            nonlocal until
            until = actions.snooze([item], Snooze(choice), now)

        if self._written(write):
            when = until.strftime("%H:%M" if until.date() == now.date() else "%a %d %b, %H:%M")
            message = self.tr("%1 is snoozed until %2").replace("%1", plain.clip(item.name))
            self.host.show_message(message.replace("%2", when))

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
