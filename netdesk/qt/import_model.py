"""An import plan as a table for the preview: each card, what will happen to it and why, and for
possible duplicates the user's choice (merge, keep both, skip), edited in the last column."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from netdesk.core.importing import Action, Decision, ImportPlan, PlanItem
from netdesk.qt import plain

Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    CARD = 0
    NAME = 1
    ACTION = 2
    REASON = 3
    CHOICE = 4


class Role(enum.IntEnum):
    ACTION = Qt.ItemDataRole.UserRole + 1  # Action
    ITEM = Qt.ItemDataRole.UserRole + 2  # PlanItem
    DECISION = Qt.ItemDataRole.UserRole + 3  # Decision for duplicates, else None


DEFAULT_DECISION = Decision.KEEP_BOTH  # nothing is lost; Find duplicates can merge later


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportPlanModel", text)


def action_text(action: Action) -> str:
    return {
        Action.NEW: _tr("New"),
        Action.UPDATE: _tr("Update"),
        Action.DUPLICATE: _tr("Possible duplicate"),
        Action.INVALID: _tr("Invalid"),
    }[action]


def decision_text(decision: Decision) -> str:
    return {
        Decision.MERGE: _tr("Merge"),
        Decision.KEEP_BOTH: _tr("Keep both"),
        Decision.SKIP: _tr("Skip"),
    }[decision]


def reason_text(item: PlanItem) -> str:
    """The card's fate in words; the plan already names whom it matches and why."""
    if item.action is Action.INVALID:
        return _tr("Not imported: %1").replace("%1", item.reason)
    return item.reason


class ImportPlanModel(QAbstractTableModel):
    def __init__(self, plan: ImportPlan | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[PlanItem] = []
        self._decisions: dict[int, Decision] = {}
        if plan is not None:
            self.set_plan(plan)

    def set_plan(self, plan: ImportPlan) -> None:
        self.beginResetModel()
        self._items = list(plan.items)
        self._decisions = {
            item.index: DEFAULT_DECISION for item in self._items if item.action is Action.DUPLICATE
        }
        self.endResetModel()

    def decisions(self) -> dict[int, Decision]:
        return dict(self._decisions)

    def set_decision(self, item_index: int, decision: Decision) -> None:
        for row, item in enumerate(self._items):
            if item.index == item_index and item.action is Action.DUPLICATE:
                self._decisions[item_index] = decision
                changed = self.index(row, Column.CHOICE)
                self.dataChanged.emit(changed, changed)
                return

    def set_all_duplicates(self, decision: Decision) -> None:
        for item_index in self._decisions:
            self._decisions[item_index] = decision
        if self._items:
            self.dataChanged.emit(
                self.index(0, Column.CHOICE), self.index(len(self._items) - 1, Column.CHOICE)
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self._items[index.row()]
        if index.column() == Column.CHOICE and item.action is Action.DUPLICATE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.CARD: _tr("Card"),
            Column.NAME: _tr("Name"),
            Column.ACTION: _tr("Will be"),
            Column.REASON: _tr("Why"),
            Column.CHOICE: _tr("Your choice"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = Column(index.column())
        decision = self._decisions.get(item.index)
        if role == Qt.ItemDataRole.DisplayRole:
            return plain.clip(self._text(item, column, decision))
        if role == Qt.ItemDataRole.ToolTipRole:  # the file's text, shown before it is imported
            return plain.tooltip(self._text(item, column, decision))
        if role == Qt.ItemDataRole.EditRole and column is Column.CHOICE:
            return decision.value if decision is not None else None
        if role == Role.ACTION:
            return item.action
        if role == Role.ITEM:
            return item
        if role == Role.DECISION:
            return decision
        return None

    @staticmethod
    def _text(item: PlanItem, column: Column, decision: Decision | None) -> str:
        if column is Column.CARD:
            return str(item.record.card or item.index + 1)
        if column is Column.NAME:
            return item.name or _tr("(no name)")
        if column is Column.ACTION:
            return action_text(item.action)
        if column is Column.REASON:
            return reason_text(item)
        return decision_text(decision) if decision is not None else ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != Column.CHOICE:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        item = self._items[index.row()]
        if item.action is not Action.DUPLICATE:
            return False
        try:
            decision = Decision(value)
        except ValueError:
            return False
        self._decisions[item.index] = decision
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


class ActionFilter(QSortFilterProxyModel):
    """Shows only the rows of one action (None: all): a cheap in-memory filter."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._action: Action | None = None

    def set_action(self, action: Action | None) -> None:
        self.beginFilterChange()
        self._action = action
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._action is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return index.data(Role.ACTION) == self._action  # a StrEnum arrives as str
