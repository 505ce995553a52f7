"""The import preview: what a file holds and what importing it will do, then progress, then a
report with Undo. One non-modal dialog walks through the stages (reading, mapping a CSV's
columns, the preview, importing, the report), so the window stays usable and tests drive it
without a modal loop. Its pages are built in `import_preview_pages`; this module moves between
them and keeps the plan, the counts and the dialog's size.

Cancel and Import sit in one row below every stage, always in the same places, and Import is
enabled only on the event-loop turn after the plan is shown and laid out: a click meant for
Cancel can never land on Import because the page changed under it.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.importing import (
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
from netdesk.ui.window.import_preview_pages import WIDTHS, PreviewPages

SHOWN_ROWS = 14  # rows of the table the dialog makes room for before it scrolls
SCREEN_SHARE = 0.9  # the dialog never grows past this share of the screen


class Stage(enum.Enum):
    READING = "reading"
    MAPPING = "mapping"
    PREVIEW = "preview"
    IMPORTING = "importing"
    REPORT = "report"
    ERROR = "error"


class ImportPreviewDialog(PreviewPages, QDialog):
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
