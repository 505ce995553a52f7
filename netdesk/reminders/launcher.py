"""Opening netdesk's window from the reminders: raise the running one, or start it.

A running window listens on its single-instance socket (`paths.runtime_name("gui")`) and takes
`{"cmd": "show_person", "id": N}` or `{"cmd": "raise"}`. When nothing answers, the `netdesk`
command of this same installation is started, detached: the sibling executable in a frozen
bundle, `python -m netdesk` otherwise.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QProcess

from netdesk.qt.single_instance import SingleInstance
from netdesk.system import paths

log = logging.getLogger(__name__)


def gui_command(*args: str) -> list[str]:
    """The command line that starts this installation's window with `args`."""
    if getattr(sys, "frozen", False):
        name = "netdesk.exe" if sys.platform == "win32" else "netdesk"
        exe = Path(sys.executable).with_name(name)
        return [str(exe), *args]
    return [sys.executable, "-m", "netdesk", *args]


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
        command = gui_command(*args)
        started, _pid = QProcess.startDetached(command[0], command[1:])
        if not started:
            log.warning("could not start netdesk: %s", " ".join(command))
        return bool(started)
