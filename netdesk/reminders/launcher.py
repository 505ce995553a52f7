"""Opening netdesk's window from the reminders: raise the running one, or start it.

A running window listens on its single-instance socket (`paths.runtime_name("gui")`) and takes
`{"cmd": "show_person", "id": N}` or `{"cmd": "raise"}`. When nothing answers, the `netdesk`
command of this same installation (`paths.installed_command`) is started, detached.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QProcess

from netdesk.qt.single_instance import SingleInstance
from netdesk.system import paths

log = logging.getLogger(__name__)


class Launcher:
    """Opens people in the window; `db_path` is passed on when the service was given one."""

    def __init__(self, db_path: Path | None = None) -> None:
        self.db_path = db_path

    def open_person(self, person_id: int) -> bool:
        message = {"cmd": "show_person", "id": int(person_id)}
        return self._send_or_start(message, ["--show-person", str(person_id)])

    def open_app(self) -> bool:
        return self._send_or_start({"cmd": "raise"}, [])

    def _send_or_start(self, message: dict, args: list[str]) -> bool:
        if SingleInstance.send(paths.runtime_name("gui"), message):
            return True
        if self.db_path is not None:
            args = ["--db", str(self.db_path), *args]
        command = [*paths.installed_command("netdesk"), *args]
        started, _pid = QProcess.startDetached(command[0], command[1:])
        if not started:
            log.warning("could not start netdesk: %s", " ".join(command))
        return bool(started)
