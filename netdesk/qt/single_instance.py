"""One running instance per user and data folder, and a way for a second start to talk to it.

`QLocalServer.listen()` alone is no lock (with `UserAccessOption` a second listen succeeds and
takes the name over), so `acquire()` first takes a `QLockFile`; only its holder removes a leftover
socket and listens. A lock left by a process that died (`kill -9`) is recovered: Qt treats a lock
whose process is gone as stale, and we double-check before removing it by hand.

Messages are one JSON object per line over a `QLocalSocket`. The window takes the lock at once
but listens only once it has painted (QtNetwork costs ~6 ms to load); a second start that finds
the lock held keeps trying to connect for a few seconds meanwhile (`send_when_ready`).
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDir, QLockFile, QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 64 * 1024  # a peer sending more than this is cut off
STARTING_GRACE_S = 5.0  # how long a second start waits for a starting instance to listen


def lock_path(name: str) -> str:
    return QDir(QDir.tempPath()).filePath(f"{name}.lock")


class SingleInstance(QObject):
    """Holds the per-user lock and the local server; emits each message a peer sends."""

    message_received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._lock = QLockFile(lock_path(name))
        # A long-running holder must never look stale by age: only a dead holder is stale.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, QByteArray] = {}

    @property
    def is_primary(self) -> bool:
        return self._lock.isLocked()

    def acquire(self, *, listen: bool = True) -> bool:
        """Become the instance: True when the lock is ours (then we also listen, now or, with
        `listen=False`, when `listen()` is called)."""
        if not self._take_lock():
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Start answering other starts (only the lock holder may)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or not self.is_primary:
            return
        QLocalServer.removeServer(self.name)  # a socket left behind by a crashed holder
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        if not server.listen(self.name):
            # Still the only instance (we hold the lock); we just cannot be asked to show up.
            log.warning("cannot listen on %s: %s", self.name, server.errorString())
        self._server = server

    def release(self) -> None:
        # Close open connections and the server through deleteLater(): deleting a socket
        # directly while Qt still has events queued for it crashes.
        for socket in list(self._buffers):
            self._drop(socket)
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _take_lock(self) -> bool:
        if self._lock.tryLock(0):
            return True
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            path = lock_path(self.name)
            log.warning("cannot create the lock file %s (%s)", path, self._lock.error())
            return False
        if self._holder_alive():
            return False
        log.info("removing a stale lock left by a process that is gone")
        return self._lock.removeStaleLockFile() and self._lock.tryLock(0)

    def _holder_alive(self) -> bool:
        info = self._lock.getLockInfo()  # PySide6: (pid, hostname, appname)
        pid = int(info[0]) if info else 0
        if pid <= 0:
            return True  # unreadable: assume a live holder rather than break a real lock
        if os.name != "posix":
            return True  # Qt already checked the process on other systems
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    @Slot()
    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)  # outlives the server when release() closes it
            self._buffers[socket] = QByteArray()
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    @Slot()
    def _on_ready_read(self) -> None:
        socket = self.sender()
        if socket in self._buffers:
            self._read(socket)  # type: ignore[arg-type]

    @Slot()
    def _on_disconnected(self) -> None:
        socket = self.sender()
        if socket in self._buffers:
            self._finish(socket)  # type: ignore[arg-type]

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.readyRead.disconnect(self._on_ready_read)
        socket.disconnected.disconnect(self._on_disconnected)
        socket.abort()
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer.append(socket.readAll())
        if buffer.size() > MAX_MESSAGE_BYTES:
            log.warning("dropping an oversized message on %s", self.name)
            self._drop(socket)
            return
        while (end := buffer.indexOf(b"\n")) >= 0:
            line = bytes(buffer.left(end).data())
            buffer.remove(0, end + 1)
            self._emit(line)

    def _finish(self, socket: QLocalSocket) -> None:
        self._read(socket)
        leftover = self._buffers.get(socket)
        if leftover is not None and leftover.size():
            self._emit(bytes(leftover.data()))  # a last message without its newline
        if socket in self._buffers:
            self._drop(socket)

    def _emit(self, line: bytes) -> None:
        try:
            message = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            log.warning("ignoring a malformed message on %s", self.name)
            return
        if isinstance(message, dict):
            self.message_received.emit(message)

    @staticmethod
    def send_when_ready(name: str, message: dict, grace_s: float = STARTING_GRACE_S) -> bool:
        """`send`, retrying while the lock holder may still be starting (not listening yet)."""
        deadline = time.monotonic() + grace_s
        while True:
            if SingleInstance.send(name, message):
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)

    @staticmethod
    def send(name: str, message: dict, timeout_ms: int = 1000) -> bool:
        """Send `message` to the instance listening on `name`; True when it was delivered."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(encode(message))
        while socket.bytesToWrite() > 0:
            if not socket.waitForBytesWritten(timeout_ms):
                socket.abort()
                return False
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
        return True


def encode(message: dict) -> bytes:
    return (json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8")
