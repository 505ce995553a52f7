"""The last resort: a reminder nobody else could show goes to the log file."""

from __future__ import annotations

import logging

from netdesk.reminders.notes import Note
from netdesk.reminders.notifiers.base import Notifier

log = logging.getLogger(__name__)


class LogNotifier(Notifier):
    """Writes the reminder at a level that is always kept, so it is never silently dropped."""

    name = "log"

    def notify(self, note: Note) -> bool:
        log.warning("REMINDER %s", note.as_text())
        return True
