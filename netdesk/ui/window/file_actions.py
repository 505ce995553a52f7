"""What the window does with files: import (chosen, dropped or handed over by a second start),
export, and back up now. Reading, writing and copying run on the window's workers.

The window owns one (`window.file_actions`) and lends it what it needs (`host.Host`). Each import
is an `ImportFlow` (its preview, its progress and its undo), kept in `imports` while it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from netdesk.core.calendar_import import CalendarReport
    from netdesk.qt.workers import Progress, Task
    from netdesk.ui.window.host import Host
    from netdesk.ui.window.import_flow import ImportFlow

CALENDAR = "ics"  # the export of upcoming reminders, beside the contact formats
_SUFFIXES = {"vcard": ".vcf", "vcard3": ".vcf", "csv": ".csv", CALENDAR: ".ics"}


def _with_suffix(path: Path, fmt: str) -> Path:
    """The chosen file with the suffix its format wants (the save dialog keeps a typed name
    as it is when another file type is picked)."""
    suffix = _SUFFIXES[str(fmt)]
    if path.suffix.lower() in (".vcf", ".vcard", ".csv", ".ics", ""):
        return path.with_suffix(suffix)
    return path


class FileActions(QObject):
    """Handlers for the File menu, for drops, and for files another start hands over."""

    def __init__(self, host: Host, db_path: Path, show_batch: Callable[[int], None]) -> None:
        """`show_batch(batch_id)` lists the people an import brought in."""
        super().__init__(host.widget)
        self.host = host
        self.db_path = db_path
        self._show_batch = show_batch
        self.imports: list[ImportFlow] = []

    # --- import -------------------------------------------------------------------------------

    def accepts_mime(self, mime: QMimeData) -> bool:
        from netdesk.ui.window.drop import VCARD_MIME_TYPES, importable  # first drag only

        if mime.hasUrls():
            return any(importable(url) for url in mime.urls())
        return any(mime.hasFormat(kind) for kind in VCARD_MIME_TYPES)

    def import_mime(self, mime: QMimeData) -> bool:
        """Start importing what was dropped: contact files, or vCard data from another app."""
        from netdesk.ui.window.drop import VCARD_MIME_TYPES, importable

        if mime.hasUrls():
            paths = [Path(url.toLocalFile()) for url in mime.urls() if importable(url)]
            if paths:
                self.open_files(paths)
                return True
        for kind in VCARD_MIME_TYPES:
            if mime.hasFormat(kind):
                self.import_data(bytes(mime.data(kind).data()), self.tr("dropped contacts"))
                return True
        return False

    def open_files(self, paths: list[Path]) -> None:
        """Import files given to the window: contacts in one preview, each calendar in its own
        dialog."""
        from netdesk.core.calendar_import import is_calendar

        for path in filter(is_calendar, paths):
            self.import_calendar(path)
        contacts = [path for path in paths if not is_calendar(path)]
        if contacts:
            self.import_paths(contacts)

    def import_paths(self, paths: list[Path]) -> ImportFlow:
        flow = self._new_flow()
        flow.open_paths(paths)
        return flow

    def import_data(self, data: bytes, name: str) -> ImportFlow:
        flow = self._new_flow()
        flow.open_data(data, name)
        return flow

    def _new_flow(self) -> ImportFlow:
        from netdesk.ui.window.import_flow import ImportFlow

        host = self.host
        flow = ImportFlow(host.widget, host.workers, host.undo_stack, on_error=host.report_error)
        flow.finished.connect(lambda: self.imports.remove(flow) if flow in self.imports else None)
        flow.show_batch.connect(self._show_batch)
        self.imports.append(flow)
        return flow

    def choose_import_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(
            self.host.widget,
            self.tr("Import contacts"),
            str(Path.home()),
            self.tr("Contacts (*.vcf *.vcard *.csv);;All files (*)"),
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_calendar_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.host.widget,
            self.tr("Import calendar"),
            str(Path.home()),
            self.tr("Calendars (*.ics);;All files (*)"),
        )
        if path:
            self.import_calendar(Path(path))

    def import_calendar(self, path: Path) -> QWidget:
        """The calendar import dialog for `path` (not blocking); the status bar tells the result."""
        from PySide6.QtCore import Qt

        from netdesk.ui.dialogs import calendar_import_dialog

        host = self.host
        dialog = calendar_import_dialog.CalendarImportDialog(host.widget, host.workers, path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(
            lambda report: host.show_message(calendar_import_dialog.summary(report))
        )
        dialog.imported.connect(lambda report: self._undoable_calendar(dialog, report))
        dialog.show()
        return dialog

    def _undoable_calendar(self, dialog: QWidget, report: CalendarReport) -> None:
        """Put a calendar import on the undo stack (redo imports the same plan again)."""
        from netdesk.core import calendar_import
        from netdesk.qt import plain
        from netdesk.qt.commands import ImportCommand
        from netdesk.ui.window import import_flow

        plan, create = dialog.plan, dialog.chosen()  # type: ignore[attr-defined]
        if report.batch_id is None or plan is None:
            return  # nothing was written

        def reapply() -> int:
            return int(calendar_import.apply(plan, create=create).batch_id or 0)

        widget, stack = self.host.widget, self.host.undo_stack
        text = self.tr("Import calendar %1").replace("%1", plain.clip(Path(plan.file).name))
        command = ImportCommand(
            text,
            report.batch_id,
            reapply,
            self.host.report_error,
            confirm=lambda reason: import_flow.confirm_undo(widget, reason),
            restack=stack.redo,
        )
        stack.push(command)

    # --- export -------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from netdesk.core.exporting import ExportFormat

        filters = {
            self.tr("vCard 4.0 (*.vcf)"): ExportFormat.VCARD,
            self.tr("vCard 3.0, for older apps (*.vcf)"): ExportFormat.VCARD3,
            self.tr("CSV spreadsheet (*.csv)"): ExportFormat.CSV,
            self.tr("Calendar of upcoming reminders, next 90 days (*.ics)"): CALENDAR,
        }
        path, chosen = QFileDialog.getSaveFileName(
            self.host.widget,
            self.tr("Export contacts"),
            str(Path.home() / "netdesk.vcf"),
            ";;".join(filters),
        )
        if path:
            ids = self.host.selected_people()
            fmt = filters.get(chosen, ExportFormat.VCARD)
            self.export_to(_with_suffix(Path(path), fmt), fmt, ids if len(ids) > 1 else None)

    def export_to(self, path: Path, fmt: str, person_ids: list[int] | None = None) -> Task:
        """Write people (or, for CALENDAR, the upcoming reminders) to `path` in a worker;
        returns the task."""
        from netdesk.core import calendar_export, exporting

        self.host.show_message(self.tr("Exporting…"))

        def work(progress: Progress) -> int:
            if fmt == CALENDAR:
                return calendar_export.export(path)
            return exporting.export(path, fmt, person_ids, progress=progress)

        def done(count: int) -> None:
            if fmt == CALENDAR:
                text = self.tr("Exported %Ln reminder(s) to %1", "", count)
            else:
                text = self.tr("Exported %Ln person(s) to %1", "", count)
            self.host.show_message(text.replace("%1", path.name))

        return self.host.workers.start(
            work,
            on_done=done,
            on_error=lambda exc: self.host.report_error(
                self.tr("The export failed: %1").replace("%1", str(exc))
            ),
        )

    # --- back up ------------------------------------------------------------------------------

    def back_up_now(self) -> Task:
        from netdesk.qt.workers import backup_database

        self.host.show_message(self.tr("Backing up…"))
        db_path = self.db_path
        return self.host.workers.start(
            lambda _p: backup_database(db_path),
            on_done=lambda copy: self.host.show_message(
                self.tr("Backed up to %1").replace("%1", str(copy))
            ),
            on_error=lambda exc: self.host.report_error(str(exc)),
        )


class DropFilter(QObject):
    """Lets contact files dropped on child widgets that accept text (the search field) reach the
    import instead of being pasted as text."""

    def __init__(self, actions: FileActions) -> None:
        super().__init__(actions)
        self.actions = actions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            mime = event.mimeData()  # type: ignore[attr-defined]
            if self.actions.accepts_mime(mime):
                if kind == QEvent.Type.Drop:
                    self.actions.import_mime(mime)
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        return False
