"""How the main window follows the store: changes are gathered and the views refreshed once they
pause, the sidebar is recounted in a worker (again when a snooze ends) and the status bar says
how many people there are and how many are due. Mixed into `MainWindow`, whose timers call it."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from netdesk.core import sidebar
from netdesk.core.store import ChangeSet
from netdesk.qt.change_bridge import PEOPLE_TOPICS, touches
from netdesk.values import Topic

if TYPE_CHECKING:
    from netdesk.core.sidebar import SidebarData


log = logging.getLogger(__name__)

MAX_TIMER_MS = 2**31 - 1


class WindowRefresh:
    """The refreshing and counting of `MainWindow`."""

    def _start_sidebar(self) -> None:
        if self.sidebar_data is None and self._sidebar_task is None:
            self.refresh_sidebar()

    # --- reacting to the store ----------------------------------------------------------------

    def _store_changed(self, changes: ChangeSet) -> None:
        if Topic.PEOPLE in changes.topics or Topic.IMPORTS in changes.topics:
            self.avatars.forget(changes.people or None)
        self._pending_changes.topics |= changes.topics
        self._pending_changes.people |= changes.people
        if self._network is not None:
            self._network.store_changed()
        self.sync.store_changed()
        self._refresh_timer.start()
        self._sidebar_timer.start()
        self._reload_timer.start()

    def _refresh_views(self) -> None:
        changes, self._pending_changes = self._pending_changes, ChangeSet()
        if touches(changes, {"people", "imports"}):
            self._has_anyone = sidebar.has_anyone()
        if touches(changes, PEOPLE_TOPICS):
            self.people_model.refresh()
            current = self.current_person()
            if current and self.table.current_person() != current:
                self.table.select_person(current)
        if self._pane is not None:
            self._pane.refresh_for(changes)
        self._update_center()

    def refresh_sidebar(self) -> None:
        """Recount the sidebar in a worker (one at a time; a change meanwhile counts again)."""
        if self._sidebar_task is not None:
            self._sidebar_again = True
            return
        self._sidebar_task = self.workers.start(
            lambda _progress: sidebar.load(dt.date.today()),
            on_done=self._sidebar_loaded,
            on_error=self._sidebar_failed,
        )

    def _sidebar_loaded(self, data: SidebarData) -> None:
        self._sidebar_task = None
        self.sidebar_data = data
        self.sidebar_model.set_data(data)
        self.due_model.set_items(data.due_items)
        self._wake_at(data.snooze_ends)
        self._update_counts()
        if self._pending_sidebar_key and self.sidebar.select_key(self._pending_sidebar_key):
            self._pending_sidebar_key = ""
        self._update_center()  # changes not yet shown stay pending for `_refresh_views`
        if self._sidebar_again:
            self._sidebar_again = False
            self.refresh_sidebar()

    def _wake_at(self, moment: dt.datetime | None) -> None:
        """Count again when a snooze ends, so what it hid returns to Today on its own."""
        if moment is None:
            self._snooze_timer.stop()
            return
        delay_ms = (moment - dt.datetime.now()).total_seconds() * 1000 + 500
        self._snooze_timer.start(int(min(max(delay_ms, 0), MAX_TIMER_MS)))

    def _sidebar_failed(self, exc: BaseException) -> None:
        self._sidebar_task = None
        log.warning("sidebar counts failed: %s", exc)

    def _update_counts(self) -> None:
        data = self.sidebar_data
        if data is None:
            return
        people = self.tr("%Ln person(s)", "", data.people)
        due = self.tr("%Ln due", "", data.due_now) if data.due_now else self.tr("nothing due")
        self.counts_label.setText(f"{people}  ·  {due}")
