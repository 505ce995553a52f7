"""Editable tables for a person's contact points and positions, with per-cell problem marks.

Each table reads and writes the core drafts (`PointDraft`, `PositionDraft`) and reports the
problems it finds as `RowProblem`s: errors block saving, warnings (a phone number that does not
parse) only inform. The problem cells get the style's warning icon and a tooltip, and the first
messages are shown under the table.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.normalize import normalize_phone
from netdesk.core.people import PointDraft, PositionDraft
from netdesk.qt import i18n, plain
from netdesk.qt.hooks import require_hooks
from netdesk.ui.dialogs.dates import parse_loose_date
from netdesk.ui.dialogs.feedback import FieldMessage, Severity, warning_icon
from netdesk.values import PointKind

DATA_ROLE = Qt.ItemDataRole.UserRole + 1
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_SHOWN_PROBLEMS = 3


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: int
    severity: Severity
    message: str


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box; the cell shows the label and keeps the value in DATA_ROLE."""

    def __init__(self, choices: list[tuple[str, object]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self.choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(DATA_ROLE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), DATA_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class ClippedDelegate(QStyledItemDelegate):
    """Shows a cell's text clipped (eliding a 3 MB imported title took seconds per paint); the
    cell, and so its editor and what is saved, keep the whole text."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = plain.clip(option.text)


class RowTable(QWidget):
    """A table with Add and Remove buttons and a problem line under it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None, object_name: str) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        headers = self.header_labels()
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName(f"{object_name}_table")
        self.table.setItemDelegate(ClippedDelegate(self.table))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab leaves the table (arrows move between cells) so the dialog stays keyboard-friendly
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton(self.add_text(), self)
        self.add_button.setObjectName(f"{object_name}_add")
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName(f"{object_name}_remove")
        self.remove_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_empty_row)
        self.remove_button.clicked.connect(self.remove_current_row)
        self.table.itemSelectionChanged.connect(self._sync_buttons)
        self.message = FieldMessage(self, f"{object_name}_message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._sync_buttons()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # header_labels() -> list[str], add_text() -> str, add_empty_row() -> int (the new
        # row), problems() -> list[RowProblem]: what a kind of row table supplies
        require_hooks(cls, ("header_labels", "add_text", "add_empty_row", "problems"))

    def remove_current_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._sync_buttons()
            self.changed.emit()

    def show_problems(self, problems: list[RowProblem]) -> None:
        """Mark problem cells and show the first messages under the table."""
        self.table.blockSignals(True)  # decorating cells must not look like an edit
        try:
            for row in range(self.table.rowCount()):
                for column in range(self.table.columnCount()):
                    item = self.table.item(row, column)
                    if item is not None and item.data(Qt.ItemDataRole.DecorationRole) is not None:
                        item.setData(Qt.ItemDataRole.DecorationRole, None)
                        item.setToolTip("")
            for problem in problems:
                item = self.table.item(problem.row, problem.column)
                if item is not None:
                    item.setIcon(warning_icon(self, problem.severity))
                    item.setToolTip(plain.tooltip(problem.message))  # it quotes the cell
        finally:
            self.table.blockSignals(False)
        if not problems:
            self.message.clear_message()
            return
        errors = [p for p in problems if p.severity is Severity.ERROR]
        shown = (errors or problems)[:MAX_SHOWN_PROBLEMS]
        text = "\n".join(p.message for p in shown)
        if errors:
            self.message.show_error(text)
        else:
            self.message.show_warning(text)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        self.changed.emit()

    def _sync_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.currentRow() >= 0)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _checked(self, row: int, column: int) -> bool:
        item = self.table.item(row, column)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _start_editing(self, row: int, column: int) -> None:
        self.table.setCurrentCell(row, column)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, column))


def _check_item(checked: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(
        Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    )
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


class ContactPointsTable(RowTable):
    """Kind, label, value and preferred, one row per way to reach the person."""

    KIND, LABEL, VALUE, PREFERRED = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.kind_labels = kind_labels()
        super().__init__(parent, "points")
        choices = [(label, str(kind)) for kind, label in self.kind_labels.items()]
        self.table.setItemDelegateForColumn(self.KIND, ChoiceDelegate(choices, self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.PREFERRED, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(self.KIND, 110)
        self.table.setColumnWidth(self.LABEL, 140)

    def header_labels(self) -> list[str]:
        return [self.tr("Kind"), self.tr("Label"), self.tr("Value"), self.tr("Preferred")]

    def add_text(self) -> str:
        return self.tr("Add contact detail")

    def add_point(self, point: PointDraft) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        try:
            self.table.insertRow(row)
            kind = QTableWidgetItem(self.kind_labels[point.kind])
            kind.setData(DATA_ROLE, str(point.kind))
            self.table.setItem(row, self.KIND, kind)
            self.table.setItem(row, self.LABEL, QTableWidgetItem(point.label))
            self.table.setItem(row, self.VALUE, QTableWidgetItem(point.value))
            self.table.setItem(row, self.PREFERRED, _check_item(point.preferred))
        finally:
            self.table.blockSignals(False)
        return row

    def add_empty_row(self) -> int:
        kind = PointKind.EMAIL if self.table.rowCount() == 0 else PointKind.PHONE
        row = self.add_point(PointDraft(kind, ""))
        self._start_editing(row, self.VALUE)
        self.changed.emit()
        return row

    def set_points(self, points: list[PointDraft]) -> None:
        self.table.setRowCount(0)
        for point in points:
            self.add_point(point)

    def set_kind(self, row: int, kind: PointKind) -> None:
        item = self.table.item(row, self.KIND)
        item.setData(DATA_ROLE, str(kind))
        item.setText(self.kind_labels[kind])

    def _kind(self, row: int) -> PointKind:
        item = self.table.item(row, self.KIND)
        return PointKind(item.data(DATA_ROLE)) if item is not None else PointKind.EMAIL

    def _blank(self, row: int) -> bool:
        return not self._text(row, self.VALUE) and not self._text(row, self.LABEL)

    def points(self) -> list[PointDraft]:
        """The rows as drafts; completely empty rows are left out."""
        return [
            PointDraft(
                self._kind(row),
                self._text(row, self.VALUE),
                self._text(row, self.LABEL),
                self._checked(row, self.PREFERRED),
            )
            for row in range(self.table.rowCount())
            if not self._blank(row)
        ]

    def problems(self) -> list[RowProblem]:
        found = []
        for row in range(self.table.rowCount()):
            if self._blank(row):
                continue
            problem = self._row_problem(row)
            if problem is not None:
                found.append(problem)
        return found

    def _row_problem(self, row: int) -> RowProblem | None:
        kind, value = self._kind(row), self._text(row, self.VALUE)
        if not value:
            message = self.tr("Type the {kind} or remove the row.").format(
                kind=self.kind_labels[kind].lower()
            )
            return RowProblem(row, self.VALUE, Severity.ERROR, message)
        if kind is PointKind.EMAIL and not EMAIL.match(value):
            message = self.tr("“{value}” is not an email address.").format(value=value)
            return RowProblem(row, self.VALUE, Severity.ERROR, message)
        if kind is PointKind.PHONE and not normalize_phone(value)[0]:
            message = self.tr(
                "“{value}” does not look like a phone number; it will be kept as typed."
            ).format(value=value)
            return RowProblem(row, self.VALUE, Severity.WARNING, message)
        return None


def kind_labels() -> dict[PointKind, str]:
    """Readable names of the kinds of contact point."""

    tr = i18n.translator("ContactPointsTable")

    return {
        PointKind.EMAIL: tr("Email"),
        PointKind.PHONE: tr("Phone"),
        PointKind.URL: tr("Website"),
        PointKind.ADDRESS: tr("Address"),
        PointKind.IM: tr("Chat"),
        PointKind.SOCIAL: tr("Social"),
    }


class PositionsTable(RowTable):
    """Organisation, title, department, start, end and whether it is the current job."""

    ORG, TITLE, DEPARTMENT, START, END, CURRENT = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "positions")
        header = self.table.horizontalHeader()
        for column in (self.ORG, self.TITLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.CURRENT, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(self.DEPARTMENT, 150)
        self.table.setColumnWidth(self.START, 105)
        self.table.setColumnWidth(self.END, 105)
        date_tip = self.tr("YYYY-MM-DD, YYYY-MM or YYYY")
        for column in (self.START, self.END):
            self.table.horizontalHeaderItem(column).setToolTip(date_tip)

    def header_labels(self) -> list[str]:
        return [
            self.tr("Organisation"),
            self.tr("Title"),
            self.tr("Department"),
            self.tr("Started"),
            self.tr("Ended"),
            self.tr("Current"),
        ]

    def add_text(self) -> str:
        return self.tr("Add position")

    def add_position(self, position: PositionDraft) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        try:
            self.table.insertRow(row)
            texts = (position.organization, position.title, position.department)
            for column, text in zip((self.ORG, self.TITLE, self.DEPARTMENT), texts, strict=True):
                self.table.setItem(row, column, QTableWidgetItem(text))
            self.table.setItem(row, self.START, QTableWidgetItem(_iso(position.start)))
            self.table.setItem(row, self.END, QTableWidgetItem(_iso(position.end)))
            self.table.setItem(row, self.CURRENT, _check_item(position.end is None))
        finally:
            self.table.blockSignals(False)
        return row

    def add_empty_row(self) -> int:
        row = self.add_position(PositionDraft())
        self._start_editing(row, self.ORG)
        self.changed.emit()
        return row

    def set_positions(self, positions: list[PositionDraft]) -> None:
        self.table.setRowCount(0)
        for position in positions:
            self.add_position(position)

    def _blank(self, row: int) -> bool:
        return not any(
            self._text(row, c) for c in (self.ORG, self.TITLE, self.DEPARTMENT, self.START)
        )

    def positions(self) -> list[PositionDraft]:
        """The rows as drafts; raises ValueError when a date cannot be read (see problems())."""
        out = []
        for row in range(self.table.rowCount()):
            if self._blank(row):
                continue
            current = self._checked(row, self.CURRENT)
            out.append(
                PositionDraft(
                    organization=self._text(row, self.ORG),
                    title=self._text(row, self.TITLE),
                    department=self._text(row, self.DEPARTMENT),
                    start=parse_loose_date(self._text(row, self.START)),
                    end=None if current else parse_loose_date(self._text(row, self.END)),
                )
            )
        return out

    def problems(self) -> list[RowProblem]:
        found = []
        for row in range(self.table.rowCount()):
            if not self._blank(row):
                found.extend(self._row_problems(row))
        return found

    def _row_problems(self, row: int) -> list[RowProblem]:
        found = []
        dates: dict[int, dt.date | None] = {}
        for column in (self.START, self.END):
            text = self._text(row, column)
            try:
                dates[column] = parse_loose_date(text)
            except ValueError:
                message = self.tr("“{text}” is not a date; use YYYY-MM-DD, YYYY-MM or YYYY.")
                found.append(RowProblem(row, column, Severity.ERROR, message.format(text=text)))
        if not self._text(row, self.ORG) and not self._text(row, self.TITLE):
            message = self.tr("Give an organisation or a title, or remove the row.")
            found.append(RowProblem(row, self.ORG, Severity.ERROR, message))
        current = self._checked(row, self.CURRENT)
        start, end = dates.get(self.START), dates.get(self.END)
        if not current and self.END in dates and end is None:
            message = self.tr("Say when this position ended, or tick Current.")
            found.append(RowProblem(row, self.END, Severity.ERROR, message))
        if not current and start and end and end < start:
            message = self.tr("A position cannot end before it started.")
            found.append(RowProblem(row, self.END, Severity.ERROR, message))
        return found

    def _item_changed(self, item: QTableWidgetItem) -> None:
        # typing an end date means the position is over; ticking Current clears the end
        self.table.blockSignals(True)
        try:
            if item.column() == self.END and item.text().strip():
                self.table.item(item.row(), self.CURRENT).setCheckState(Qt.CheckState.Unchecked)
            elif item.column() == self.CURRENT and item.checkState() == Qt.CheckState.Checked:
                end = self.table.item(item.row(), self.END)
                if end is not None:
                    end.setText("")
        finally:
            self.table.blockSignals(False)
        self.changed.emit()


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
