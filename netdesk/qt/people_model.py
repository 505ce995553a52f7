"""The people list as a table model: light `PersonRow`s, paged from SQL as the view scrolls.

Search, filters and sorting run in SQL (`core.listing`); the model only holds the rows fetched
so far and asks for the next page when the view reaches the end (`canFetchMore`/`fetchMore`).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from netdesk.core import listing
from netdesk.core.health import HealthState
from netdesk.core.listing import ListQuery, PersonRow, Sort
from netdesk.qt import formatting, i18n, plain

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 64  # a screenful or three: the rest is fetched as the view scrolls


class Column(enum.IntEnum):
    NAME = 0
    ORGANIZATION = 1
    CIRCLE = 2
    LAST_CONTACT = 3
    NEXT_DUE = 4
    HEALTH = 5  # the keep-in-touch state, drifting included: a badge, sorted worst first


class Role(enum.IntEnum):
    PERSON_ID = Qt.ItemDataRole.UserRole + 1
    ROW = Qt.ItemDataRole.UserRole + 2  # the PersonRow
    STATUS = Qt.ItemDataRole.UserRole + 3  # KeepInTouch


_SORTS = {
    Column.NAME: Sort.NAME,
    Column.ORGANIZATION: Sort.ORGANIZATION,
    Column.CIRCLE: Sort.CIRCLE,
    Column.LAST_CONTACT: Sort.LAST_CONTACT,
    Column.NEXT_DUE: Sort.NEXT_DUE,
    Column.HEALTH: Sort.HEALTH,
}


_tr = i18n.translator("PeopleModel")


@functools.cache
def health_text(state: HealthState) -> str:
    """The badge's word (translated once: every cell of the list asks on every paint)."""
    return {
        HealthState.DRIFTING: _tr("Drifting"),
        HealthState.OVERDUE: _tr("Overdue"),
        HealthState.DUE_SOON: _tr("Due soon"),
        HealthState.ON_TRACK: _tr("On track"),
        HealthState.NO_RHYTHM: _tr("No rhythm"),
    }[state]


def health_reason(state: HealthState) -> str:
    """What a state means, for the cell's tooltip: the rule in words, not a score."""
    return {
        HealthState.DRIFTING: _tr(
            "No contact for more than twice their rhythm (or a year, for someone you nurture)"
        ),
        HealthState.OVERDUE: _tr("Their keep-in-touch day has passed"),
        HealthState.DUE_SOON: _tr("Their keep-in-touch day is within a week"),
        HealthState.ON_TRACK: _tr("In touch within their rhythm"),
        HealthState.NO_RHYTHM: _tr("No keep-in-touch rhythm set"),
    }[state]


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_PERSON_ID, _ROW, _STATUS = int(Role.PERSON_ID), int(Role.ROW), int(Role.STATUS)
_SERVED = frozenset({_DISPLAY, _TOOLTIP, _PERSON_ID, _ROW, _STATUS})
_COLUMNS = tuple(Column)


class PeopleModel(QAbstractTableModel):
    """People matching the current search and filter, in the current order."""

    query_applied = Signal()  # after a new search, filter or sort has been loaded

    def __init__(
        self,
        parent: Any = None,
        *,
        page_size: int = PAGE_SIZE,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._page = page_size
        self._today = today
        self._query = ListQuery(today=today())
        self._rows: list[PersonRow] = []
        self._exhausted = True
        self._loaded = False  # nothing is queried until the first set_query()

    # --- what to show ----------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        """Show the people matching `query`, starting again from its first page."""
        query = replace(query, today=self._today())
        self._loaded = True
        self.beginResetModel()
        self._query = query
        self._rows = listing.fetch(query, 0, self._page)
        self._exhausted = len(self._rows) < self._page
        self.endResetModel()
        self.query_applied.emit()

    def set_search(self, text: str) -> None:
        if text != self._query.search:
            self.set_query(replace(self._query, search=text))

    def refresh(self) -> None:
        """Re-read the rows loaded so far after the store changed, keeping them in place when
        only their content changed (so selection and scrolling stay where they were)."""
        if not self._loaded:
            return
        query = replace(self._query, today=self._today())
        wanted = max(len(self._rows), self._page)
        rows = listing.fetch(query, 0, wanted)
        self._query = query
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self._exhausted = len(rows) < wanted
            self.endResetModel()
            return
        last = self.columnCount() - 1
        for number, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
            if old != new:
                self._rows[number] = new
                self.dataChanged.emit(self.index(number, 0), self.index(number, last))

    # --- paging ----------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        more = listing.fetch(self._query, len(self._rows), self._page)
        self._exhausted = len(more) < self._page
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    # --- look-ups ----------------------------------------------------------------------------

    def person_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, person_id: int) -> int:
        """The row showing this person among those loaded, or -1."""
        for number, row in enumerate(self._rows):
            if row.id == person_id:
                return number
        return -1

    def rows(self) -> list[PersonRow]:
        return list(self._rows)

    # --- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.NAME: _tr("Name"),
                Column.ORGANIZATION: _tr("Organisation"),
                Column.CIRCLE: _tr("Circle"),
                Column.LAST_CONTACT: _tr("Last contact"),
                Column.NEXT_DUE: _tr("Next due"),
                Column.HEALTH: _tr("Health"),
            }[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell on every paint: answer the ones we do not serve
        # before any other work (roles arrive as plain ints).
        if role not in _SERVED or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        if role == _DISPLAY:
            return self._display(row, _COLUMNS[index.column()])
        if role == _TOOLTIP:
            return self._tooltip(row, _COLUMNS[index.column()])
        if role == _PERSON_ID:
            return row.id
        if role == _ROW:
            return row
        return row.status

    def _display(self, row: PersonRow, column: Column) -> str:
        today = self._query.today
        if column is Column.NAME:
            return plain.clip(row.name)
        if column is Column.ORGANIZATION:
            return plain.clip(row.organization)
        if column is Column.CIRCLE:
            return plain.clip(row.circle)
        if column is Column.LAST_CONTACT:
            return formatting.ago(row.last_contact, today)
        if column is Column.NEXT_DUE:
            return formatting.in_days(row.next_due, today)
        return health_text(row.health)

    def _tooltip(self, row: PersonRow, column: Column) -> str | None:
        if column is Column.LAST_CONTACT and row.last_contact:
            return formatting.long_date(row.last_contact)
        if column is Column.NEXT_DUE and row.next_due:
            return formatting.long_date(row.next_due)
        if column is Column.HEALTH:
            return health_reason(row.health)
        if column in (Column.NAME, Column.ORGANIZATION) and (row.organization or row.title):
            return plain.tooltip(" · ".join(x for x in (row.title, row.organization) if x))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; column -1 (no sort indicator) means relevance, or name when not
        searching."""
        sort = _SORTS[Column(column)] if 0 <= column < len(Column) else Sort.RELEVANCE
        descending = order == Qt.SortOrder.DescendingOrder
        if sort is self._query.sort and descending == self._query.descending:
            return
        if not self._loaded:  # the view sets up its sort indicator before anything is shown
            self._query = replace(self._query, sort=sort, descending=descending)
            return
        self.set_query(replace(self._query, sort=sort, descending=descending))
