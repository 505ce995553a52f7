"""Notifier backends behind one small interface (`base.Notifier`), and `pick()` to choose for
this desktop. One module per backend: `tray`, `freedesktop` (D-Bus), `log`.

- Linux with a StatusNotifierItem watcher: our own D-Bus notification when the server takes
  actions (Qt's tray message carries none), else Qt's tray message (Qt sends the Notify).
- Linux with only an XEmbed tray: Qt draws its own balloon that never reaches the notification
  daemon, so the reminder is ALSO sent over D-Bus when a notification server exists.
- Linux without a tray: freedesktop notifications over D-Bus (with actions where supported).
- macOS and Windows: Qt's tray message.
- Otherwise the log, so a reminder is never silently dropped.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QSystemTrayIcon

from netdesk.reminders.notifiers.base import AllNotifier, Notifier
from netdesk.reminders.notifiers.log import LogNotifier
from netdesk.reminders.notifiers.tray import TrayNotifier

__all__ = ["MODES", "LogNotifier", "Notifier", "TrayNotifier", "pick"]

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
        if "actions" in dbus.capabilities:
            return dbus  # Open, Snooze and Done on the notification; the tray keeps its menu
        markup = "body-markup" in dbus.capabilities
        dbus.close()
        return TrayNotifier(tray, body_markup=markup)  # a D-Bus tray item: Qt sends the Notify
    # An XEmbed tray: Qt's balloon stays on screen but never reaches the daemon.
    return AllNotifier([TrayNotifier(tray), dbus]) if dbus is not None else TrayNotifier(tray)
