"""The column-mapping step of an import: a CSV that no known layout matched (another CRM's
export, a phone's own layout, a table without a header) shows its first rows with a drop-down
above each column saying what it holds, prefilled with what the reader guessed or with what the
person chose last time for the same header (QSettings, keyed by a hash of the header)."""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.importing import ColumnMap, CsvLayout, Field
from netdesk.core.importing.choices import has_identity
from netdesk.qt import i18n, plain

SETTINGS_GROUP = "import/columns"
SHOWN_COLUMN_WIDTH = 160  # a column's share of the dialog's first size


_tr = i18n.translator("ColumnMapping")


def field_names() -> dict[Field, str]:
    """The fields offered for every column, in the order of the drop-down."""
    return {
        Field.GIVEN: _tr("Given name"),
        Field.FAMILY: _tr("Family name"),
        Field.FULL_NAME: _tr("Full name"),
        Field.EMAIL: _tr("Email"),
        Field.PHONE: _tr("Phone"),
        Field.ORGANISATION: _tr("Organisation"),
        Field.TITLE: _tr("Job title"),
        Field.BIRTHDAY: _tr("Birthday"),
        Field.NOTES: _tr("Notes"),
        Field.IGNORE: _tr("Ignore"),
    }


# --- remembered maps ------------------------------------------------------------------------


def header_key(header: list[str]) -> str:
    """The settings key of a header: the same columns in the same order, the same key."""
    joined = "\x1f".join(cell.strip() for cell in header)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]


def remembered(header: list[str], settings: QSettings | None = None) -> ColumnMap | None:
    """The map chosen last time for this header; None when there is none (or it is unusable)."""
    settings = settings or QSettings("netdesk", "netdesk")
    stored = settings.value(f"{SETTINGS_GROUP}/{header_key(header)}")
    try:
        pairs = json.loads(str(stored)) if stored else None
    except ValueError:
        return None
    if not isinstance(pairs, dict):
        return None
    columns: ColumnMap = {}
    for index, value in pairs.items():
        if str(index).isdigit() and int(index) < len(header) and value in set(Field):
            columns[int(index)] = Field(value)
    return columns or None


def remember(header: list[str], columns: ColumnMap, settings: QSettings | None = None) -> None:
    settings = settings or QSettings("netdesk", "netdesk")
    chosen = {str(index): str(field) for index, field in sorted(columns.items())}
    settings.setValue(f"{SETTINGS_GROUP}/{header_key(header)}", json.dumps(chosen))


# --- the step -------------------------------------------------------------------------------


class ColumnMapping(QWidget):
    """The header's drop-downs over the file's first rows; `columns()` is the person's map."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("column_mapping")
        self.layout_shown: CsvLayout | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        self.intro = QLabel(self)
        self.intro.setObjectName("column_mapping_intro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # names the file
        self.intro.setWordWrap(True)
        column.addWidget(self.intro)
        self.table = QTableWidget(self)
        self.table.setObjectName("column_mapping_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        column.addWidget(self.table, 1)
        self.warning = QLabel(_tr("Choose a column that holds a name, an email or a phone."), self)
        self.warning.setObjectName("column_mapping_warning")
        column.addWidget(self.warning)
        self.boxes: list[QComboBox] = []

    def show_layout(self, layout: CsvLayout, columns: ColumnMap) -> None:
        """The file's columns with `columns` (a guess or a remembered map) chosen."""
        self.layout_shown = layout
        self.intro.setText(
            _tr(
                "netdesk does not know the columns of “%1”. Say what each column holds; "
                "columns set to Ignore are left out."
            ).replace("%1", layout.file)
        )
        width = max([len(layout.header), *(len(row) for row in layout.rows)])
        self.table.clear()
        self.table.setColumnCount(width)
        self.table.setRowCount(1 + len(layout.rows))
        labels = [layout.header[i] if i < len(layout.header) else "" for i in range(width)]
        self.table.setHorizontalHeaderLabels([plain.clip(label) for label in labels])
        self.boxes = [self._box(columns.get(i, Field.IGNORE)) for i in range(width)]
        for index, box in enumerate(self.boxes):
            self.table.setCellWidget(0, index, box)
            self.table.setColumnWidth(index, SHOWN_COLUMN_WIDTH)
        for row, cells in enumerate(layout.rows, start=1):
            for index, cell in enumerate(cells):
                item = QTableWidgetItem(plain.clip(cell))  # items are drawn as plain text
                item.setToolTip(plain.tooltip(cell))
                self.table.setItem(row, index, item)
        self._update_warning()

    def _box(self, chosen: Field) -> QComboBox:
        box = QComboBox(self.table)
        box.setObjectName("column_field")
        names = field_names()
        if chosen not in names:  # a guess beyond the usual fields (an address, a website)
            names[chosen] = chosen.value.capitalize()
        for field, name in names.items():
            box.addItem(name, field.value)
        box.setCurrentIndex(box.findData(chosen.value))
        box.currentIndexChanged.connect(self._update_warning)
        return box

    def columns(self) -> ColumnMap:
        chosen = {i: Field(box.currentData()) for i, box in enumerate(self.boxes)}
        return {i: field for i, field in chosen.items() if field is not Field.IGNORE}

    def acceptable(self) -> bool:
        """Importing needs a column that names a person."""
        return has_identity(self.columns())

    def set_field(self, column: int, field: Field) -> None:
        box = self.boxes[column]
        box.setCurrentIndex(box.findData(field.value))

    def _update_warning(self) -> None:
        self.warning.setVisible(not self.acceptable())
        self.changed.emit()
