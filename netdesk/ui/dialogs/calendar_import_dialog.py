"""File > Import calendar…: a calendar file's meetings become events, with the people who were
there.

The file is read and matched on the window's workers (`core.calendar_import`); the dialog lists
each meeting with its attendees, and every attendee nobody stored matches gets a check box,
unticked: a person is created only when the user ticks it. Import writes on a worker too.
Names and addresses are shown as plain text.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import calendar_import
from netdesk.core.calendar_import import CalendarPlan, CalendarReport, PlannedMeeting
from netdesk.qt import plain
from netdesk.qt.i18n import translator
from netdesk.qt.workers import Workers

log = logging.getLogger(__name__)
tr = translator("CalendarImportDialog")


def summary(report: CalendarReport) -> str:
    """One line for the status bar once the import is done."""
    return (
        tr("Imported %Ln new meeting(s)", report.events_created)
        + tr(", %Ln new person(s)", report.people_created)
        + tr(" from %1").replace("%1", Path(report.file).name)
    )


class CalendarImportDialog(QDialog):
    imported = Signal(object)  # the CalendarReport, once written

    def __init__(self, parent: QWidget | None, workers: Workers, path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import calendar"))
        self.resize(640, 560)
        self.workers = workers
        self.plan: CalendarPlan | None = None
        self.report: CalendarReport | None = None
        self.checks: dict[str, QCheckBox] = {}  # attendee key -> its box
        self.summary = QLabel(self.tr("Reading %1…").replace("%1", path.name))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.meetings = QTreeWidget()
        self.meetings.setHeaderLabels([self.tr("Date"), self.tr("Meeting"), self.tr("People")])
        self.meetings.setRootIsDecorated(False)
        self.people = QGroupBox(self.tr("Not in netdesk yet: tick whom to add as new people"))
        self.people_layout = QVBoxLayout(self.people)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.people)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.meetings, 2)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        workers.start(
            lambda _progress: calendar_import.plan_file(path),
            on_done=self.show_plan,
            on_error=self._failed,
        )

    def show_plan(self, plan: CalendarPlan) -> None:
        self.plan = plan
        for meeting in plan.meetings:
            self.meetings.addTopLevelItem(self._row(meeting))
        for column in range(2):
            self.meetings.resizeColumnToContents(column)
        for attendee in plan.unmatched():
            box = QCheckBox(plain.action_text(attendee.label))
            box.setToolTip(plain.tooltip(attendee.email))
            self.people_layout.addWidget(box)
            self.checks[calendar_import.attendee_key(attendee)] = box
        self.people.setVisible(bool(self.checks))
        already = sum(m.event_id is not None for m in plan.meetings)
        lines = [
            self.tr("%Ln meeting(s)", "", len(plan.meetings))
            + (self.tr(", %Ln already imported", "", already) if already else "")
        ]
        lines += plan.problems
        self.summary.setText("\n".join(lines))
        self.import_button.setEnabled(bool(plan.meetings))

    def _row(self, meeting: PlannedMeeting) -> QTreeWidgetItem:
        names = [
            m.person_name if m.person_id is not None else f"{m.attendee.label} (?)"
            for m in meeting.attendees
        ]
        entry = meeting.entry
        cells = [entry.day.isoformat(), plain.clip(entry.summary), plain.clip(", ".join(names))]
        return QTreeWidgetItem(cells)

    def chosen(self) -> list[str]:
        """The keys of the attendees ticked to become new people."""
        return [key for key, box in self.checks.items() if box.isChecked()]

    def import_now(self) -> None:
        if self.plan is None:
            return
        plan, create = self.plan, self.chosen()
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        self.workers.start(
            lambda _progress: calendar_import.apply(plan, create=create),
            on_done=self._imported,
            on_error=self._failed,
        )

    def _imported(self, report: CalendarReport) -> None:
        self.report = report
        self.imported.emit(report)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from netdesk.core import write_errors
        from netdesk.io.errors import ReadError

        log.warning("calendar import failed: %s", exc)
        if isinstance(exc, ReadError):
            self.summary.setText(str(exc))
        else:
            self.summary.setText(write_errors.explain(exc))
        self.import_button.setEnabled(False)
