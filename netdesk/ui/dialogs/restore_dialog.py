"""The restore dialog: each backup copy with its date, why it was made and how many people.

Listing (which opens each copy read-only to count people) and restoring run on a worker thread,
so the window never freezes. Restoring backs up the current database first; the caller reopens
the database afterwards (`ask` returns what was done, or None when the user cancelled).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import backups as backup
from netdesk.core.backups import BackupInfo, Restored
from netdesk.qt.workers import Workers

COLUMNS = 4  # date, reason, people, size
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def to_qdatetime(when: dt.datetime) -> QDateTime:
    """A naive local datetime as a QDateTime (for the locale's date format)."""
    return QDateTime(
        QDate(when.year, when.month, when.day), QTime(when.hour, when.minute, when.second)
    )


class RestoreDialog(QDialog):
    """Pick a backup copy and restore it over the current database."""

    loaded = Signal()  # the list is filled (tests wait on this)
    restored = Signal(object)  # a backup.Restored
    failed = Signal(str)  # one sentence

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.db_path = Path(db_path)
        self.outcome: Restored | None = None
        self._infos: list[BackupInfo] = []
        self._restoring = False
        self._workers = Workers(self, max_threads=1)
        self._build()
        self._load()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Choose a copy to go back to. Your current contacts are backed up first, "
                "so restoring can itself be undone."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made"), self.tr("Why"), self.tr("People"), self.tr("Size")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        layout.addWidget(self.table)
        self.status = QLabel(self.tr("Reading the backups…"))
        self.status.setObjectName("restoreStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it shows paths and errors
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 360)

    # ------------------------------------------------------------------ listing

    def _load(self) -> None:
        db_path = self.db_path
        self._workers.start(
            lambda _progress: backup.list_backups(db_path),
            on_done=self._show_list,
            on_error=self._show_error,
        )

    @Slot(object)
    def _show_list(self, infos: list[BackupInfo]) -> None:
        self._infos = list(infos)
        self.table.setRowCount(len(self._infos))
        locale = QLocale()
        for row, info in enumerate(self._infos):
            cells = [
                locale.toString(to_qdatetime(info.created), QLocale.FormatType.ShortFormat),
                self._reason_text(info.reason),
                self.tr("unreadable") if info.people is None else locale.toString(info.people),
                locale.formattedDataSize(info.size),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(info.path))
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if self._infos:
            self.status.setText(
                self.tr("Copies are kept in %1.").replace("%1", str(self._folder()))
            )
            self.table.selectRow(0)
        else:
            self.status.setText(self.tr("There are no backups yet."))
        self._update_buttons()
        self.loaded.emit()

    def _folder(self) -> Path:
        return self.db_path.parent / backup.BACKUPS_FOLDER

    def _reason_text(self, reason: str) -> str:
        texts: dict[str, str] = {
            backup.Reason.MANUAL: self.tr("made by you"),
            backup.Reason.DAILY: self.tr("daily"),
            backup.Reason.PRE_IMPORT: self.tr("before an import"),
            backup.Reason.PRE_MIGRATION: self.tr("before an upgrade"),
            backup.Reason.PRE_RESTORE: self.tr("before a restore"),
        }
        return texts.get(reason, reason)

    # ------------------------------------------------------------------ the API tests drive

    def backups(self) -> list[BackupInfo]:
        return list(self._infos)

    def select(self, row: int) -> None:
        self.table.selectRow(row)

    def selected(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        return self._infos[rows.pop()]

    @Slot()
    def restore_selected(self) -> None:
        """Restore the selected copy on a worker; `restored` or `failed` tells how it went."""
        info = self.selected()
        if info is None or self._restoring:
            return
        self._restoring = True
        self.restore_button.setEnabled(False)
        self.table.setEnabled(False)
        self.status.setText(self.tr("Restoring…"))
        db_path = self.db_path
        self._workers.start(
            lambda _progress: backup.restore(info.path, db_path),
            on_done=self._finish,
            on_error=self._show_error,
        )

    @Slot(object)
    def _finish(self, done: Restored) -> None:
        self.outcome = done
        self.restored.emit(done)
        self.accept()

    @Slot(object)
    def _show_error(self, exc: BaseException) -> None:
        message = (
            str(exc)
            if isinstance(exc, backup.StoreError)
            else self.tr("Something went wrong: %1").replace("%1", str(exc))
        )
        self.status.setText(message)
        self._restoring = False
        self.table.setEnabled(True)
        self._update_buttons()
        self.failed.emit(message)

    @Slot()
    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self._restoring)

    def done(self, result: int) -> None:
        # Closing while a restore runs would leave the window unsure what it shows: wait.
        self._workers.wait()
        super().done(result)


def ask(parent: QWidget | None, db_path: Path) -> Restored | None:
    """Show the dialog; returns what the restore did, or None if the user cancelled.

    After a restore the caller must reopen the database (`db.close_database(); db.open(path)`)
    and refresh every view: the data changed underneath.
    """
    dialog = RestoreDialog(db_path, parent)
    dialog.exec()
    return dialog.outcome
