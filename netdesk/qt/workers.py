"""Long work off the GUI thread: reading files, importing, exporting, backing up, counting.

`start(fn, ...)` runs `fn(progress)` on a small thread pool and reports back on the GUI thread
through Qt signals. Peewee keeps one SQLite connection per thread, so a worker's queries open
their own connection; the task closes it when done so no connection outlives its work.
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05  # at most 20 progress updates a second reach the GUI


class Cancelled(Exception):
    """The user cancelled the work (raised inside the worker by `Progress.check`)."""


class TaskSignals(QObject):
    """Signals of one task; created on the GUI thread so receivers run there."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()  # after succeeded or failed


@dataclass
class Progress:
    """Handed to the work function: report progress, and learn whether to stop."""

    signals: TaskSignals
    cancel_event: threading.Event = field(default_factory=threading.Event)
    _last: float = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            self.signals.progress.emit(int(done), int(total))

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check(self) -> None:
        """Raise Cancelled when the user asked to stop."""
        if self.cancel_event.is_set():
            raise Cancelled()


class Task(QRunnable):
    """One unit of work; `handle.cancel()` asks it to stop."""

    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Python side keeps it until `finished`
        self.fn = fn
        self.signals = TaskSignals()
        self.progress = Progress(self.signals)
        self.done = False

    def cancel(self) -> None:
        self.progress.cancel_event.set()

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # reported to the GUI, which shows one sentence
            if not isinstance(exc, Cancelled):
                log.exception("background task failed")
            self._emit_failed(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            _close_thread_connection()
            _give_memory_back()
            self.done = True
            self.signals.finished.emit()

    def _emit_failed(self, exc: BaseException) -> None:
        self.signals.failed.emit(exc)


def _close_thread_connection() -> None:
    """Close this worker thread's own SQLite connection (peewee's is per thread)."""
    models = sys.modules.get("netdesk.db.models")  # nothing to close if they never loaded
    database = getattr(models, "database", None)
    try:
        if database is not None and database.obj is not None and not database.is_closed():
            database.close()
    except Exception:  # closing must never turn a finished task into a crash
        log.exception("closing a worker connection failed")


def _give_memory_back() -> None:
    """Return memory freed by the task to the system.

    glibc keeps a separate heap per thread and rarely shrinks it, so the pages a big task
    (counting 100,000 people, importing 10,000 cards) used would stay in the window's resident
    size for good; malloc_trim hands them back.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def _libc():  # type: ignore[no-untyped-def]
    """glibc, loaded on first use (ctypes costs ~2 ms at start)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc only (not musl)
    except (OSError, AttributeError):
        return None
    return libc


class Workers(QObject):
    """A small pool for the window's background work; keeps tasks alive while they run."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()
        self.closed = False

    def start(
        self,
        fn: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task:
        task = Task(fn)
        if self.closed:  # the window is closing: nothing new starts
            task.done = True
            return task
        if on_done is not None:
            task.signals.succeeded.connect(on_done)
        if on_error is not None:
            task.signals.failed.connect(on_error)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        task.signals.finished.connect(lambda: self._running.discard(task))
        self._running.add(task)
        self.pool.start(task)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        """Cancel what runs and block until every task has finished (in tests)."""
        for task in list(self._running):
            task.cancel()
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 30_000) -> bool:
        """On close: start nothing more, cancel what runs and wait for it."""
        self.closed = True
        return self.wait(msecs)


def backup_database(db_path: Path | None = None) -> Path:
    """Copy the database with SQLite's backup API (runs in a worker); returns the copy."""
    from netdesk.db import backup

    return backup.backup_now(db_path).path
