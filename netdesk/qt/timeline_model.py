"""A person's interactions, newest first, as a list model (the person pane's timeline)."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from netdesk.core.interactions import TimelineEntry
from netdesk.qt import formatting, i18n, plain

Index = QModelIndex | QPersistentModelIndex


class Role(enum.IntEnum):
    ENTRY = Qt.ItemDataRole.UserRole + 1  # the TimelineEntry
    INTERACTION_ID = Qt.ItemDataRole.UserRole + 2


_tr = i18n.translator("TimelineModel")


def headline(entry: TimelineEntry) -> str:
    """ "Coffee · talked about jazz" (the event's name for events)."""
    kind = formatting.interaction_kind(entry.kind)
    what = plain.clip(entry.summary or entry.event_name)
    if not what:
        return kind
    if what.casefold().startswith(kind.casefold()):  # "Coffee at Fábrica", not "Coffee · Coffee…"
        return what
    return f"{kind} · {what}"


def with_whom(entry: TimelineEntry) -> str:
    if not entry.others:
        return ""
    names = ", ".join(plain.clip(name) for name in entry.others[:4])
    extra = len(entry.others) - 4
    if extra > 0:
        names += " " + _tr("and %Ln more", extra)
    return _tr("with %1").replace("%1", names)


class TimelineModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        if entries == self._entries:
            return
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return headline(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return formatting.long_date(entry.when)
        if role == Role.ENTRY:
            return entry
        if role == Role.INTERACTION_ID:
            return entry.id
        return None
