"""The dialog shown when the database cannot be opened at start.

It says in one sentence what is wrong and offers the ways out `core.recovery` found: restore the
newest good backup (the damaged file is kept beside it, renamed, never overwritten), open another
file, or quit. Nothing is written until the user picks the restore, which runs on a worker.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import backups as backup
from netdesk.core import recovery
from netdesk.core.backups import Restored
from netdesk.core.recovery import Problem, RecoveryOptions
from netdesk.qt import i18n
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs.restore_dialog import to_qdatetime


class RecoveryAction(enum.Enum):
    RESTORED = "restored"  # the newest good backup is now the database at the same path
    OPEN_OTHER = "open_other"  # open `db_path` instead
    QUIT = "quit"


@dataclass(frozen=True)
class RecoveryOutcome:
    action: RecoveryAction
    db_path: Path | None = None  # the database to open now (None when quitting)
    restored: Restored | None = None


FileChooser = Callable[[QWidget], Path | None]


def choose_database_file(parent: QWidget) -> Path | None:
    """Ask for another database file (a native, modal file dialog)."""
    tr = i18n.tr
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("RecoveryDialog", "Open a netdesk database"),
        "",
        tr("RecoveryDialog", "netdesk databases (*.db *.sqlite);;All files (*)"),
    )
    return Path(name) if name else None


class RecoveryDialog(QDialog):
    """Explain the problem with the database and offer restore / open another / quit."""

    finished_with = Signal(object)  # a RecoveryOutcome

    def __init__(
        self,
        choice: RecoveryOptions,
        parent: QWidget | None = None,
        *,
        choose_file: FileChooser = choose_database_file,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("netdesk cannot open your contacts"))
        self.options = choice
        self.outcome = RecoveryOutcome(RecoveryAction.QUIT)
        self._choose_file = choose_file
        self._workers = Workers(self, max_threads=1)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.headline = QLabel(self._headline(), self)
        self.headline.setObjectName("recoveryHeadline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)  # it names the file
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        layout.addWidget(self.headline)
        self.detail = QLabel(self.options.message, self)
        self.detail.setObjectName("recoveryDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # an error that can quote a path
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        self.advice = QLabel(self._advice(), self)
        self.advice.setObjectName("recoveryAdvice")
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)
        self.status = QLabel("", self)
        self.status.setObjectName("recoveryStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.quit_button = self._button(row, "quitButton", self.tr("Quit"), self.quit)
        row.addStretch(1)
        self.open_button = self._button(
            row, "openOtherButton", self.tr("Open another file…"), self.open_other
        )
        self.restore_button = self._button(
            row, "restoreButton", self._restore_label(), self.restore_newest
        )
        self.restore_button.setVisible(self.options.can_restore)
        self.restore_button.setEnabled(self.options.can_restore and self.options.can_set_aside)
        if self.options.can_restore:
            self.restore_button.setDefault(True)
        layout.addLayout(row)
        self.setMinimumWidth(480)

    def _button(self, row: QHBoxLayout, name: str, text: str, slot: Callable) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _headline(self) -> str:
        name = self.options.db_path.name
        texts = {
            Problem.DAMAGED: self.tr("%1 is damaged."),
            Problem.NOT_NETDESK: self.tr("%1 is not a netdesk database."),
            Problem.TOO_NEW: self.tr("%1 was saved by a newer version of netdesk."),
            Problem.UNREADABLE: self.tr("%1 cannot be read."),
            Problem.MISSING_FOLDER: self.tr("The folder holding %1 is missing."),
            Problem.READ_ONLY: self.tr("%1 is read-only."),
        }
        return texts[self.options.problem].replace("%1", name)

    def _advice(self) -> str:
        good = self.options.backup
        if self.options.problem is Problem.READ_ONLY:
            return self.tr(
                "It is not damaged. Make the file and its folder writable, or open another "
                "database file."
            )
        if good is None:
            return self.tr(
                "There is no backup to go back to. You can open another database file, or quit "
                "and leave this one as it is."
            )
        kept = self.tr(
            "If you restore, the current file is kept beside it as %1.damaged-… and nothing is "
            "deleted."
        ).replace("%1", self.options.db_path.name)
        if self.options.problem is Problem.TOO_NEW:
            update = self.tr(
                "Updating netdesk opens it with all its data; restoring goes back to an older copy."
            )
            return f"{update} {kept}"
        return kept

    def _restore_label(self) -> str:
        good = self.options.backup
        if good is None:
            return self.tr("Restore backup")
        locale = QLocale()
        when = locale.toString(to_qdatetime(good.created), QLocale.FormatType.ShortFormat)
        people = "?" if good.people is None else locale.toString(good.people)
        return (
            self.tr("Restore the backup of %1 (%2 people)")
            .replace("%1", when)
            .replace("%2", people)
        )

    # ------------------------------------------------------------------ actions (the test API)

    @Slot()
    def restore_newest(self) -> None:
        """Set the damaged file aside and restore the newest good copy, on a worker."""
        if not self.options.can_restore or not self.restore_button.isEnabled():
            return
        for button in (self.restore_button, self.open_button, self.quit_button):
            button.setEnabled(False)
        self.status.setText(self.tr("Restoring…"))
        choice = self.options
        self._workers.start(
            lambda _progress: recovery.restore_newest(choice),
            on_done=self._restored,
            on_error=self._failed,
        )

    @Slot(object)
    def _restored(self, done: Restored) -> None:
        self._finish(RecoveryOutcome(RecoveryAction.RESTORED, self.options.db_path, done))

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, backup.StoreError) else str(exc) or repr(exc)
        self.status.setText(message)
        self.restore_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.quit_button.setEnabled(True)

    @Slot()
    def open_other(self) -> None:
        path = self._choose_file(self)
        if path is None:
            return
        self._finish(RecoveryOutcome(RecoveryAction.OPEN_OTHER, Path(path)))

    @Slot()
    def quit(self) -> None:
        self._finish(RecoveryOutcome(RecoveryAction.QUIT))

    def _finish(self, outcome: RecoveryOutcome) -> None:
        self.outcome = outcome
        self.finished_with.emit(outcome)
        if outcome.action is RecoveryAction.QUIT:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:
        # Escape or the close button means quit, unless a restore is running.
        if not self._workers.busy:
            self.outcome = RecoveryOutcome(RecoveryAction.QUIT)
            super().reject()

    def done(self, result: int) -> None:
        self._workers.wait()
        super().done(result)


def ask(
    parent: QWidget | None,
    db_path: Path,
    error: backup.StoreError,
    *,
    choose_file: FileChooser = choose_database_file,
) -> RecoveryOutcome:
    """Show the dialog for the error opening `db_path` raised; returns what the user chose.

    The caller then opens `outcome.db_path` (RESTORED: the same path, now holding the backup;
    OPEN_OTHER: the chosen file, which may fail again: ask again) or quits.
    """
    choice = recovery.options(db_path, error)
    if choice is None:  # the file is fine now (another process repaired it): just open it
        return RecoveryOutcome(RecoveryAction.OPEN_OTHER, Path(db_path))
    dialog = RecoveryDialog(choice, parent, choose_file=choose_file)
    dialog.exec()
    return dialog.outcome
