"""The network picture follows the store as the window's views do: a change that can alter it
(people, circles, relationships, an import or its undo, or anything another process wrote)
asks for it to be drawn again, once for a burst of changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

from netdesk.core.store import ChangeSet
from netdesk.qt.change_bridge import touches
from netdesk.values import Topic

PICTURE_TOPICS = frozenset({Topic.PEOPLE, Topic.CIRCLES, Topic.RELATIONSHIPS, Topic.IMPORTS})
REDRAW_DELAY_MS = 300  # a burst of changes (a sync, an undo of many) is drawn once


class ChangeFollower(QObject):
    """Calls `redraw` a moment after the last change the picture shows; connect the window's
    `ChangeNotifier.changed` to `store_changed`."""

    def __init__(self, parent: QObject, redraw: Callable[[], None]) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_DELAY_MS)
        self._timer.timeout.connect(redraw)

    @Slot(object)
    def store_changed(self, changes: ChangeSet) -> None:
        if touches(changes, PICTURE_TOPICS):
            self._timer.start()
