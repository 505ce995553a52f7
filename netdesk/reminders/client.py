"""What the window calls to talk to the reminders service.

`notify_reload()` tells a running service that the data changed. It never blocks the GUI thread
and says nothing when no service is running: with an event loop the socket works asynchronously
and deletes itself; without one (scripts, tests) it makes one short blocking attempt.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QLocalSocket

from netdesk.qt.single_instance import SingleInstance, encode
from netdesk.system import paths

log = logging.getLogger(__name__)

RELOAD = {"cmd": "reload"}
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
