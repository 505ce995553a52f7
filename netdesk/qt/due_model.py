"""What is due (keep in touch, birthdays, follow-ups, promises) as a list model: the Today view."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from netdesk.qt import formatting, plain

if TYPE_CHECKING:
    from netdesk.core.due import DueItem

Index = QModelIndex | QPersistentModelIndex


class Role(enum.IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the DueItem
    PERSON_ID = Qt.ItemDataRole.UserRole + 2


class DueModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[DueItem] = []

    def set_items(self, items: list[DueItem]) -> None:
        if items == self._items:
            return
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> DueItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, person_id: int) -> int:
        for number, item in enumerate(self._items):
            if item.person_id == person_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return plain.clip(f"{item.name} — {item.detail}")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{formatting.due_kind(item.kind)}: {formatting.long_date(item.due)}"
        if role == Role.ITEM:
            return item
        if role == Role.PERSON_ID:
            return item.person_id
        return None
