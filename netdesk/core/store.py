"""Write transactions and change notification.

`write()` wraps a unit of work in one IMMEDIATE transaction, flushes the search index before it
commits, and afterwards tells every subscriber which kinds of data changed. The Qt layer turns
those calls into signals; core itself stays free of Qt.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from netdesk.db import connection, reads, search_index
from netdesk.values import Topic

log = logging.getLogger(__name__)


@dataclass
class ChangeSet:
    """What a transaction touched: table-ish topics and the people involved."""

    topics: set[Topic] = field(default_factory=set)
    people: set[int] = field(default_factory=set)

    def add(self, topic: Topic, *people: int) -> None:
        self.topics.add(topic)
        self.people.update(p for p in people if p)


Subscriber = Callable[[ChangeSet], None]
_subscribers: list[Subscriber] = []
_local = threading.local()


def subscribe(callback: Subscriber) -> None:
    _subscribers.append(callback)


def unsubscribe(callback: Subscriber) -> None:
    with contextlib.suppress(ValueError):
        _subscribers.remove(callback)


def changed(topic: Topic, *people: int) -> None:
    """Record a change in the current write (services call this)."""
    current: ChangeSet | None = getattr(_local, "changes", None)
    if current is None:
        raise RuntimeError("changed() outside a write() block")
    current.add(Topic(topic), *people)  # a misspelt topic would reach no subscriber


@contextlib.contextmanager
def write() -> Iterator[ChangeSet]:
    """One transaction; nested calls join the outer one and notify once at the end."""
    database = reads.orm_database()
    outer = getattr(_local, "changes", None)
    if outer is not None:
        with database.atomic():
            yield outer
        return
    connection.check_writable()  # read-only, or no longer the file at the database's path
    changes = ChangeSet()
    _local.changes = changes
    try:
        with database.atomic():
            yield changes
            search_index.flush(database)
    finally:
        _local.changes = None
    if changes.topics:
        _notify(changes)


# Every topic a write can name: what may have changed when another process wrote.
ALL_TOPICS = frozenset(Topic)
# What a whole person's rows feed: deleting, restoring or merging people changes all of it.
WHOLE_PERSON = (
    Topic.PEOPLE,
    Topic.INTERACTIONS,
    Topic.FAVOURS,
    Topic.RELATIONSHIPS,
    Topic.REMINDERS,
)


def outside_changes() -> ChangeSet | None:
    """What another connection (another process, or a worker thread's own connection) may have
    committed since this thread last asked: everything, or None when nothing was committed.
    SQLite's `data_version` changes only for commits made through other connections."""
    version = reads.execute("PRAGMA data_version").fetchone()[0]
    last = getattr(_local, "data_version", None)
    _local.data_version = version
    if last is None or last == version:
        return None
    return ChangeSet(set(ALL_TOPICS))


def _notify(changes: ChangeSet) -> None:
    for callback in list(_subscribers):
        try:
            callback(changes)
        except Exception:  # a broken listener must not undo a committed write
            log.exception("change subscriber failed")
