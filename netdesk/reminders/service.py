"""The running reminders service: timers, the tray menu and the notifier, around a Scheduler.

Wake-ups: one single-shot timer to the next due moment, a 60 s tick that notices sleep and resume
(and a timer that fired late), a 15 minute reload, and messages from the window (`reload`) or a
second start (`show`). Nothing else runs while idle but the sync accounts' timer (`sync_timer`),
which the reload message and the tick wake too.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import gc
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from netdesk.core import settings
from netdesk.core.due import DueItem
from netdesk.db import connection
from netdesk.reminders import actions
from netdesk.reminders.launcher import Launcher
from netdesk.reminders.notes import Note
from netdesk.reminders.notifiers import LogNotifier, Notifier, pick
from netdesk.reminders.notifiers.freedesktop import BusWatch
from netdesk.reminders.scheduler import Clock, Scheduler, SleepWatch, Snooze
from netdesk.reminders.sync_timer import SyncTimer
from netdesk.reminders.tray import TrayMenu

log = logging.getLogger(__name__)

TICK_MS = 60_000
RELOAD_MS = 15 * 60_000
RETRY_AFTER = dt.timedelta(minutes=1)  # after a failed pass (database busy, disk gone)
DESKTOP_SETTLE_MS = 1_500  # let a new tray watcher or notification server finish registering
MAX_TIMER_MS = 2**31 - 1


def release_memory() -> None:
    """Hand a pass's garbage back to the system: the service idles for hours after it."""
    gc.collect()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc keeps freed heap otherwise


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """Slots log their failures instead of letting Qt print and continue silently."""

    @functools.wraps(method)
    def wrapper(self: ReminderService, *args: Any) -> Any:
        try:
            return method(self, *args)
        except Exception:
            log.exception("reminders: %s failed", method.__name__)
            return None

    return wrapper


class ReminderService(QObject):
    """Owns the scheduler, the tray menu, the notifier and the timers of one service process."""

    def __init__(
        self,
        clock: Clock,
        *,
        mode: str = "auto",
        launcher: Launcher | None = None,
        notifier_factory: Callable[[QSystemTrayIcon], Notifier] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.mode = mode
        self.scheduler = Scheduler(clock)
        self.sleep_watch = SleepWatch(clock)
        self.launcher = launcher or Launcher()
        self._notifier_factory = notifier_factory  # tests and the self-test choose their own
        self.menu = TrayMenu(self)
        self.sync = SyncTimer(clock, self)
        self.sync.line_changed.connect(self.menu.set_sync_line)
        self.notifier: Notifier = LogNotifier()
        # (backend, title) of recent notes, newest last: the self-test and tests read it. Titles
        # only: a summary's note holds every item, and the service idles for hours after it.
        self.delivered: list[tuple[str, str]] = []
        self.next_at: dt.datetime | None = None
        self._bus_watch: BusWatch | None = None
        self._sni_seen = False

        self._due_timer = self._timer(self.check, single=True)
        self._tick = self._timer(self._on_tick, interval=TICK_MS)
        self._reload = self._timer(self.reload, interval=RELOAD_MS)
        self._desktop_timer = self._timer(self._desktop_changed, single=True)
        self._desktop_timer.setInterval(DESKTOP_SETTLE_MS)
        self._connect_menu()

    def _timer(
        self, slot: Callable[[], None], *, single: bool = False, interval: int = 0
    ) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        if interval:
            timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def _connect_menu(self) -> None:
        self.menu.open_person.connect(self.open_person)
        self.menu.open_app.connect(self.open_app)
        self.menu.snooze_all.connect(self.snooze_all)
        self.menu.pause_today.connect(self.pause_today)
        self.menu.resume.connect(self.resume)
        self.menu.done.connect(self.complete)
        self.menu.quit_requested.connect(self.quit)

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Show the tray, pick the notifier, run the first pass and start the timers."""
        self._setup_desktop()
        self._watch_bus()
        self.check()
        self._tick.start()
        self._reload.start()
        self.sync.start()

    def stop(self) -> None:
        for timer in (self._due_timer, self._tick, self._reload, self._desktop_timer):
            timer.stop()
        self.sync.stop()
        self.notifier.close()
        if self._bus_watch is not None:
            self._bus_watch.close()
            self._bus_watch = None
        self.menu.remove_tray()

    def _setup_desktop(self) -> None:
        available = QSystemTrayIcon.isSystemTrayAvailable()
        tray = self.menu.create_tray()
        self.notifier.close()
        if self._notifier_factory is not None:
            self.notifier = self._notifier_factory(tray)
        else:
            self.notifier = pick(tray, mode=self.mode, interactive=True, tray_available=available)
        self.notifier.set_handlers(self.on_note_action, self._on_notifier_failed)
        log.info("notifier: %s (system tray available: %s)", self.notifier.label, available)

    def _watch_bus(self) -> None:
        """Recreate the tray when a tray watcher or notification server (re)appears."""
        if not sys.platform.startswith("linux"):
            return
        from netdesk.reminders.notifiers import freedesktop

        self._sni_seen = freedesktop.probe().sni_watcher
        names = [freedesktop.SNI_WATCHER, freedesktop.NOTIFICATIONS]
        watch = freedesktop.BusWatch.start(names, self)
        if watch is not None:
            watch.changed.connect(lambda _name: self._desktop_timer.start())
        self._bus_watch = watch

    @_guarded
    def _desktop_changed(self) -> None:
        log.info("the desktop's tray or notification service changed; setting up again")
        self._setup_desktop()

    def _poll_bus(self) -> None:
        """Without a bus watch (no session bus at start), look again on the 60 s tick."""
        from netdesk.reminders.notifiers import freedesktop

        seen = freedesktop.probe().sni_watcher
        if seen != self._sni_seen:
            self._sni_seen = seen
            self._desktop_changed()

    # -- passes -----------------------------------------------------------------------------

    @Slot()
    def check(self, away: bool = False) -> None:
        """One pass: notify what is ready, refresh the menu, set the timer to the next moment."""
        try:
            if self._follow_database() is connection.Followed.GONE:
                return
            notes = self.scheduler.run(away=away)
        except Exception:
            log.exception("reminders pass failed; trying again in a minute")
            self._arm(self.clock.now() + RETRY_AFTER)
            return
        for note in notes:
            self.deliver(note)
        self._refresh_menu()
        self._arm(self.scheduler.next_moment())
        release_memory()

    @Slot()
    def reload(self) -> None:
        self.check()

    def deliver(self, note: Note) -> None:
        log.info("notify via %s: %s", self.notifier.label, note.as_text())
        backend = self.notifier.label
        if not self.notifier.notify(note):
            backend = "log"
            LogNotifier().notify(note)
            self._desktop_timer.start()  # the backend broke: pick again shortly
        self.delivered.append((backend, note.title))
        del self.delivered[:-50]

    def _arm(self, moment: dt.datetime) -> None:
        self.next_at = moment
        delay = (moment - self.clock.now()).total_seconds() * 1000
        # A little past the moment, so the pass sees the new day (or the ended snooze).
        self._due_timer.start(int(min(max(delay + 500, 0), MAX_TIMER_MS)))

    def _follow_database(self) -> connection.Followed:
        """Follow the database's path: a file put in its place is opened; while none is there,
        nothing is due (what the deleted file says no longer counts) and we look again soon."""
        followed = connection.follow_path()
        if followed is connection.Followed.REOPENED:
            log.info("the database was replaced; reading the new file")
        elif followed is connection.Followed.GONE:
            if self.scheduler.current:
                log.warning("the database went away from %s", connection.current_path())
            self.scheduler.current = []
            self._refresh_menu()
            self._arm(self.clock.now() + RETRY_AFTER)
        return followed

    @_guarded
    def _on_tick(self) -> None:
        followed = self._follow_database()
        if followed is connection.Followed.GONE:
            return
        if followed is connection.Followed.REOPENED:
            self.check()
        if self.sleep_watch.woke():
            log.info("the wall clock jumped (sleep or resume): catching up")
            self.check(away=True)
        elif self.next_at is not None and self.clock.now() >= self.next_at:
            self.check()  # the single-shot timer was late (it does not count suspended time)
        self.sync.tick()
        if self._bus_watch is None and sys.platform.startswith("linux"):
            self._poll_bus()

    def _refresh_menu(self) -> None:
        policy = self.scheduler.policy()
        paused = policy.paused_until is not None and policy.paused_until > self.clock.now()
        self.menu.set_items(self.scheduler.current, paused=paused)

    # -- what the user asks -----------------------------------------------------------------

    @Slot(dict)
    @_guarded
    def on_message(self, message: dict) -> None:
        command = message.get("cmd")
        if command == "reload":
            self.reload()
            self.sync.data_changed()
        elif command == "show":
            self.show_status()
        elif command == "quit":
            self.quit()
        elif command != "ping":
            log.info("ignoring unknown message %r", command)

    def show_status(self) -> None:
        """A second start asked us to show ourselves: pop the menu, or say what is due."""
        self.check()
        tray = self.menu.tray
        if tray is not None and tray.isSystemTrayAvailable() and tray.geometry().isValid():
            self.menu.popup()
        else:
            self.deliver(self.scheduler.status_note())

    @_guarded
    def open_person(self, person_id: int) -> None:
        self.launcher.open_person(person_id)

    @_guarded
    def open_app(self) -> None:
        self.launcher.open_app()

    @_guarded
    def snooze_all(self, choice: Snooze) -> None:
        until = self.scheduler.snooze(list(self.scheduler.current), Snooze(choice))
        log.info("snoozed everything due until %s", until)
        self._refresh_menu()
        self._arm(self.scheduler.next_moment())

    @_guarded
    def pause_today(self) -> None:
        tomorrow = dt.datetime.combine(self.clock.now().date() + dt.timedelta(days=1), dt.time())
        settings.put("paused_until", tomorrow.isoformat(timespec="minutes"))
        self._refresh_menu()
        self._arm(self.scheduler.next_moment())

    @_guarded
    def resume(self) -> None:
        settings.put("paused_until", "")
        self.check()

    @_guarded
    def complete(self, item: DueItem, log_interaction: bool) -> None:
        actions.complete(item, self.clock.now(), log_interaction=log_interaction)
        self.check()

    @_guarded
    def on_note_action(self, note: Note, key: str) -> None:
        item = note.single
        if key == "open":
            if item is not None:
                self.launcher.open_person(item.person_id)
            else:
                self.launcher.open_app()
        elif key == "snooze":
            self.scheduler.snooze(list(note.items), Snooze.HOUR)
            self._refresh_menu()
            self._arm(self.scheduler.next_moment())
        elif key.startswith("done:") and item is not None:
            choices = actions.done_choices(item)
            index = int(key.partition(":")[2])
            if 0 <= index < len(choices):
                self.complete(item, choices[index][1])
        log.info("notification action %s done (%s)", key, note.title)

    def _on_notifier_failed(self) -> None:
        self._desktop_timer.start()

    @Slot()
    def quit(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
