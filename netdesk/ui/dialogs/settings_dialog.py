"""Settings, one tab each: how often to keep in touch per circle (scrolled: there can be many
circles), the reminders (birthday notice, the week's plan, quiet hours, a daily digest, whether
the window starts them and whether they start at login), the database and its backups, and the
sync accounts (`sync_settings`). Tabs keep the dialog short enough for a laptop screen."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import circles, settings, store
from netdesk.core.errors import CoreError, ValidationError
from netdesk.core.write_errors import WRITE_FAILURES
from netdesk.qt import plain
from netdesk.qt import workers as workers_module
from netdesk.qt.change_bridge import ChangeNotifier
from netdesk.qt.sync_worker import SyncRunner
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.sync_settings import SyncSettings
from netdesk.ui.widgets import theme

QUIET_DEFAULT = (QTime(22, 0), QTime(8, 0))  # offered when quiet hours are switched on
DIGEST_DEFAULT = QTime(9, 0)


def _stored_time(key: str) -> QTime | None:
    """A time setting ("22:00"); empty or malformed is None (the reminders ignore it too)."""
    value = settings.get(key)
    try:
        moment = dt.time.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
    return QTime(moment.hour, moment.minute) if moment is not None else None


def _time_edit(parent: QWidget, name: str, value: QTime) -> QTimeEdit:
    edit = QTimeEdit(value, parent)
    edit.setObjectName(name)
    edit.setDisplayFormat("HH:mm")
    return edit


def _counted_suffix(spin: QSpinBox, one: str, many: str) -> None:
    """The spin box's unit in the singular for 1 ("1 person", not "1 people")."""
    spin.setSuffix(many)
    spin.valueChanged.connect(lambda value: spin.setSuffix(one if value == 1 else many))


def _autostart():
    try:
        from netdesk.system import autostart
    except ImportError:
        return None
    return autostart


class SettingsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        db_path: Path,
        workers: Workers,
        sync_runner: SyncRunner | None = None,  # the window's, so its status bar hears it
        notifier: ChangeNotifier | None = None,  # the window's: other processes' writes
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.db_path = db_path
        self.workers = workers
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings_tabs")
        self.tabs.addTab(self._cadence_page(), self.tr("&Keep in touch"))
        self.tabs.addTab(self._reminders_page(), self.tr("&Reminders"))
        self.tabs.addTab(self._database_page(), self.tr("Your &data"))
        runner = sync_runner or SyncRunner(workers, self)
        self.sync_page = SyncSettings(self, db_path, runner, notifier)
        self.tabs.addTab(self.sync_page, self.tr("&Sync"))
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("settings_buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = QLabel(self)
        self.error.setObjectName("settings_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # errors can quote a circle's name
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def _cadence_page(self) -> QScrollArea:
        """A line per circle, scrolled: an import can bring dozens of categories."""
        scroll = QScrollArea(self)
        scroll.setObjectName("cadence_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        group = QWidget(scroll)
        group.setObjectName("cadences")
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        intro = QLabel(
            self.tr("How often to get back in touch with the people of each circle."), group
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.cadences: dict[int, QSpinBox] = {}
        for circle in circles.circles():
            spin = QSpinBox(group)
            spin.setObjectName(f"cadence_{circle.id}")
            spin.setRange(0, 3650)
            spin.setSpecialValueText(self.tr("Not tracked"))
            _counted_suffix(spin, self.tr(" day"), self.tr(" days"))
            spin.setValue(circle.default_cadence_days or 0)
            spin.setToolTip(self.tr("Get back in touch with people in this circle this often"))
            self.cadences[circle.id] = spin
            name = QLabel(plain.clip(circle.name), group)
            name.setTextFormat(Qt.TextFormat.PlainText)  # circles come from imported categories
            form.addRow(name, spin)
        self._original_cadence = {cid: spin.value() for cid, spin in self.cadences.items()}
        scroll.setWidget(group)
        return scroll

    def _reminders_page(self) -> QWidget:
        group = QWidget(self)
        group.setObjectName("reminders")
        form = QFormLayout(group)
        self.lead_days = QSpinBox(group)
        self.lead_days.setObjectName("birthday_lead_days")
        self.lead_days.setRange(0, 30)
        self.lead_days.setSpecialValueText(self.tr("On the day"))
        _counted_suffix(self.lead_days, self.tr(" day before"), self.tr(" days before"))
        self.lead_days.setValue(settings.birthday_lead_days())
        form.addRow(self.tr("Birthday notice"), self.lead_days)
        self.per_week = QSpinBox(group)
        self.per_week.setObjectName("people_per_week")
        self.per_week.setRange(0, settings.MAX_PEOPLE_PER_WEEK)
        self.per_week.setSpecialValueText(self.tr("No plan"))
        _counted_suffix(self.per_week, self.tr(" person"), self.tr(" people"))
        self.per_week.setValue(settings.people_per_week())
        self.per_week.setToolTip(self.tr("How many people Today's plan for the week names"))
        form.addRow(self.tr("This week"), self.per_week)
        form.addRow(self.tr("Quiet hours"), self._quiet_row(group))
        form.addRow(self.tr("Daily digest"), self._digest_row(group))
        self.with_window = QCheckBox(self.tr("Start reminders when netdesk opens"), group)
        self.with_window.setObjectName("reminders_with_window")
        self.with_window.setChecked(bool(settings.get("reminders_with_window")))
        form.addRow("", self.with_window)
        self.at_login = QCheckBox(self.tr("Remind me at login"), group)
        self.at_login.setObjectName("reminders_at_login")
        autostart = _autostart()
        if autostart is None:
            self.at_login.setEnabled(False)
            self.at_login.setToolTip(self.tr("The reminders service is not installed."))
        else:
            with contextlib.suppress(OSError):
                self.at_login.setChecked(bool(autostart.is_enabled()))
        self._original_login = self.at_login.isChecked()
        form.addRow("", self.at_login)
        return group

    def _quiet_row(self, parent: QWidget) -> QWidget:
        start, end = _stored_time("quiet_start"), _stored_time("quiet_end")
        quiet = start is not None and end is not None and start != end
        row = QWidget(parent)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.quiet = QCheckBox(self.tr("No reminders from"), row)
        self.quiet.setObjectName("quiet_hours")
        self.quiet.setChecked(quiet)
        self.quiet_start = _time_edit(row, "quiet_start", start if quiet else QUIET_DEFAULT[0])
        self.quiet_end = _time_edit(row, "quiet_end", end if quiet else QUIET_DEFAULT[1])
        for edit in (self.quiet_start, self.quiet_end):
            edit.setEnabled(quiet)
            self.quiet.toggled.connect(edit.setEnabled)
        line.addWidget(self.quiet)
        line.addWidget(self.quiet_start)
        line.addWidget(QLabel(self.tr("to"), row))
        line.addWidget(self.quiet_end)
        line.addStretch(1)
        return row

    def _digest_row(self, parent: QWidget) -> QWidget:
        at = _stored_time("digest_time")
        row = QWidget(parent)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.digest = QCheckBox(self.tr("Gather the day's reminders into one, at"), row)
        self.digest.setObjectName("digest")
        self.digest.setChecked(at is not None)
        self.digest.setToolTip(self.tr("Otherwise each reminder comes as it falls due"))
        self.digest_time = _time_edit(row, "digest_time", at or DIGEST_DEFAULT)
        self.digest_time.setEnabled(at is not None)
        self.digest.toggled.connect(self.digest_time.setEnabled)
        line.addWidget(self.digest)
        line.addWidget(self.digest_time)
        line.addStretch(1)
        return row

    def _reminder_settings(self) -> dict[str, object]:
        """What the reminders section says, as stored ("" switches quiet hours or digest off)."""
        quiet, digest = self.quiet.isChecked(), self.digest.isChecked()
        start, end = self.quiet_start.time(), self.quiet_end.time()
        if quiet and start == end:
            raise ValidationError(self.tr("Quiet hours must end at another time than they start."))
        return {
            "quiet_start": start.toString("HH:mm") if quiet else "",
            "quiet_end": end.toString("HH:mm") if quiet else "",
            "digest_time": self.digest_time.time().toString("HH:mm") if digest else "",
            "reminders_with_window": self.with_window.isChecked(),
        }

    def _database_page(self) -> QWidget:
        group = QWidget(self)
        group.setObjectName("your_data")
        column = QVBoxLayout(group)
        path = QLineEdit(str(self.db_path), group)
        path.setObjectName("database_path")
        path.setReadOnly(True)
        path.setCursorPosition(0)
        column.addWidget(
            QLabel(self.tr("Everything is kept in this file, on this computer:"), group)
        )
        column.addWidget(path)
        row = QHBoxLayout()
        folder = QPushButton(self.tr("Show folder"), group)
        folder.setObjectName("database_folder")
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db_path.parent)))
        )
        self.backup_button = QPushButton(self.tr("Back up now"), group)
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.back_up)
        row.addWidget(folder)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        column.addLayout(row)
        self.backup_status = QLabel(group)
        self.backup_status.setObjectName("backup_status")
        self.backup_status.setTextFormat(Qt.TextFormat.PlainText)  # it shows file paths
        self.backup_status.setWordWrap(True)
        self.backup_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = theme.scaled_font(self.backup_status, 0.92, QFont.Weight.Normal)
        self.backup_status.setFont(small)
        column.addWidget(self.backup_status)
        column.addStretch(1)
        return group

    def back_up(self) -> None:
        """Copy the database in a worker; the dialog stays responsive."""
        self.backup_button.setEnabled(False)
        self.backup_status.setText(self.tr("Backing up…"))
        db_path = self.db_path
        self.workers.start(
            lambda _progress: workers_module.backup_database(db_path),
            on_done=self._backed_up,
            on_error=self._backup_failed,
        )

    def _backed_up(self, copy: Path) -> None:
        self.backup_button.setEnabled(True)
        self.backup_status.setText(self.tr("Backed up to %1").replace("%1", str(copy)))

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.backup_status.setText(str(exc))

    def apply(self) -> None:
        """Write the changed settings (also what OK does); raises CoreError on bad input."""
        with store.write():  # one transaction: a failure saves none of them
            for circle_id, spin in self.cadences.items():
                if spin.value() != self._original_cadence[circle_id]:
                    circles.set_default_cadence(circle_id, spin.value() or None)
            if self.lead_days.value() != settings.birthday_lead_days():
                settings.put("birthday_lead_days", self.lead_days.value())
            if self.per_week.value() != settings.people_per_week():
                settings.put("people_per_week", self.per_week.value())
            for key, value in self._reminder_settings().items():
                if value != settings.get(key):
                    settings.put(key, value)
        autostart = _autostart()
        if autostart is not None and self.at_login.isChecked() != self._original_login:
            if self.at_login.isChecked():
                autostart.enable()
            else:
                autostart.disable()

    def accept(self) -> None:
        try:
            self.apply()
        except CoreError as exc:  # a value that cannot be stored: said under the form
            self.error.setText(str(exc))
            self.error.show()
            return
        except WRITE_FAILURES as exc:  # a full disk...: the dialog stays open as it is
            modal.show_write_failure(self, exc)
            return
        super().accept()
