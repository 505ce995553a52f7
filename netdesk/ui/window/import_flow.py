"""From dropped files (or dragged vCard data, or File > Import) to imported people.

read + plan in a worker -> (a CSV of unknown layout: its column map, then read again) -> the
preview dialog -> apply in a worker with progress and Cancel ->
a report with Undo. Each worker has its own database connection; a cancelled import raises
inside `core.importing.apply`, whose transaction rolls back, so the store is as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from netdesk.core import importing
from netdesk.core.errors import CoreError
from netdesk.core.importing import (
    ColumnMap,
    CsvLayout,
    Decision,
    ImportCancelled,
    ImportPlan,
    ImportReport,
)
from netdesk.db.errors import StoreError
from netdesk.qt.commands import ImportCommand
from netdesk.qt.workers import Cancelled, Progress, Workers
from netdesk.ui.dialogs import column_mapping
from netdesk.ui.window.import_preview import ImportPreviewDialog, Stage

log = logging.getLogger(__name__)


class _Source:
    """What is being imported: files on disk, or bytes dragged from another app."""

    def __init__(self, paths: list[Path] | None = None, data: bytes = b"", name: str = "") -> None:
        self.paths = paths or []
        self.data = data
        self.name = name or (
            self.paths[0].name if len(self.paths) == 1 else f"{len(self.paths)} files"
        )

    def plan(
        self, encoding: str | None, columns: dict[str, ColumnMap], progress: Progress
    ) -> ImportPlan:
        """Read and plan (in a worker thread). Several files become one plan, one import and one
        Undo; a refused file is listed in the plan, not fatal to the others. `columns`: the
        column maps the person chose, by CSV file name."""
        cancel = lambda: progress.cancelled  # noqa: E731 - a tiny callback
        if self.data:
            return importing.plan_bytes(
                self.data,
                self.name,
                encoding=encoding,
                columns=columns,
                progress=progress,
                cancel=cancel,
            )
        return importing.plan_together(
            self.paths, encoding=encoding, columns=columns, progress=progress, cancel=cancel
        )


class ImportFlow(QObject):
    """Runs one import from reading to report; the window keeps it while it is open."""

    finished = Signal()
    imported = Signal(int)  # batch id
    show_batch = Signal(int)  # the user wants to see the imported people

    def __init__(
        self,
        parent: QWidget,
        workers: Workers,
        undo_stack: QUndoStack,
        *,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.workers = workers
        self.undo_stack = undo_stack
        self.on_error = on_error
        self.source: _Source | None = None
        self.dialog: ImportPreviewDialog | None = None
        self.task = None
        self.command: ImportCommand | None = None
        self.undone_shown = False  # the report says the import was undone
        self.encoding: str | None = None
        self.columns: dict[str, ColumnMap] = {}  # the person's map per CSV file name
        self.unsorted: list[int] = []  # the people the import added in no circle
        self._triage_report: ImportReport | None = None  # the report that offered them
        self.proposed_changes = 0  # job and email changes the import left for review

    # --- starting -----------------------------------------------------------------------------

    def open_paths(self, paths: list[Path]) -> None:
        self._begin(_Source(paths=[Path(p) for p in paths]))

    def open_data(self, data: bytes, name: str = "") -> None:
        self._begin(_Source(data=data, name=name or self.tr("dragged contacts")))

    def _begin(self, source: _Source) -> None:
        self.source = source
        self.dialog = ImportPreviewDialog(self.window, source.name)
        self.dialog.import_requested.connect(self._apply)
        self.dialog.cancel_requested.connect(self._cancel)
        self.dialog.encoding_requested.connect(self._reread)
        self.dialog.columns_chosen.connect(self._columns_chosen)
        self.dialog.undo_requested.connect(self._undo)
        self.dialog.show_requested.connect(self._show_imported)
        self.dialog.triage_requested.connect(self._triage)
        self.dialog.finished.connect(self._closed)
        self.undo_stack.indexChanged.connect(self._stack_changed)
        self.dialog.show()
        self._read()

    # --- reading ------------------------------------------------------------------------------

    def _read(self) -> None:
        assert self.source is not None and self.dialog is not None
        source, encoding, columns = self.source, self.encoding, dict(self.columns)
        self.dialog.show_reading()
        self.task = self.workers.start(
            lambda progress: source.plan(encoding, columns, progress),
            on_done=self._planned,
            on_error=self._read_failed,
            on_progress=self.dialog.set_progress,
        )

    def _reread(self, encoding: str) -> None:
        self.encoding = encoding
        self._read()

    def _planned(self, plan: ImportPlan) -> None:
        self.task = None
        if self.dialog is None or self.dialog.stage is not Stage.READING:
            return
        unmapped = [layout for layout in plan.layouts if layout.file not in self.columns]
        if unmapped:
            self.dialog.show_mapping(unmapped[0], _first_columns(unmapped[0]))
        else:
            self.dialog.show_plan(plan)

    def _columns_chosen(self, file: str, columns: ColumnMap) -> None:
        """Read again with the person's map, and offer it next time for the same header."""
        assert self.dialog is not None
        shown = self.dialog.mapping_page.layout_shown
        if shown is not None and shown.has_header:
            column_mapping.remember(shown.header, columns)
        self.columns[file] = columns
        self._read()

    def _read_failed(self, exc: BaseException) -> None:
        self.task = None
        if self.dialog is None:
            return
        if isinstance(exc, (ImportCancelled, Cancelled)):
            self.dialog.done(0)
            return
        self.dialog.show_error(_describe(exc, self.tr("The file could not be read")))

    # --- applying -----------------------------------------------------------------------------

    def _apply(self, decisions: dict[int, Decision]) -> None:
        assert self.dialog is not None and self.dialog.plan is not None
        plan = self.dialog.plan
        self.dialog.show_importing()

        def work(progress: Progress) -> ImportReport:
            return importing.apply(
                plan, decisions=decisions, progress=progress, cancel=lambda: progress.cancelled
            )

        self.task = self.workers.start(
            work,
            on_done=lambda report: self._applied(report, plan, decisions),
            on_error=self._apply_failed,
            on_progress=self.dialog.set_progress,
        )

    def _applied(self, report: ImportReport, plan: ImportPlan, decisions: dict) -> None:
        self.task = None
        if report.batch_id is not None:

            def reapply() -> int:
                again = importing.apply(plan, decisions=decisions)
                return int(again.batch_id or 0)

            text = self.tr("Import %1").replace("%1", plan.source_name)
            window, stack = self.window, self.undo_stack  # the command outlives this flow
            self.command = ImportCommand(
                text,
                report.batch_id,
                reapply,
                self.on_error,
                confirm=lambda reason: confirm_undo(window, reason),
                restack=stack.redo,
            )
            self.undo_stack.push(self.command)
            self.imported.emit(report.batch_id)
            self.proposed_changes = report.proposed_changes
        if self.dialog is not None:
            self.dialog.show_report(report)
            self._offer_triage(report)

    def _apply_failed(self, exc: BaseException) -> None:
        self.task = None
        if self.dialog is None:
            return
        if isinstance(exc, ImportCancelled):
            self.dialog.show_cancelled()
            return
        message = _describe(exc, self.tr("The import failed; nothing was changed"))
        if self.dialog.plan is not None:
            self.dialog.show_plan(self.dialog.plan, message)
        else:
            self.dialog.show_error(message)

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # --- after --------------------------------------------------------------------------------

    def _undo(self) -> None:
        if self.command is None or not self._on_top():
            return
        self.undo_stack.undo()

    def _position(self) -> int:
        for number in range(self.undo_stack.count()):
            if self.undo_stack.command(number) is self.command:
                return number
        return -1

    def _on_top(self) -> bool:
        position = self._position()
        return position >= 0 and position == self.undo_stack.index() - 1

    def _stack_changed(self, _index: int) -> None:
        if self.dialog is None or self.command is None or self.dialog.stage is not Stage.REPORT:
            return
        position = self._position()
        if position < 0 or position >= self.undo_stack.index():
            self.dialog.show_undone(self._removed_count())
            self.undone_shown = True
        elif self.undone_shown and self.dialog.report is not None:
            self.dialog.show_report(self.dialog.report)  # redone, or the user declined the undo
            self.undone_shown = False
        else:
            self.dialog.set_undo_available(self._on_top())

    def _removed_count(self) -> int:
        report = self.dialog.report if self.dialog else None
        return report.new if report else 0

    def _show_imported(self) -> None:
        if self.command is not None:
            self.show_batch.emit(self.command.batch_id)
        if self.dialog is not None:
            self.dialog.accept()

    def _offer_triage(self, report: ImportReport) -> None:
        """The people this import added in no circle, offered for sorting."""
        from netdesk.core import circle_triage

        batch = report.batch_id
        self.unsorted = circle_triage.unsorted(batch) if batch is not None and report.new else []
        if self.dialog is not None:
            self.dialog.offer_triage(len(self.unsorted))
        self._triage_report = report

    def _triage(self) -> None:
        from netdesk.ui.dialogs import circle_triage_dialog

        dialog = circle_triage_dialog.open_triage(self.window, self.workers, self.unsorted)
        # those sorted meanwhile are not offered again (the offer kept them all, sorted or not)
        dialog.finished.connect(self._triage_closed)

    def _triage_closed(self, _result: int) -> None:
        if self._triage_report is not None:
            self._offer_triage(self._triage_report)

    def _closed(self, _result: int) -> None:
        if self.task is not None:
            self.task.cancel()
        self.undo_stack.indexChanged.disconnect(self._stack_changed)
        if self.dialog is not None:
            self.dialog.deleteLater()
        if self.proposed_changes and not self.undone_shown:
            self._review_changes()
        self.dialog = None
        self.finished.emit()

    def _review_changes(self) -> None:
        """Who moved on: the known people whose job or email the file says changed."""
        from netdesk.ui.dialogs import job_changes_dialog

        job_changes_dialog.show_review(
            self.window, self.workers, self.undo_stack, on_error=self.on_error
        )


def _first_columns(layout: CsvLayout) -> ColumnMap:
    """The map the step opens with: the person's last one for this header, else the guess."""
    if layout.has_header:
        return column_mapping.remembered(layout.header) or layout.columns
    return layout.columns


def confirm_undo(parent: QWidget, reason: str, title: str = "") -> bool:
    """Ask before an undo of an import (or of what `title` names) deletes work added since;
    `reason` says what."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or parent.tr("Undo import"),
        reason,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # names come from people and files
    box.setInformativeText(parent.tr("Undo anyway? A backup is made first."))
    undo = box.addButton(parent.tr("Undo Anyway"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is undo


def _describe(exc: BaseException, fallback: str) -> str:
    if isinstance(exc, (CoreError, StoreError)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{fallback}: {exc.strerror or exc}."
    log.error("import failed: %r", exc)
    return f"{fallback}: {exc}." if fallback else str(exc)
