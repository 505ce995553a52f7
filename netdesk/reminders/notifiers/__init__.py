"""Notifier backends behind one small interface, and `pick()` to choose for this desktop.

- Linux with a StatusNotifierItem watcher: Qt's tray message (Qt turns it into a D-Bus Notify).
- Linux with only an XEmbed tray: Qt draws its own balloon that never reaches the notification
  daemon, so the reminder is ALSO sent over D-Bus when a notification server exists.
- Linux without a tray: freedesktop notifications over D-Bus (with actions where supported).
- macOS and Windows: Qt's tray message.
- Otherwise the log, so a reminder is never silently dropped.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import ClassVar

from PySide6.QtWidgets import QSystemTrayIcon

from netdesk.reminders.notes import Note, markup_body

log = logging.getLogger(__name__)

ActionHandler = Callable[[Note, str], None]
MESSAGE_MS = 15_000


class Notifier(ABC):
    """Shows a note to the user; reports the actions the user takes on it."""

    name: ClassVar[str] = ""

    def __init__(self) -> None:
        self._on_action: ActionHandler | None = None
        self._on_failed: Callable[[], None] | None = None

    @property
    def label(self) -> str:
        return self.name

    def set_handlers(
        self, on_action: ActionHandler | None, on_failed: Callable[[], None] | None = None
    ) -> None:
        """`on_action(note, key)` with key "open", "snooze" or "done:N"; `on_failed()`."""
        self._on_action = on_action
        self._on_failed = on_failed

    @abstractmethod
    def notify(self, note: Note) -> bool:
        """Show `note`; False when it could not be handed to the desktop."""

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release what the backend holds (connections, signal links)."""

    def action_invoked(self, note: Note, key: str) -> None:
        if self._on_action is not None:
            self._on_action(note, key)

    def failed(self) -> None:
        if self._on_failed is not None:
            self._on_failed()


class LogNotifier(Notifier):
    """The last resort: the reminder goes to the log file, at a level that is always kept."""

    name = "log"

    def notify(self, note: Note) -> bool:
        log.warning("REMINDER %s", note.as_text())
        return True


class TrayNotifier(Notifier):
    """`QSystemTrayIcon.showMessage`; a click on the message opens what it is about.

    `body_markup`: Qt passes the message unchanged to a notification server that reads markup
    in the body (a StatusNotifierItem tray on Linux), so it is escaped first. Qt's own balloon
    and the Windows and macOS messages show the text as it is.
    """

    name = "tray"

    def __init__(self, tray: QSystemTrayIcon, *, body_markup: bool = False) -> None:
        super().__init__()
        self._tray = tray
        self.body_markup = body_markup
        self._last: Note | None = None
        tray.messageClicked.connect(self._clicked)

    def notify(self, note: Note) -> bool:
        if not QSystemTrayIcon.supportsMessages():
            return False
        self._last = note
        body = markup_body(note.body) if self.body_markup else note.body
        information = QSystemTrayIcon.MessageIcon.Information
        self._tray.showMessage(note.title, body, information, MESSAGE_MS)
        return True

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):  # the icon may already be gone
            self._tray.messageClicked.disconnect(self._clicked)

    def _clicked(self) -> None:
        if self._last is not None:
            self.action_invoked(self._last, "open")


class AllNotifier(Notifier):
    """Several backends at once (an XEmbed balloon and a desktop notification)."""

    name = "all"

    def __init__(self, parts: Sequence[Notifier]) -> None:
        super().__init__()
        self.parts = list(parts)

    @property
    def label(self) -> str:
        return "+".join(p.label for p in self.parts)

    def set_handlers(
        self, on_action: ActionHandler | None, on_failed: Callable[[], None] | None = None
    ) -> None:
        super().set_handlers(on_action, on_failed)
        for part in self.parts:
            part.set_handlers(on_action, on_failed)

    def notify(self, note: Note) -> bool:
        results = [part.notify(note) for part in self.parts]
        return any(results)

    def close(self) -> None:
        for part in self.parts:
            part.close()


MODES = ("auto", "tray", "dbus", "log")


def pick(
    tray: QSystemTrayIcon | None,
    *,
    mode: str = "auto",
    interactive: bool = True,
    tray_available: bool | None = None,
) -> Notifier:
    """The best notifier for this desktop (see the module docstring); `mode` forces one."""
    if tray_available is None:
        tray_available = tray is not None and QSystemTrayIcon.isSystemTrayAvailable()
    if mode == "log":
        return LogNotifier()
    if mode == "tray":
        return TrayNotifier(tray) if tray is not None else LogNotifier()
    if mode == "dbus" or (mode == "auto" and sys.platform.startswith("linux")):
        return _pick_linux(
            tray if tray_available else None, dbus_only=mode == "dbus", interactive=interactive
        )
    if tray is not None and tray_available and QSystemTrayIcon.supportsMessages():
        return TrayNotifier(tray)
    return LogNotifier()


def _pick_linux(tray: QSystemTrayIcon | None, *, dbus_only: bool, interactive: bool) -> Notifier:
    from netdesk.reminders.notifiers import freedesktop

    bus = freedesktop.probe()
    dbus = None
    if bus.notification_server:
        dbus = freedesktop.FreedesktopNotifier.connect(interactive=interactive)
    if dbus_only or tray is None:
        return dbus or LogNotifier()
    if bus.sni_watcher:
        if dbus is None:
            return LogNotifier()  # Qt would send its message to a server that is not there
        markup = "body-markup" in dbus.capabilities
        dbus.close()
        return TrayNotifier(tray, body_markup=markup)  # a D-Bus tray item: Qt sends the Notify
    # An XEmbed tray: Qt's balloon stays on screen but never reaches the daemon.
    return AllNotifier([TrayNotifier(tray), dbus]) if dbus is not None else TrayNotifier(tray)
