"""The window's side of the reminders service: start it when it is not running, and offer once to
start it at login.

Both run after the window's first paint. The service is started unless the user turned that off
in Settings (`reminders_with_window`, in the database), so reminders keep coming with the window
closed without anyone looking for a command; `NETDESK_START_REMINDERS=0` turns it off for a whole
session (test runs, benchmarks, desktops that run the service themselves).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.core import settings
from netdesk.reminders import client
from netdesk.system import autostart, paths

if TYPE_CHECKING:
    from netdesk.qt.workers import Workers
    from netdesk.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

SETTING = "reminders_with_window"
ENVIRONMENT = "NETDESK_START_REMINDERS"
OFFERED = "reminders/login_offered"  # QSettings: the login offer was answered


def start_service(workers: Workers, db_path: Path) -> None:
    """Start the reminders service on `db_path` unless it runs or the user said no."""
    if os.environ.get(ENVIRONMENT) == "0":
        return
    service_db = db_argument(db_path)

    def wanted(_progress: object) -> bool:
        return bool(settings.get(SETTING))

    def start(yes: bool) -> None:
        if yes:
            client.ensure_running(service_db)

    workers.start(
        wanted, on_done=start, on_error=lambda exc: log.warning("reminders not started: %s", exc)
    )


def db_argument(db_path: Path) -> Path | None:
    """The database to name to the service: none for the default one, as login starts it."""
    path = Path(db_path).expanduser().resolve()
    return None if path == paths.default_db_path().resolve() else path


def installed() -> bool:
    """Whether `netdesk-reminders` is a program of its own (a bundle or an installed package),
    not a source tree run through `python -m`: only then is a login entry on by default."""
    return len(paths.installed_command("netdesk-reminders")) == 1


def offer_login(window: MainWindow) -> None:
    """Once per user: a banner offering "Remind me at login" (not when it is on already)."""
    if window.settings.value(OFFERED, False, type=bool):
        return
    try:
        enabled = autostart.is_enabled()
    except OSError as exc:
        log.info("cannot tell whether reminders start at login: %s", exc)
        return
    if enabled:
        remember_offered(window)
        return
    from netdesk.ui.widgets.login_offer import LoginOffer

    banner = LoginOffer(at_login=installed(), parent=window)
    banner.answered.connect(lambda at_login: answer_login(window, at_login))
    window.show_banner(banner)


def answer_login(window: MainWindow, at_login: bool) -> None:
    if at_login:
        try:
            autostart.enable(db_argument(window.db_path))
        except OSError as exc:
            window.report_error(
                window.tr("Reminders could not be set to start at login: %1").replace(
                    "%1", str(exc)
                )
            )
            return
    remember_offered(window)


def remember_offered(window: MainWindow) -> None:
    window.settings.setValue(OFFERED, True)
    window.settings.sync()
