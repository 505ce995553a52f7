"""One bridge from `core.store` change notifications to Qt signals.

Core calls its subscribers on whatever thread committed the write (the GUI thread for edits, a
worker thread for imports). The notifier re-emits every change set on the GUI thread, so views can
refresh from it directly. Writes by other processes (the reminders service, the command line)
reach no subscriber here: a cheap poll of SQLite's `data_version` notices them within a second.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from netdesk.core import store
from netdesk.core.store import ChangeSet
from netdesk.values import Topic

log = logging.getLogger(__name__)

# Topics that can change what a row of the people list shows.
PEOPLE_TOPICS = frozenset(
    {Topic.PEOPLE, Topic.CIRCLES, Topic.TAGS, Topic.INTERACTIONS, Topic.EVENTS, Topic.IMPORTS}
)
OUTSIDE_POLL_MS = 1000


class ChangeNotifier(QObject):
    """Re-emits `core.store` change sets as `changed(ChangeSet)` on the GUI thread."""

    changed = Signal(object)
    _from_worker = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued explicitly: the emitting thread is a worker, the receiver lives in the GUI thread.
        self._from_worker.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._subscribed = False
        self._outside = QTimer(self)
        self._outside.setInterval(OUTSIDE_POLL_MS)
        self._outside.timeout.connect(self._poll_outside)
        self.start()

    def start(self) -> None:
        if not self._subscribed:
            store.subscribe(self._on_store_change)
            self._subscribed = True
            self._poll_outside()  # from now on, what others commit counts
            self._outside.start()

    def stop(self) -> None:
        """Stop listening (the window calls this when it closes)."""
        if self._subscribed:
            store.unsubscribe(self._on_store_change)
            self._subscribed = False
            self._outside.stop()

    def _poll_outside(self) -> None:
        try:
            changes = store.outside_changes()
        except Exception:  # the file went away or is locked: the next write will say so
            log.debug("could not poll for outside changes", exc_info=True)
            return
        if changes is not None:
            self.changed.emit(changes)

    def _on_store_change(self, changes: ChangeSet) -> None:
        copy = ChangeSet(set(changes.topics), set(changes.people))
        if QThread.currentThread() == self.thread():
            self.changed.emit(copy)  # already on the GUI thread: views update at once
        else:
            self._from_worker.emit(copy)

    @Slot(object)
    def _deliver(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)


def touches(changes: ChangeSet, topics: frozenset[Topic] | set[Topic]) -> bool:
    """Whether a change set concerns any of `topics`."""
    return bool(changes.topics & topics)
