"""`netdesk-reminders`: the tray service, a one-shot pass (`--once`) and a self-test.

Exit codes: 0 ok (also when another instance is already running: it is asked to show itself),
1 a user error such as a bad `--db` (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import signal
import socket
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from netdesk import __version__
from netdesk.system import paths

log = logging.getLogger(__name__)

PROG = "netdesk-reminders"
EXIT_OK, EXIT_USER = 0, 1
_keep_alive: list[object] = []  # the signal wake-up sockets live as long as the process


class UserError(Exception):
    """Reported as one line with exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="netdesk's reminders in the tray.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="database file to use")
    parser.add_argument(
        "--once", action="store_true", help="notify what is due once, print it and exit"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='with --once: print JSON, {"notified": [...], "summary": "..."}',
    )
    parser.add_argument(
        "--self-test", action="store_true", help="build the tray machinery offscreen and exit"
    )
    parser.add_argument(
        "--quiet-if-running",
        action="store_true",
        help="when the service is already running, exit without asking it to show itself",
    )
    from netdesk.reminders.notifiers import MODES

    parser.add_argument(
        "--notifier",
        choices=MODES,
        default="auto",
        help="how to notify (default: the best this desktop offers)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    from netdesk.system import logs as logging_setup

    logging_setup.configure(console=False, name="reminders")
    try:
        if args.self_test:
            return self_test()
        db_path = open_store(args.db)
        if args.once:
            return run_once(args)
        return run_service(args, db_path)
    except UserError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USER
    except Exception as exc:  # the last line of defence: one line here, the details in the log
        log.exception("netdesk-reminders failed")
        print(f"{PROG}: unexpected error: {exc}", file=sys.stderr)
        return EXIT_USER


SERVICE_CACHE_KIB = 2048  # the window keeps a big page cache; a service that idles needs little


def open_store(db_path: Path | None) -> Path:
    from netdesk import db
    from netdesk.db.errors import StoreError

    path = paths.db_path(db_path)
    try:
        database = db.open(path)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    database.execute_sql(f"PRAGMA cache_size = -{SERVICE_CACHE_KIB}")
    return path


# What `--once` says when everything due was notified before (or nothing is due at all).
NOTHING_NEW = "Nothing new is due now."


def run_once(args: argparse.Namespace) -> int:
    """One pass through the log or D-Bus notifier (no tray); quiet hours do not apply."""
    from netdesk.reminders.notifiers import LogNotifier, pick
    from netdesk.reminders.scheduler import Scheduler, SystemClock

    notifier = pick(None, mode=args.notifier, interactive=False, tray_available=False)
    # The user asked for this pass, so quiet hours, digest time and pause do not hold it back.
    notes = Scheduler(SystemClock(), respect_policy=False).run()
    for note in notes:
        log.info("notify via %s: %s", notifier.label, note.as_text())
        if not notifier.notify(note):
            LogNotifier().notify(note)
    notifier.close()
    items = [item for note in notes for item in note.items]
    summary = _notified_summary(len(items))
    if args.json:
        notified = [i.as_json() for i in items]
        print(json.dumps({"notified": notified, "summary": summary}, ensure_ascii=False, indent=1))
        return EXIT_OK
    for item in items:
        print(f"{item.due}  {item.kind:<13}  {item.name}: {item.detail}")
    if not items:
        print(NOTHING_NEW)
    return EXIT_OK


def _notified_summary(count: int) -> str:
    if not count:
        return NOTHING_NEW
    return f"Notified {count} reminder{'' if count == 1 else 's'}."


def _qt_messages_to_log() -> None:
    """Qt's own warnings (tray quirks of the platform plugin) go to the log, not the terminal."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def _qt_app(name: str):
    from PySide6.QtWidgets import QApplication

    _qt_messages_to_log()

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else PROG])
    app.setApplicationName(name)
    app.setOrganizationName("netdesk")
    app.setDesktopFileName("org.netdesk.reminders")
    app.setQuitOnLastWindowClosed(False)  # a tray app has no window whose closing means "quit"
    return app


def run_service(args: argparse.Namespace, db_path: Path) -> int:
    from netdesk.qt.single_instance import SingleInstance
    from netdesk.reminders.launcher import Launcher
    from netdesk.reminders.scheduler import SystemClock
    from netdesk.reminders.service import ReminderService
    from netdesk.reminders.tray import app_icon

    app = _qt_app(PROG)
    # Before the socket listens: a stop that arrives as soon as others can see us must end
    # the loop cleanly (and release the lock), not kill the process half-started.
    _quit_on_signals(app)
    name = paths.runtime_name("reminders")
    instance = SingleInstance(name)
    if not instance.acquire():
        if args.quiet_if_running:
            log.info("another reminders service is running; leaving it be")
            return EXIT_OK
        shown = SingleInstance.send(name, {"cmd": "show"})
        log.info("another reminders service is running (asked it to show itself: %s)", shown)
        return EXIT_OK
    app.setWindowIcon(app_icon())
    launcher = Launcher(db_path if args.db is not None else None)
    service = ReminderService(SystemClock(), mode=args.notifier, launcher=launcher)
    instance.message_received.connect(service.on_message)
    service.start()
    log.info("reminders service ready (database %s)", db_path)
    try:
        return int(app.exec())
    finally:
        service.stop()
        instance.release()
        from netdesk import db

        db.close_database()


def _quit_on_signals(app) -> None:
    """SIGTERM and SIGINT end the event loop cleanly (the lock is released on the way out)."""
    if os.name != "posix":
        return
    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(BlockingIOError):
            reader.recv(64)
        app.quit()

    notifier.activated.connect(drain)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)  # the wake-up byte does the work
    _keep_alive.extend([reader, writer, notifier])


def self_test() -> int:
    """Build the service (tray, menu, notifier, timers) offscreen on a temporary database."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from netdesk import db
    from netdesk.core import people, settings
    from netdesk.core.people import PersonDraft
    from netdesk.reminders.scheduler import SystemClock
    from netdesk.reminders.service import ReminderService

    with tempfile.TemporaryDirectory(prefix="netdesk-reminders-") as tmp:
        db.open(Path(tmp) / "self-test.db")
        try:
            settings.put("quiet_start", "")  # whatever the hour, the pass must notify
            met = dt.date.today() - dt.timedelta(days=30)
            people.create(PersonDraft(display_name="Self Test", cadence_days=7, met_on=met))
            _qt_app(f"{PROG}-self-test")
            service = ReminderService(SystemClock(), mode="log")
            service.start()
            problems = []
            if not service.menu.actions_named("dueItemAction"):
                problems.append("the tray menu lists nothing due")
            if not service.delivered:
                problems.append("nothing was notified")
            if service.next_at is None:
                problems.append("no next moment was scheduled")
            service.stop()
        finally:
            db.close_database()
    if problems:
        raise UserError("self-test failed: " + "; ".join(problems))
    print(f"{PROG} self-test ok")
    return EXIT_OK
