"""What the window calls to talk to the reminders service.

`notify_reload()` tells a running service that the data changed. It never blocks the GUI thread
and says nothing when no service is running: with an event loop the socket works asynchronously
and deletes itself; without one (scripts, tests) it makes one short blocking attempt.
`ensure_running()` starts the service, detached, when nothing answers on its socket, so reminders
keep coming after the window closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtNetwork import QLocalSocket

from netdesk.qt.single_instance import SingleInstance, encode
from netdesk.system import paths

log = logging.getLogger(__name__)

RELOAD = {"cmd": "reload"}
PING = {"cmd": "ping"}
# A start that finds a service running exits without asking it to show itself.
QUIET_IF_RUNNING = "--quiet-if-running"
BLOCKING_TIMEOUT_MS = 200


def service_name() -> str:
    return paths.runtime_name("reminders")


def notify_reload() -> None:
    """Ask the reminders service to reload now; silent if it is not running."""
    send_async(service_name(), RELOAD)


def send_async(name: str, message: dict) -> None:
    """Deliver `message` to `name` without waiting; errors are only logged at debug level."""
    app = QCoreApplication.instance()
    if app is None:
        SingleInstance.send(name, message, timeout_ms=BLOCKING_TIMEOUT_MS)
        return
    socket = QLocalSocket(app)
    data = encode(message)

    def on_connected() -> None:
        socket.write(data)
        socket.disconnectFromServer()  # flushes what was written, then closes

    def on_error(error: QLocalSocket.LocalSocketError) -> None:
        log.debug("reminders service not reached (%s)", error)
        socket.deleteLater()

    socket.connected.connect(on_connected)
    socket.disconnected.connect(socket.deleteLater)
    socket.errorOccurred.connect(on_error)
    socket.connectToServer(name)


def ensure_running(
    db_path: Path | None = None, on_started: Callable[[bool], None] | None = None
) -> None:
    """Start the reminders service (on `db_path`, else the default database) unless one answers.

    Asynchronous: the socket is tried from the event loop and the service, when nobody answered,
    started detached. A service already starting meanwhile keeps the single-instance lock and
    the second one exits quietly. `on_started(started)` is told what happened.
    """
    app = QCoreApplication.instance()
    socket = QLocalSocket(app)
    answered = False

    def on_connected() -> None:
        nonlocal answered
        answered = True
        socket.write(encode(PING))
        socket.disconnectFromServer()
        if on_started is not None:
            on_started(False)

    def on_error(_error: QLocalSocket.LocalSocketError) -> None:
        socket.deleteLater()
        if answered:  # the service closed our connection after the ping: it is running
            return
        started = start_service(db_path)
        if on_started is not None:
            on_started(started)

    socket.connected.connect(on_connected)
    socket.disconnected.connect(socket.deleteLater)
    socket.errorOccurred.connect(on_error)
    socket.connectToServer(service_name())


def start_service(db_path: Path | None = None) -> bool:
    """Start this installation's `netdesk-reminders`, detached from the window."""
    command = [*paths.installed_command("netdesk-reminders"), QUIET_IF_RUNNING]
    if db_path is not None:
        command += ["--db", str(db_path)]
    started, _pid = QProcess.startDetached(command[0], command[1:])
    if started:
        log.info("started the reminders service: %s", " ".join(command))
    else:
        log.warning("could not start the reminders service: %s", " ".join(command))
    return bool(started)
