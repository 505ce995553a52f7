"""Qt's tray message (`QSystemTrayIcon.showMessage`): the notifier on macOS, Windows and Linux
desktops with a tray."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QSystemTrayIcon

from netdesk.reminders.notes import Note, markup_body
from netdesk.reminders.notifiers.base import Notifier

MESSAGE_MS = 15_000


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
