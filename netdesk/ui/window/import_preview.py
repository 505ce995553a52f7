"""The import preview: what a file holds and what importing it will do, then progress, then a
report with Undo. One non-modal dialog walks through the stages, so the window stays usable and
tests drive it without a modal loop."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.importing import Action, Decision, ImportPlan, ImportReport
from netdesk.io.records import Problem
from netdesk.qt.import_model import ActionFilter, Column, ImportPlanModel, decision_text
from netdesk.ui.widgets import theme

Index = QModelIndex | QPersistentModelIndex

# (codec, what to call it) offered when the reader had to guess an encoding
ENCODINGS = [
    ("utf-8", "Unicode (UTF-8)"),
    ("windows-1252", "Western European (Windows-1252)"),
    ("iso-8859-1", "Western European (ISO-8859-1)"),
    ("iso-8859-15", "Western European (ISO-8859-15)"),
    ("mac_roman", "Western (Mac Roman)"),
    ("windows-1250", "Central European (Windows-1250)"),
    ("windows-1251", "Cyrillic (Windows-1251)"),
    ("koi8-r", "Cyrillic (KOI8-R)"),
    ("windows-1253", "Greek (Windows-1253)"),
    ("windows-1254", "Turkish (Windows-1254)"),
    ("windows-1255", "Hebrew (Windows-1255)"),
    ("windows-1256", "Arabic (Windows-1256)"),
    ("shift_jis", "Japanese (Shift JIS)"),
    ("euc-jp", "Japanese (EUC-JP)"),
    ("gb18030", "Chinese Simplified (GB18030)"),
    ("big5", "Chinese Traditional (Big5)"),
    ("euc-kr", "Korean (EUC-KR)"),
    ("utf-16", "Unicode (UTF-16)"),
]
_HUES = {Action.NEW: 135, Action.UPDATE: 210, Action.DUPLICATE: 36, Action.INVALID: 2}


class Stage(enum.Enum):
    READING = "reading"
    PREVIEW = "preview"
    IMPORTING = "importing"
    REPORT = "report"
    ERROR = "error"


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for a possible duplicate: merge, keep both or skip."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("choice_editor")
        for decision in (Decision.MERGE, Decision.KEEP_BOTH, Decision.SKIP):
            combo.addItem(decision_text(decision), decision.value)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _Stat(QFrame):
    """A count with a caption, tinted by what it counts."""

    def __init__(self, caption: str, hue: int, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.hue = hue
        self._tint(active=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        self.number = QLabel("0", self)
        self.number.setObjectName(f"{name}_number")
        self.number.setFont(theme.scaled_font(self.number, 1.6, QFont.Weight.DemiBold))
        layout.addWidget(self.number)
        layout.addWidget(QLabel(caption, self))

    def set_count(self, count: int) -> None:
        self.number.setText(QLocale().toString(count))  # grouped as the user's locale does
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


class ImportPreviewDialog(QDialog):
    import_requested = Signal(object)  # dict[int, Decision]
    cancel_requested = Signal()
    encoding_requested = Signal(str)
    undo_requested = Signal()
    show_requested = Signal()

    def __init__(self, parent: QWidget | None, source: str) -> None:
        super().__init__(parent)
        self.setObjectName("import_preview")
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(960, 600)
        self.source = source
        self.stage = Stage.READING
        self.plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        self.model = ImportPlanModel(parent=self)
        self.proxy = ActionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.pages = QStackedWidget(self)
        self.progress_page = self._build_progress_page()
        self.preview_page = self._build_preview_page()
        self.report_page = self._build_report_page()
        for page in (self.progress_page, self.preview_page, self.report_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        self.title = QLabel(self)
        self.title.setObjectName("import_title")
        self.title.setFont(theme.scaled_font(self.title, 1.3, QFont.Weight.DemiBold))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        self.show_reading()

    # --- pages --------------------------------------------------------------------------------

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
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.progress_cancel = QPushButton(self.tr("Cancel"), page)
        self.progress_cancel.setObjectName("import_progress_cancel")
        self.progress_cancel.clicked.connect(self.cancel_requested)
        buttons.addWidget(self.progress_cancel)
        column.addLayout(buttons)
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
            Action.NEW: _Stat(self.tr("new people"), _HUES[Action.NEW], page, "stat_new"),
            Action.UPDATE: _Stat(self.tr("updates"), _HUES[Action.UPDATE], page, "stat_update"),
            Action.DUPLICATE: _Stat(
                self.tr("possible duplicates"), _HUES[Action.DUPLICATE], page, "stat_duplicate"
            ),
            Action.INVALID: _Stat(self.tr("invalid"), _HUES[Action.INVALID], page, "stat_invalid"),
        }
        for stat in self.stats.values():
            stats.addWidget(stat, 1)
        column.addLayout(stats)
        column.addWidget(self._build_encoding_row(page))
        column.addLayout(self._build_filter_row(page))
        self.table = QTableView(page)
        self.table.setObjectName("import_table")
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(Column.CHOICE, ChoiceDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
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
        header.setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (Column.CARD, 50),
            (Column.NAME, 230),
            (Column.ACTION, 140),
            (Column.CHOICE, 130),
        ):
            self.table.setColumnWidth(col, width)
        column.addWidget(self.table, 1)
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
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), page)
        self.cancel_button.setObjectName("import_cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.import_button = QPushButton(page)
        self.import_button.setObjectName("import_start")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self._start_import)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        column.addLayout(buttons)
        return page

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
        self.encoding_label.setTextFormat(Qt.TextFormat.PlainText)  # names the file's encoding
        self.encoding_label.setWordWrap(True)
        self.encoding_combo = QComboBox(self.encoding_row)
        self.encoding_combo.setObjectName("import_encoding")
        for codec, label in ENCODINGS:
            self.encoding_combo.addItem(label, codec)
        self.encoding_combo.activated.connect(self._encoding_chosen)
        row.addWidget(self.encoding_label, 1)
        row.addWidget(QLabel(self.tr("Read as:"), self.encoding_row))
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
            (Action.DUPLICATE, self.tr("Possible duplicates")),
            (Action.INVALID, self.tr("Invalid")),
        ):
            button = QToolButton(page)
            button.setObjectName(f"import_filter_{action.value if action else 'all'}")
            button.setText(text)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, a=action: self._filter(a))
            self.filters.addButton(button)
            self.filter_buttons[action] = button
            row.addWidget(button)
        self.filter_buttons[None].setChecked(True)
        row.addStretch(1)
        self.all_label = QLabel(self.tr("All possible duplicates:"), page)
        row.addWidget(self.all_label)
        self.all_buttons: list[QToolButton] = []
        for decision in (Decision.MERGE, Decision.KEEP_BOTH, Decision.SKIP):
            button = QToolButton(page)
            button.setObjectName(f"import_all_{decision.value}")
            button.setText(decision_text(decision))
            button.clicked.connect(lambda _=False, d=decision: self.model.set_all_duplicates(d))
            self.all_buttons.append(button)
            row.addWidget(button)
        return row

    def _filter(self, action: Action | None) -> None:
        self.proxy.set_action(action)
        self._open_choice_editors()  # rows shown again need their boxes again

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
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.close_button)
        column.addLayout(buttons)
        return page

    # --- stages -------------------------------------------------------------------------------

    def show_reading(self) -> None:
        self.stage = Stage.READING
        self.title.setText(self.tr("Reading “%1”…").replace("%1", self.source))
        self.progress_label.setText(self.tr("Looking at the contacts in the file"))
        self.progress_bar.setRange(0, 0)
        self.progress_cancel.setEnabled(True)
        self.pages.setCurrentWidget(self.progress_page)

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    def show_plan(self, plan: ImportPlan, notice: str = "") -> None:
        self.stage = Stage.PREVIEW
        self.plan = plan
        self.model.set_plan(plan)
        self.title.setText(self.tr("Import “%1”").replace("%1", self.source))
        counts = self.counts()
        for action, stat in self.stats.items():
            stat.set_count(counts[action])
        cards = plan.cards
        self.summary.setText(
            self.tr("%Ln card(s) in the file. Check what will happen, then import.", "", cards)
        )
        self._show_encoding(plan.encoding_fallback)
        self._show_problems(plan.problems)
        duplicates = counts[Action.DUPLICATE] > 0
        self.all_label.setVisible(duplicates)
        for button in self.all_buttons:
            button.setVisible(duplicates)
        importable = counts[Action.NEW] + counts[Action.UPDATE] + counts[Action.DUPLICATE]
        self.import_button.setText(
            self.tr("Import %Ln contact(s)", "", importable) if importable else self.tr("Import")
        )
        self.import_button.setEnabled(importable > 0)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self._open_choice_editors()
        self.pages.setCurrentWidget(self.preview_page)
        self.import_button.setFocus()

    def _open_choice_editors(self) -> None:
        """A visible merge / keep both / skip box on every possible duplicate."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, Column.CHOICE)
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.table.openPersistentEditor(index)

    def _show_encoding(self, fallback: str | None) -> None:
        if not fallback:
            self.encoding_row.hide()
            return
        self.encoding_label.setText(
            self.tr(
                "Some text in this file was not UTF-8 and was read as %1. If names look "
                "wrong, choose the right encoding."
            ).replace("%1", fallback)
        )
        index = self.encoding_combo.findData(fallback.lower())
        if index < 0:
            self.encoding_combo.addItem(fallback, fallback)
            index = self.encoding_combo.count() - 1
        self.encoding_combo.setCurrentIndex(index)
        self.encoding_row.show()

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problems.setPlainText("\n".join(describe_problem(p) for p in problems))
        self.problems_toggle.setVisible(bool(problems))
        self.problems_toggle.setText(
            self.tr("%Ln problem(s) found while reading", "", len(problems))
        )
        self.problems_toggle.setChecked(False)

    def _toggle_problems(self, shown: bool) -> None:
        self.problems.setVisible(shown)
        self.problems_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def show_importing(self) -> None:
        self.stage = Stage.IMPORTING
        self.title.setText(self.tr("Importing “%1”…").replace("%1", self.source))
        self.progress_label.setText(self.tr("Adding people to your network"))
        self.progress_bar.setRange(0, max(1, len(self.plan.items) if self.plan else 1))
        self.progress_bar.setValue(0)
        self.progress_cancel.setEnabled(True)
        self.pages.setCurrentWidget(self.progress_page)

    def show_cancelled(self) -> None:
        """After a cancelled import: back to the preview, saying nothing changed."""
        if self.plan is None:
            self.reject()
            return
        decisions = self.model.decisions()
        self.show_plan(self.plan, self.tr("The import was cancelled. Nothing was changed."))
        for index, decision in decisions.items():
            self.model.set_decision(index, decision)

    def show_report(self, report: ImportReport) -> None:
        self.stage = Stage.REPORT
        self.report = report
        self.title.setText(self.tr("Imported “%1”").replace("%1", self.source))
        parts = [
            self.tr("%Ln new person(s) added", "", report.new),
            self.tr("%Ln updated", "", report.updated),
        ]
        left_out = report.duplicates + report.skipped + report.invalid
        if left_out:
            parts.append(self.tr("%Ln left out", "", left_out))
        self.report_label.setText(", ".join(parts) + ".")
        self.report_problems.setPlainText("\n".join(describe_problem(p) for p in report.problems))
        self.report_problems.setVisible(bool(report.problems))
        self.show_button.setEnabled(report.new + report.updated > 0)
        self.undo_button.setEnabled(True)
        self.pages.setCurrentWidget(self.report_page)
        self.close_button.setFocus()

    def show_undone(self, removed: int) -> None:
        self.report_label.setText(
            self.tr(
                "The import was undone: %Ln person(s) removed and changes put back.", "", removed
            )
        )
        self.undo_button.setEnabled(False)
        self.show_button.setEnabled(False)

    def show_error(self, message: str) -> None:
        self.stage = Stage.ERROR
        self.title.setText(self.tr("“%1” cannot be imported").replace("%1", self.source))
        self.report_label.setText(message)
        self.report_problems.hide()
        self.undo_button.hide()
        self.show_button.hide()
        self.pages.setCurrentWidget(self.report_page)

    def set_undo_available(self, available: bool) -> None:
        self.undo_button.setEnabled(available and self.stage is Stage.REPORT)

    # --- helpers ------------------------------------------------------------------------------

    def counts(self) -> dict[Action, int]:
        counts = dict.fromkeys(Action, 0)
        if self.plan is not None:
            for action in Action:
                counts[action] = self.plan.count(action)
            counts[Action.INVALID] += self.plan.unreadable
        return counts

    def _start_import(self) -> None:
        self.import_requested.emit(self.model.decisions())

    def _encoding_chosen(self, _index: int) -> None:
        codec = self.encoding_combo.currentData()
        if self.plan is not None and codec != (self.plan.encoding_fallback or "").lower():
            self.encoding_requested.emit(codec)

    def reject(self) -> None:
        if self.stage in (Stage.IMPORTING, Stage.READING):
            self.cancel_requested.emit()  # the flow closes us (reading) or goes back (importing)
            if self.stage is Stage.IMPORTING:
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.stage is Stage.IMPORTING:
            self.cancel_requested.emit()
            event.ignore()
            return
        super().closeEvent(event)


def describe_problem(problem: Problem) -> str:
    where = []
    if problem.file:
        where.append(problem.file)
    if problem.card:
        where.append(f"card {problem.card}")
    if problem.line:
        where.append(f"line {problem.line}")
    prefix = ", ".join(where)
    return f"{prefix}: {problem.message}" if prefix else problem.message
