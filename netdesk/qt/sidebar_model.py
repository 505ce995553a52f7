"""The sidebar as a flat list model: fixed views, then sections of circles, tags, events and smart
lists, each entry with how many people it holds.

Counts come from `core.sidebar.load()` in a worker; `set_data()` applies them, updating counts in
place when the entries are the same and resetting only when the set of entries changed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from netdesk.core.listing import Filter
from netdesk.core.sidebar import SidebarData
from netdesk.qt import i18n, plain

Index = QModelIndex | QPersistentModelIndex


class Kind(enum.StrEnum):
    SECTION = "section"
    ALL = "all"
    TODAY = "today"
    NURTURE = "nurture"
    BIRTHDAYS = "birthdays"
    RECENT = "recent"
    STAND_OUTS = "stand_outs"
    NETWORK = "network"  # the Network page: pictures, not a list
    CIRCLE = "circle"
    TAG = "tag"
    EVENT = "event"
    SMART = "smart"
    ARCHIVED = "archived"


class Role(enum.IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # stable identity, e.g. "circle:3"
    KIND = Qt.ItemDataRole.UserRole + 2
    COUNT = Qt.ItemDataRole.UserRole + 3  # int, or None while counting
    ENTRY = Qt.ItemDataRole.UserRole + 4  # the Entry


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    kind: Kind
    label: str
    count: int | None = None
    value: int | None = None  # circle, tag, event or saved search id
    search: str = ""  # a smart list's query
    detail: str = ""

    @property
    def is_section(self) -> bool:
        return self.kind is Kind.SECTION

    def list_filter(self) -> tuple[Filter, int | None, str] | None:
        """(filter, value, search) for the people list; None for Today and section headers."""
        return {
            Kind.ALL: (Filter.ALL, None, ""),
            Kind.NURTURE: (Filter.NURTURE, None, ""),
            Kind.BIRTHDAYS: (Filter.BIRTHDAYS_SOON, None, ""),
            Kind.RECENT: (Filter.RECENTLY_MET, None, ""),
            Kind.STAND_OUTS: (Filter.STAND_OUTS, None, ""),
            Kind.CIRCLE: (Filter.CIRCLE, self.value, ""),
            Kind.TAG: (Filter.TAG, self.value, ""),
            Kind.EVENT: (Filter.EVENT, self.value, ""),
            Kind.SMART: (Filter.ALL, None, self.search),
            Kind.ARCHIVED: (Filter.ARCHIVED, None, ""),
        }.get(self.kind)


_tr = i18n.translator("SidebarModel")


def build_entries(data: SidebarData | None) -> list[Entry]:
    """The sidebar's entries for `data` (None: the fixed entries, before counts arrive)."""

    def count(name: str) -> int | None:
        return getattr(data, name) if data is not None else None

    entries = [
        Entry("all", Kind.ALL, _tr("All people"), count("people")),
        Entry("today", Kind.TODAY, _tr("Today"), data.due_total if data else None),
        Entry("nurture", Kind.NURTURE, _tr("Nurture"), count("nurture")),
        Entry("birthdays", Kind.BIRTHDAYS, _tr("Birthdays soon"), count("birthdays_soon")),
        Entry("recent", Kind.RECENT, _tr("Recently met"), count("recently_met")),
        Entry("stand_outs", Kind.STAND_OUTS, _tr("Stand-outs"), count("stand_outs")),
        Entry("network", Kind.NETWORK, _tr("Network")),
    ]
    if data is None:
        return entries
    sections = [
        (Kind.SMART, _tr("Smart lists"), data.smart_lists),
        (Kind.CIRCLE, _tr("Circles"), data.circles),
        (Kind.TAG, _tr("Tags"), data.tags),
        (Kind.EVENT, _tr("Events"), data.events),
    ]
    for kind, title, items in sections:
        if not items:
            continue
        entries.append(Entry(f"section:{kind}", Kind.SECTION, title))
        for item in items:
            search = item.detail if kind is Kind.SMART else ""
            entries.append(
                Entry(
                    f"{kind}:{item.id}", kind, item.name, item.count, item.id, search, item.detail
                )
            )
    entries.append(Entry("section:more", Kind.SECTION, ""))
    entries.append(Entry("archived", Kind.ARCHIVED, _tr("Archived"), data.archived))
    return entries


class SidebarModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries = build_entries(None)

    def set_data(self, data: SidebarData) -> None:
        entries = build_entries(data)
        if [e.key for e in entries] != [e.key for e in self._entries]:
            self.beginResetModel()
            self._entries = entries
            self.endResetModel()
            return
        for number, (old, new) in enumerate(zip(self._entries, entries, strict=True)):
            if old != new:
                self._entries[number] = new
                index = self.index(number, 0)
                self.dataChanged.emit(index, index)

    def entry(self, row: int) -> Entry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, key: str) -> int:
        for number, entry in enumerate(self._entries):
            if entry.key == key:
                return number
        return -1

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._entries[index.row()].is_section:
            return Qt.ItemFlag.ItemIsEnabled  # a heading: shown, not selectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return plain.clip(entry.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == Role.KEY:
            return entry.key
        if role == Role.KIND:
            return entry.kind
        if role == Role.COUNT:
            return entry.count
        if role == Role.ENTRY:
            return entry
        return None

    def _tooltip(self, entry: Entry) -> str | None:
        if entry.kind is Kind.TODAY:
            return _tr("Keep-in-touch, birthdays, follow-ups and promises due now")
        if entry.kind is Kind.STAND_OUTS:
            return _tr("People with a note on why they stand out")
        if entry.kind is Kind.NETWORK:
            return _tr("How you keep in touch, in pictures (Ctrl+Shift+N)")
        if entry.kind is Kind.SMART:
            return plain.tooltip(_tr("Search: %1").replace("%1", entry.search))
        if entry.kind is Kind.EVENT and entry.detail:
            return plain.tooltip(entry.detail)
        return None
