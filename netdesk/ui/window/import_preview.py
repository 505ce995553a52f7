"""The import preview: what a file holds and what importing it will do, then progress, then a
report with Undo. One non-modal dialog walks through the stages (reading, mapping a CSV's
columns, the preview, importing, the report), so the window stays usable and tests drive it
without a modal loop.

Cancel and Import sit in one row below every stage, always in the same places, and Import is
enabled only on the event-loop turn after the plan is shown and laid out: a click meant for
Cancel can never land on Import because the page changed under it.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication
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
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.importing import (
    ENCODINGS,
    Action,
    ColumnMap,
    CsvLayout,
    Decision,
    ImportPlan,
    ImportReport,
    encoding_label,
)
from netdesk.io.records import Problem
from netdesk.qt.import_model import ActionFilter, Column, ImportPlanModel
from netdesk.ui.dialogs.column_mapping import ColumnMapping
from netdesk.ui.widgets import theme
from netdesk.ui.window.import_choices import ChoiceDelegate

_HUES = {Action.NEW: 135, Action.UPDATE: 210, Action.DUPLICATE: 36, Action.INVALID: 2}
SHOWN_ROWS = 14  # rows of the table the dialog makes room for before it scrolls
# the width each column asks for; Name and Why share what the dialog has beyond the others
WIDTHS = {
    Column.CARD: 50,
    Column.FILE: 140,
    Column.NAME: 220,
    Column.ACTION: 130,
    Column.REASON: 340,
    Column.CHOICE: 180,
}
SCREEN_SHARE = 0.9  # the dialog never grows past this share of the screen


class Stage(enum.Enum):
    READING = "reading"
    MAPPING = "mapping"
    PREVIEW = "preview"
    IMPORTING = "importing"
    REPORT = "report"
    ERROR = "error"


class _Stat(QFrame):
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


class ImportPreviewDialog(QDialog):
    import_requested = Signal(object)  # dict[int, Decision]
    cancel_requested = Signal()
    encoding_requested = Signal(str)
    columns_chosen = Signal(str, object)  # file name, ColumnMap
    undo_requested = Signal()
    show_requested = Signal()
    triage_requested = Signal()  # sort the people it left in no circle

    def __init__(self, parent: QWidget | None, source: str) -> None:
        super().__init__(parent)
        self.setObjectName("import_preview")
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.source = source
        self.stage = Stage.READING
        self.plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        self.chosen_encoding: str | None = None  # picked by the person: the plan guesses none
        self._shown_plan = 0  # which show_plan a pending "settled" belongs to
        self.model = ImportPlanModel(parent=self)
        self.proxy = ActionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.model.dataChanged.connect(self._choices_changed)
        self.pages = QStackedWidget(self)
        self.progress_page = self._build_progress_page()
        self.mapping_page = ColumnMapping(self)
        self.mapping_page.changed.connect(self._mapping_changed)
        self.preview_page = self._build_preview_page()
        self.report_page = self._build_report_page()
        for page in (self.progress_page, self.mapping_page, self.preview_page, self.report_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        self.title = QLabel(self)
        self.title.setObjectName("import_title")
        self.title.setFont(theme.scaled_font(self.title, 1.3, QFont.Weight.DemiBold))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)  # several files' names must not widen the dialog
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self._build_buttons())
        self.show_reading()
        self.resize(self.sizeHint().expandedTo(QSize(520, 0)))

    # --- pages --------------------------------------------------------------------------------

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
            action: _Stat(caption, _HUES[action], page, f"stat_{action.value}")
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

    # --- stages -------------------------------------------------------------------------------

    def _hold_import(self, text: str) -> None:
        """Import is shown but not usable (reading, importing, a plan not yet settled)."""
        self._shown_plan += 1  # a pending "settled" of an earlier plan no longer applies
        self.buttons.show()
        self.import_button.setEnabled(False)
        self.import_button.setText(text)
        self.cancel_button.setEnabled(True)

    def show_reading(self) -> None:
        self.stage = Stage.READING
        self._hold_import(self.import_button.text())
        self.title.setText(self.tr("Reading “%1”…").replace("%1", self.source))
        self.progress_label.setText(self.tr("Looking at the contacts in the file"))
        self.progress_bar.setRange(0, 0)
        self.pages.setCurrentWidget(self.progress_page)

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    def show_mapping(self, layout: CsvLayout, columns: ColumnMap) -> None:
        """A CSV of unknown layout: the person says what its columns hold, then it is read."""
        self.stage = Stage.MAPPING
        self._hold_import(self.tr("Continue"))
        self.title.setText(self.tr("Columns of “%1”").replace("%1", layout.file))
        self.mapping_page.show_layout(layout, columns)
        self.pages.setCurrentWidget(self.mapping_page)
        table = self.mapping_page.table
        columns_width = sum(table.columnWidth(i) for i in range(table.columnCount()))
        rows_height = sum(table.rowHeight(i) for i in range(table.rowCount()))
        self._fit(table, QSize(columns_width, rows_height + table.horizontalHeader().height()))
        self.import_button.setEnabled(self.mapping_page.acceptable())

    def _mapping_changed(self) -> None:
        if self.stage is Stage.MAPPING:
            self.import_button.setEnabled(self.mapping_page.acceptable())

    def show_plan(self, plan: ImportPlan, notice: str = "") -> None:
        """The plan in the table; Import becomes usable once this layout has settled."""
        self.plan = plan
        self.model.set_plan(plan)
        self._hold_import(self._import_text())
        self.title.setText(self.tr("Import “%1”").replace("%1", self.source))
        counts = self.counts()
        for action, stat in self.stats.items():
            stat.set_count(counts[action])
        self.summary.setText(
            self.tr("%Ln card(s) read. Check what will happen, then import.", "", plan.cards)
        )
        self._show_refused(plan)
        self._show_encoding(plan.encoding_fallback or self.chosen_encoding)
        self._show_problems(plan.problems)
        for button in self.flagged_buttons.values():
            button.setVisible(counts[Action.DUPLICATE] > 0)
        self.table.setColumnHidden(Column.FILE, not plan.files)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.pages.setCurrentWidget(self.preview_page)
        self._fit(self.table, self._table_size())
        self.layout().activate()
        shown = self._shown_plan
        QTimer.singleShot(0, self, lambda: self._settled(shown))

    def _settled(self, shown: int) -> None:
        """The turn after show_plan: the page is laid out where the person sees it."""
        if shown != self._shown_plan:
            return  # another stage came first
        self.stage = Stage.PREVIEW
        self._choices_changed()  # decisions put back after a cancel count too
        self.import_button.setFocus()

    def _importable(self) -> int:
        """Cards the import will write, after the person's skips."""
        if self.plan is None:
            return 0
        counts = self.counts()
        skipped = sum(1 for d in self.model.decisions().values() if d is Decision.SKIP)
        return counts[Action.NEW] + counts[Action.UPDATE] + counts[Action.DUPLICATE] - skipped

    def _import_text(self) -> str:
        importable = self._importable()
        return self.tr("Import %Ln contact(s)", "", importable) if importable else self.tr("Import")

    def _choices_changed(self) -> None:
        if self.stage is Stage.PREVIEW:
            self.import_button.setText(self._import_text())
            self.import_button.setEnabled(self._importable() > 0)

    def _show_refused(self, plan: ImportPlan) -> None:
        lines = [
            self.tr("Left out: %1").replace("%1", refusal.reason) for refusal in plan.refused
        ]
        self.refused.setText("\n".join(lines))
        self.refused.setVisible(bool(lines))

    def _show_encoding(self, codec: str | None) -> None:
        if not codec:
            self.encoding_row.hide()
            return
        self.encoding_label.setText(
            self.tr("Read as %1. If names look wrong, choose the file's encoding:").replace(
                "%1", encoding_label(codec)
            )
        )
        index = self.encoding_combo.findData(codec)
        if index < 0:
            self.encoding_combo.addItem(encoding_label(codec), codec)
            index = self.encoding_combo.count() - 1
        self.encoding_combo.setCurrentIndex(index)
        self.encoding_row.show()

    def _show_problems(self, problems: list[Problem]) -> None:
        text = "\n".join(describe_problem(p, self.plan.source_name if self.plan else "")
                         for p in problems)
        self.problems.setPlainText(text)
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
        self._hold_import(self.import_button.text())
        self.title.setText(self.tr("Importing “%1”…").replace("%1", self.source))
        self.progress_label.setText(self.tr("Adding people to your network"))
        self.progress_bar.setRange(0, max(1, len(self.plan.items) if self.plan else 1))
        self.progress_bar.setValue(0)
        self.pages.setCurrentWidget(self.progress_page)

    def show_cancelled(self) -> None:
        """After a cancelled import: back to the preview, saying nothing changed."""
        if self.plan is None:
            self.reject()
            return
        decisions = self.model.decisions()
        self.show_plan(self.plan, self.tr("The import was cancelled. Nothing was changed."))
        self.model.set_decisions(decisions)

    def show_report(self, report: ImportReport) -> None:
        self.stage = Stage.REPORT
        self.report = report
        self._shown_plan += 1
        self.buttons.hide()
        self.title.setText(self.tr("Imported “%1”").replace("%1", self.source))
        parts = [
            self.tr("%Ln new person(s) added", "", report.new),
            self.tr("%Ln updated", "", report.updated),
        ]
        left_out = report.duplicates + report.skipped + report.invalid
        if left_out:
            parts.append(self.tr("%Ln left out", "", left_out))
        self.report_label.setText(", ".join(parts) + ".")
        source = self.plan.source_name if self.plan else ""
        self.report_problems.setPlainText(
            "\n".join(describe_problem(p, source) for p in report.problems)
        )
        self.report_problems.setVisible(bool(report.problems))
        self.show_button.setEnabled(report.new + report.updated > 0)
        self.undo_button.setEnabled(True)
        self.pages.setCurrentWidget(self.report_page)
        self.close_button.setFocus()

    def offer_triage(self, unsorted: int) -> None:
        """Offer to sort the people the import left in no circle (none: no offer)."""
        self.triage_button.setText(self.tr("Sort %n into circles…", "", unsorted))
        self.triage_button.setVisible(unsorted > 0)

    def show_undone(self, removed: int) -> None:
        self.triage_button.hide()
        self.report_label.setText(
            self.tr(
                "The import was undone: %Ln person(s) removed and changes put back.", "", removed
            )
        )
        self.undo_button.setEnabled(False)
        self.show_button.setEnabled(False)

    def show_error(self, message: str) -> None:
        self.stage = Stage.ERROR
        self._shown_plan += 1
        self.buttons.hide()
        self.title.setText(self.tr("“%1” cannot be imported").replace("%1", self.source))
        self.report_label.setText(message)
        self.report_problems.hide()
        self.undo_button.hide()
        self.show_button.hide()
        self.triage_button.hide()
        self.pages.setCurrentWidget(self.report_page)

    def set_undo_available(self, available: bool) -> None:
        self.undo_button.setEnabled(available and self.stage is Stage.REPORT)

    # --- size ---------------------------------------------------------------------------------

    def _table_size(self) -> QSize:
        """Room for the visible columns and up to SHOWN_ROWS rows."""
        header = self.table.horizontalHeader()
        width = sum(WIDTHS[c] for c in Column if not self.table.isColumnHidden(c))
        rows = min(self.proxy.rowCount(), SHOWN_ROWS)
        row_height = self.table.verticalHeader().defaultSectionSize()
        height = header.sizeHint().height() + rows * row_height
        scroll = self.table.verticalScrollBar().sizeHint().width()
        return QSize(width + scroll, height)

    def _fit(self, table: QAbstractItemView, wanted: QSize) -> None:
        """Grow so `table` shows `wanted` (its content), within the screen; never shrink."""
        frame = 2 * table.frameWidth()
        size = self.sizeHint() - table.sizeHint() + wanted + QSize(frame, frame)
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry().size() * SCREEN_SHARE
        self.resize(size.expandedTo(self.size()).boundedTo(area))

    # --- helpers ------------------------------------------------------------------------------

    def counts(self) -> dict[Action, int]:
        counts = dict.fromkeys(Action, 0)
        if self.plan is not None:
            for action in Action:
                counts[action] = self.plan.count(action)
            counts[Action.INVALID] += self.plan.unreadable
        return counts

    def _go_on(self) -> None:
        if self.stage is Stage.MAPPING and self.mapping_page.layout_shown is not None:
            self.columns_chosen.emit(
                self.mapping_page.layout_shown.file, self.mapping_page.columns()
            )
        elif self.stage is Stage.PREVIEW:
            self.import_requested.emit(self.model.decisions())

    def _encoding_chosen(self, _index: int) -> None:
        codec = self.encoding_combo.currentData()
        shown = self.chosen_encoding or (self.plan.encoding_fallback if self.plan else None)
        if self.plan is not None and codec != shown:
            self.chosen_encoding = codec
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


def describe_problem(problem: Problem, file: str = "") -> str:
    """A problem line that names its file (the problem's own, else the one being imported)."""
    where = []
    name = problem.file or file
    if name:
        where.append(Path(name).name)
    if problem.card:
        where.append(f"card {problem.card}")
    if problem.line:
        where.append(f"line {problem.line}")
    prefix = ", ".join(where)
    return f"{prefix}: {problem.message}" if prefix else problem.message
