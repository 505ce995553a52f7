"""The pages of the import preview: the progress page (reading, importing), the preview (counts,
refused files, the encoding picker, the filter row, the table of cards with a choice for each,
the problems found while reading), the report with Undo, and the Cancel / Import row below them.
Mixed into `ImportPreviewDialog`, which moves between them."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.importing import ENCODINGS, Action, Decision
from netdesk.qt.import_model import Column
from netdesk.ui.widgets import theme
from netdesk.ui.window.import_choices import ChoiceDelegate

_HUES = {Action.NEW: 135, Action.UPDATE: 210, Action.DUPLICATE: 36, Action.INVALID: 2}
# the width each column asks for; Name and Why share what the dialog has beyond the others
WIDTHS = {
    Column.CARD: 50,
    Column.FILE: 140,
    Column.NAME: 220,
    Column.ACTION: 130,
    Column.REASON: 340,
    Column.CHOICE: 180,
}


class Stat(QFrame):
    """A count with a caption, tinted by what it counts; the caption agrees with the count."""

    def __init__(self, caption: str, hue: int, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.hue = hue
        self.caption_source = caption  # a "%n"-free plural form: "new person(s)"
        self._tint(active=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        self.number = QLabel("0", self)
        self.number.setObjectName(f"{name}_number")
        self.number.setFont(theme.scaled_font(self.number, 1.6, QFont.Weight.DemiBold))
        layout.addWidget(self.number)
        self.caption = QLabel(self)
        self.caption.setObjectName(f"{name}_caption")
        layout.addWidget(self.caption)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.number.setText(QLocale().toString(count))  # grouped as the user's locale does
        self.caption.setText(self.tr(self.caption_source, "", count))
        self._tint(active=count > 0)

    def _tint(self, *, active: bool) -> None:
        """Coloured when it counts something; quiet grey at zero."""
        # the parent's palette: our own is already coloured by the previous style sheet
        palette = self.parentWidget().palette()
        if active:
            background, foreground = theme.hue_colours(self.hue, palette)
        else:
            background, foreground = theme.subtle_fill(palette), theme.muted(palette)
        name = self.objectName()
        self.setStyleSheet(
            f"QFrame#{name} {{ background: {background.name()}; border-radius: 8px; }}"
            f" QFrame#{name} QLabel {{ color: {foreground.name()}; background: transparent; }}"
        )


class PreviewPages:
    """Builds the pages and buttons of `ImportPreviewDialog`."""

    def _build_buttons(self) -> QWidget:
        """Cancel and Import, in the same places from reading to importing."""
        self.buttons = QWidget(self)
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 8, 0, 0)
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.buttons)
        self.cancel_button.setObjectName("import_cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.progress_cancel = self.cancel_button  # the Cancel of the reading and import stages
        self.import_button = QPushButton(self.tr("Import"), self.buttons)
        self.import_button.setObjectName("import_start")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._go_on)
        row.addWidget(self.cancel_button)
        row.addWidget(self.import_button)
        return self.buttons

    def _build_progress_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.addStretch(1)
        self.progress_label = QLabel(page)
        self.progress_label.setObjectName("import_progress_label")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setObjectName("import_progress")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setRange(0, 0)
        column.addWidget(self.progress_label)
        column.addWidget(self.progress_bar)
        column.addStretch(1)
        return page

    def _build_preview_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(10)
        self.summary = QLabel(page)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        stats = QHBoxLayout()
        stats.setSpacing(8)
        self.stats = {
            action: Stat(caption, _HUES[action], page, f"stat_{action.value}")
            for action, caption in (
                (Action.NEW, "new person(s)"),
                (Action.UPDATE, "update(s)"),
                (Action.DUPLICATE, "flagged for review"),
                (Action.INVALID, "invalid card(s)"),
            )
        }
        for stat in self.stats.values():
            stats.addWidget(stat, 1)
        column.addLayout(stats)
        self.refused = QLabel(page)
        self.refused.setObjectName("import_refused")
        self.refused.setTextFormat(Qt.TextFormat.PlainText)  # reasons quote file names
        self.refused.setWordWrap(True)
        column.addWidget(self.refused)
        column.addWidget(self._build_encoding_row(page))
        column.addLayout(self._build_filter_row(page))
        column.addWidget(self._build_table(page), 1)
        self.problems = QPlainTextEdit(page)
        self.problems.setObjectName("import_problems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(90)
        self.problems_toggle = QToolButton(page)
        self.problems_toggle.setObjectName("import_problems_toggle")
        self.problems_toggle.setCheckable(True)
        self.problems_toggle.setAutoRaise(True)
        self.problems_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.problems_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.problems_toggle.toggled.connect(self._toggle_problems)
        column.addWidget(self.problems_toggle)
        column.addWidget(self.problems)
        self.problems.hide()
        self.notice = QLabel(page)
        self.notice.setObjectName("import_notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.hide()
        column.addWidget(self.notice)
        return page

    def _build_table(self, page: QWidget) -> QTableView:
        self.table = QTableView(page)
        self.table.setObjectName("import_table")
        self.table.setModel(self.proxy)
        self.choice_delegate = ChoiceDelegate(self.table)
        self.table.setItemDelegateForColumn(Column.CHOICE, self.choice_delegate)
        # a click or Space opens a choice (the delegate); F2 or typing its first letter too
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        for stretched in (Column.NAME, Column.REASON):
            header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
        header.moveSection(header.visualIndex(Column.FILE), 1)  # which file, then who
        for col, width in WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.table.setColumnHidden(Column.FILE, True)
        return self.table

    def _build_encoding_row(self, page: QWidget) -> QWidget:
        self.encoding_row = QFrame(page)
        self.encoding_row.setObjectName("import_encoding_row")
        background, foreground = theme.hue_colours(_HUES[Action.DUPLICATE], self.palette())
        self.encoding_row.setStyleSheet(
            f"QFrame#import_encoding_row {{ background: {background.name()}; border-radius: 6px; }}"
            f" QFrame#import_encoding_row > QLabel {{ color: {foreground.name()}; }}"
        )
        row = QHBoxLayout(self.encoding_row)
        row.setContentsMargins(12, 6, 12, 6)
        self.encoding_label = QLabel(self.encoding_row)
        self.encoding_label.setObjectName("import_encoding_label")
        self.encoding_label.setTextFormat(Qt.TextFormat.PlainText)  # names the file's encoding
        self.encoding_label.setWordWrap(True)
        self.encoding_combo = QComboBox(self.encoding_row)
        self.encoding_combo.setObjectName("import_encoding")
        for codec, label in ENCODINGS:
            self.encoding_combo.addItem(label, codec)
        self.encoding_combo.activated.connect(self._encoding_chosen)
        row.addWidget(self.encoding_label, 1)
        row.addWidget(self.encoding_combo)
        self.encoding_row.hide()
        return self.encoding_row

    def _build_filter_row(self, page: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.filters = QButtonGroup(page)
        self.filters.setExclusive(True)
        self.filter_buttons: dict[Action | None, QToolButton] = {}
        for action, text in (
            (None, self.tr("All")),
            (Action.NEW, self.tr("New")),
            (Action.UPDATE, self.tr("Updates")),
            (Action.DUPLICATE, self.tr("Flagged")),
            (Action.INVALID, self.tr("Invalid")),
        ):
            button = QToolButton(page)
            button.setObjectName(f"import_filter_{action.value if action else 'all'}")
            button.setText(text)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, a=action: self.proxy.set_action(a))
            self.filters.addButton(button)
            self.filter_buttons[action] = button
            row.addWidget(button)
        self.filter_buttons[None].setChecked(True)
        row.addStretch(1)
        self.flagged_buttons: dict[Decision, QToolButton] = {}
        for decision, text in (
            (Decision.SKIP, self.tr("Skip all flagged")),
            (Decision.KEEP_BOTH, self.tr("Import all flagged")),
        ):
            button = QToolButton(page)
            button.setObjectName(f"import_all_flagged_{decision.value}")
            button.setText(text)
            button.clicked.connect(lambda _=False, d=decision: self.model.set_all_flagged(d))
            self.flagged_buttons[decision] = button
            row.addWidget(button)
        return row

    def _build_report_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 12, 0, 0)
        self.report_label = QLabel(page)
        self.report_label.setObjectName("import_report")
        self.report_label.setTextFormat(Qt.TextFormat.PlainText)  # errors quote the file
        self.report_label.setWordWrap(True)
        self.report_label.setFont(theme.scaled_font(self.report_label, 1.1))
        column.addWidget(self.report_label)
        self.report_problems = QPlainTextEdit(page)
        self.report_problems.setObjectName("import_report_problems")
        self.report_problems.setReadOnly(True)
        column.addWidget(self.report_problems, 100)
        column.addStretch(1)  # with no problems to list, the summary stays at the top
        buttons = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Undo import"), page)
        self.undo_button.setObjectName("import_undo")
        self.undo_button.clicked.connect(self.undo_requested)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.show_button = QPushButton(self.tr("Show imported people"), page)
        self.show_button.setObjectName("import_show")
        self.show_button.clicked.connect(self.show_requested)
        self.close_button = QPushButton(self.tr("Close"), page)
        self.close_button.setObjectName("import_close")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        self.triage_button = QPushButton(page)
        self.triage_button.setObjectName("import_triage")
        self.triage_button.hide()
        self.triage_button.clicked.connect(self.triage_requested)
        buttons.addWidget(self.triage_button)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.close_button)
        column.addLayout(buttons)
        return page
