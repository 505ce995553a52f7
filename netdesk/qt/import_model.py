"""An import plan as a table for the preview: each card, what will happen to it and why (the
plan's reason in words), which file it came from when there are several, and for a card flagged
for review the person's choice: Import (as a new person, the default), Skip, or Merge into the
person it resembles where the plan names one."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from netdesk.core.importing import Action, Decision, ImportPlan, PlanItem
from netdesk.qt import i18n, plain

Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    CARD = 0
    NAME = 1
    ACTION = 2
    REASON = 3
    CHOICE = 4
    FILE = 5  # shown only when several files are imported (the view moves it after CARD)


class Role(enum.IntEnum):
    ACTION = Qt.ItemDataRole.UserRole + 1  # Action
    ITEM = Qt.ItemDataRole.UserRole + 2  # PlanItem
    DECISION = Qt.ItemDataRole.UserRole + 3  # Decision for flagged cards, else None
    CHOICES = Qt.ItemDataRole.UserRole + 4  # [(Decision, text)] a flagged card offers


DEFAULT_DECISION = Decision.KEEP_BOTH  # imported: nothing is lost; Find duplicates can merge


_tr = i18n.translator("ImportPlanModel")


def action_text(action: Action) -> str:
    return {
        Action.NEW: _tr("New"),
        Action.UPDATE: _tr("Update"),
        Action.DUPLICATE: _tr("Flagged for review"),
        Action.INVALID: _tr("Invalid"),
    }[action]


def decision_text(decision: Decision, into: str = "") -> str:
    """What a choice does, in the words of the choice cell ("Merge into Ana Souza")."""
    if decision is Decision.MERGE:
        return _tr("Merge into %1").replace("%1", into) if into else _tr("Merge")
    return _tr("Import") if decision is Decision.KEEP_BOTH else _tr("Skip")


def choices(item: PlanItem) -> list[Decision]:
    """What a flagged card offers: merging only where the plan names whom it resembles."""
    offered = [Decision.KEEP_BOTH, Decision.SKIP]
    if item.person_id is not None or item.into is not None:
        offered.append(Decision.MERGE)
    return offered


def reason_text(item: PlanItem) -> str:
    """The card's fate in words; the plan already names whom it matches and why."""
    if item.action is Action.INVALID:
        return _tr("Not imported: %1").replace("%1", item.reason)
    return item.reason


class ImportPlanModel(QAbstractTableModel):
    def __init__(self, plan: ImportPlan | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan: ImportPlan | None = None
        self._items: list[PlanItem] = []
        self._decisions: dict[int, Decision] = {}
        if plan is not None:
            self.set_plan(plan)

    def set_plan(self, plan: ImportPlan) -> None:
        self.beginResetModel()
        self._plan = plan
        self._items = list(plan.items)
        self._decisions = {
            item.index: DEFAULT_DECISION for item in self._items if item.action is Action.DUPLICATE
        }
        self.endResetModel()

    def decisions(self) -> dict[int, Decision]:
        return dict(self._decisions)

    def set_decisions(self, decisions: dict[int, Decision]) -> None:
        """Choices by plan item index (those a card does not offer are ignored)."""
        rows = [
            row
            for row, item in enumerate(self._items)
            if decisions.get(item.index) in self._offered(item)
        ]
        for row in rows:
            item = self._items[row]
            self._decisions[item.index] = decisions[item.index]
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), Column.CHOICE), self.index(max(rows), Column.CHOICE)
            )

    def set_all_flagged(self, decision: Decision) -> None:
        """One choice for every flagged card that offers it ("Skip all flagged")."""
        for item in self._items:
            if item.index in self._decisions and decision in self._offered(item):
                self._decisions[item.index] = decision
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
            Column.FILE: _tr("File"),
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
        if role == Role.CHOICES and column is Column.CHOICE and decision is not None:
            return [(d, plain.clip(decision_text(d, item.match_name))) for d in choices(item)]
        if role == Qt.ItemDataRole.EditRole and column is Column.CHOICE:
            return decision.value if decision is not None else None
        if role == Role.ACTION:
            return item.action
        if role == Role.ITEM:
            return item
        if role == Role.DECISION:
            return decision
        return None

    def _text(self, item: PlanItem, column: Column, decision: Decision | None) -> str:
        if column is Column.FILE:
            return self._plan.file_of(item) if self._plan is not None else ""
        if column is Column.CARD:
            return str(item.record.card or item.index + 1)
        if column is Column.NAME:
            return item.name or _tr("(no name)")
        if column is Column.ACTION:
            return action_text(item.action)
        if column is Column.REASON:
            return reason_text(item)
        return decision_text(decision, item.match_name) if decision is not None else ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != Column.CHOICE:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        item = self._items[index.row()]
        try:
            decision = Decision(value)
        except ValueError:
            return False
        if item.index not in self._decisions or decision not in self._offered(item):
            return False
        self._decisions[item.index] = decision
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    @staticmethod
    def _offered(item: PlanItem) -> list[Decision]:
        return choices(item) if item.action is Action.DUPLICATE else []


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
