"""Starting the window: one instance per user, the database, the main window, and `--self-test`.

`run(args)` is what `netdesk` (no subcommand) calls. A second start hands its files or the person
to show to the running window and exits; `--self-test` builds the real window offscreen on a
temporary database, imports the bundled sample and checks it is listed (the packaged app's smoke
test).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.system import paths

if TYPE_CHECKING:
    from netdesk.qt.workers import Workers

log = logging.getLogger(__name__)

SAMPLE = paths.package_data("sample.vcf")
SAMPLE_NAMES = ("Maren Okonkwo-Lindqvist", "Tomás Ferreira-Quist", "Yuki Abernathy")
SELF_TEST_TIMEOUT_MS = 60_000


def application(argv: list[str] | None = None):
    """The QApplication, named so QSettings and the desktop know us."""
    from PySide6.QtWidgets import QApplication

    from netdesk import __version__

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QApplication.setOrganizationName("netdesk")
    QApplication.setApplicationName("netdesk")
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("org.netdesk.netdesk")  # the .desktop file's id
    app = QApplication(argv if argv is not None else sys.argv[:1])
    from netdesk.qt import i18n

    i18n.install()
    return app


def _set_app_icon(app) -> None:
    """The icon every window without its own shows (dialogs): set once the main window is on
    screen, or before a dialog that comes first."""
    from netdesk.ui.window.main_window import app_icon

    app.setWindowIcon(app_icon())


def _messages(args: argparse.Namespace) -> list[dict]:
    messages: list[dict] = []
    files = [str(Path(f).resolve()) for f in (args.files or [])]
    if files:
        messages.append({"cmd": "open_files", "files": files})
    if args.show_person is not None:
        messages.append({"cmd": "show_person", "id": int(args.show_person)})
    return messages or [{"cmd": "raise"}]


def run(args: argparse.Namespace) -> int:
    from netdesk.core import gc_pause

    if getattr(args, "self_test", False):
        gc_pause.started()
        return self_test()
    started = start(args)
    if isinstance(started, int):
        gc_pause.started()
        return started
    app, window, instance = started
    window.show()
    if args.files:
        window.file_actions.open_files([Path(f) for f in args.files])
    if args.show_person is not None:
        window.show_person(int(args.show_person))
    try:
        return int(app.exec())
    finally:
        instance.release()
        from netdesk.core import database

        database.close_database()


def start(args: argparse.Namespace):
    """Everything before the event loop: the app, the single-instance lock, the database and
    the window (not shown yet). A second start hands its work over and returns 0."""
    # Domain first: once PySide6 is loaded, its import hook (for `from __feature__`) slows every
    # later import statement, ~8 ms over the window's start.
    from netdesk.core import database, gc_pause, listing, sidebar, store  # noqa: F401 - see above
    from netdesk.db.errors import StoreError
    from netdesk.qt.single_instance import SingleInstance
    from netdesk.system import logs as logging_setup
    from netdesk.system import paths

    app = application()
    instance = SingleInstance(paths.runtime_name("gui"))
    if not instance.acquire(listen=False):  # listens once the window is on screen
        delivered = all(SingleInstance.send_when_ready(instance.name, m) for m in _messages(args))
        if delivered:
            return 0
        log.warning("another netdesk holds the lock but did not answer")
        print("netdesk: netdesk is already running.", file=sys.stderr)
        return 1
    db_path: Path | None = paths.db_path(args.db)
    while db_path is not None:
        try:
            database.open_for_window(db_path)  # the models load after the first paint
            break
        except StoreError as exc:
            db_path = _recover(db_path, exc)
    if db_path is None:
        instance.release()
        return 1
    window = build_window(db_path)
    instance.message_received.connect(window.handle_message)
    # The window first; what nobody sees yet waits until it is on screen.
    window.after_first_paint(gc_pause.started)
    window.after_first_paint(lambda: _set_app_icon(app))
    window.after_first_paint(instance.listen)
    window.after_first_paint(logging_setup.finish)
    window.after_first_paint(lambda: _back_up_daily(window.workers, db_path))
    window.after_first_paint(lambda: _link_reminders(window, db_path))
    return app, window, instance


def build_window(db_path: Path, settings=None):
    from netdesk.ui.window.main_window import MainWindow

    return MainWindow(db_path, settings=settings)


def _recover(db_path: Path, error: Exception) -> Path | None:
    """Ask what to do about a database that cannot be opened; None means quit.

    The damaged file is never overwritten: the dialog offers the newest good backup (moving
    the damaged file aside only with consent) or another file.
    """
    from netdesk.ui.dialogs.recovery_dialog import RecoveryAction, ask

    print(f"netdesk: {error}", file=sys.stderr)
    from PySide6.QtWidgets import QApplication

    _set_app_icon(QApplication.instance())
    outcome = ask(None, db_path, error)  # type: ignore[arg-type]
    if outcome.action is RecoveryAction.QUIT:
        return None
    return outcome.db_path


def _back_up_daily(workers: Workers, db_path: Path) -> None:
    """The daily copy, on the window's workers (it may take seconds on a large database); a
    window closing meanwhile waits for it, so no copy is left half made."""

    def back_up(_progress: object) -> None:
        from netdesk.core import backups  # loads the backup code off the GUI thread too

        backups.backup_if_stale(db_path)  # logs what went wrong; never raises

    workers.start(back_up)


def _link_reminders(window, db_path: Path) -> None:
    """Reminders keep coming with the window closed: start their service, offer it at login."""
    from netdesk.ui.window import reminders_link

    reminders_link.start_service(window.workers, db_path)
    reminders_link.offer_login(window)


# --- self-test --------------------------------------------------------------------------------


def self_test() -> int:
    """Open a temporary database, build the window offscreen, import the sample, check it."""
    import tempfile

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="netdesk-self-test-") as tmp:
        os.environ["NETDESK_HOME"] = tmp  # nothing of the user's is read or written
        os.environ["XDG_CONFIG_HOME"] = tmp
        try:
            ok, detail = _self_test_in(Path(tmp))
        except Exception as exc:  # the smoke test reports, it does not crash
            log.exception("self-test failed")
            ok, detail = False, f"{type(exc).__name__}: {exc}"
    if ok:
        print(f"netdesk self-test OK: {detail}")
        return 0
    print(f"netdesk self-test FAILED: {detail}", file=sys.stderr)
    return 1


def _quiet_offscreen(kind, context, message: str) -> None:
    """The offscreen platform warns about window hints it cannot honour; nothing else is hidden."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(f"{message}\n")


def _self_test_in(folder: Path) -> tuple[bool, str]:
    from PySide6.QtCore import QSettings, QTimer, qInstallMessageHandler

    qInstallMessageHandler(_quiet_offscreen)

    from netdesk.core import database
    from netdesk.ui.window.import_preview import Stage

    app = application()
    db_path = folder / "self-test.db"
    database.open_database(db_path)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(db_path, settings)
    window.show()
    flow = window.file_actions.import_paths([SAMPLE])
    outcome: dict[str, object] = {"ok": False, "detail": "timed out"}

    def step() -> None:
        dialog = flow.dialog
        if (
            dialog is not None
            and dialog.stage is Stage.PREVIEW
            and dialog.import_button.isEnabled()
        ):
            dialog.import_button.click()
        elif dialog is not None and dialog.stage is Stage.ERROR:
            finish(False, dialog.report_label.text())
        elif dialog is not None and dialog.stage is Stage.REPORT:
            window.search.setText("")
            names = {row.name for row in window.people_model.rows()}
            missing = [n for n in SAMPLE_NAMES if n not in names]
            if not missing and window.people_model.rowCount() >= len(SAMPLE_NAMES):
                finish(True, f"{len(SAMPLE_NAMES)} sample people imported and listed")
            elif not window._refresh_timer.isActive():
                finish(False, f"not listed after import: {', '.join(missing)}")

    def finish(ok: bool, detail: str) -> None:
        outcome.update(ok=ok, detail=detail)
        poll.stop()
        app.quit()

    poll = QTimer()
    poll.setInterval(25)
    poll.timeout.connect(step)
    poll.start()
    QTimer.singleShot(SELF_TEST_TIMEOUT_MS, app.quit)
    app.exec()
    window.close()
    database.close_database()
    return bool(outcome["ok"]), str(outcome["detail"])
