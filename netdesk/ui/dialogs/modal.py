"""What every editor dialog does the same way: its Save/Cancel row, being asked modally,
saving while it is still open, so a failed write keeps what was typed, and asking before
closing throws changes away (`EditorDialog`)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QWidget,
)

from netdesk.qt.hooks import require_hooks
from netdesk.ui.dialogs import feedback

D = TypeVar("D", bound=QDialog)
T = TypeVar("T")
R = TypeVar("R")
_SAVE = "_netdesk_save"  # the dialog attribute `answer` keeps its save in
log = logging.getLogger(__name__)


class Saving(Generic[T, R]):
    """A write an editor runs when the user saves, while it is still open (see `saving`)."""

    def __init__(self, save: Callable[[T], R]) -> None:
        self._save = save
        self.done = False
        self.result: R | None = None

    def run(self, value: T) -> None:
        self.result = self._save(value)
        self.done = True


_pending: list[Saving[Any, Any]] = []  # for the next `answer`


@contextlib.contextmanager
def saving(save: Callable[[T], R]) -> Iterator[Saving[T, R]]:
    """Within the block, the next dialog asked through `answer` stores its value with `save`
    when the user saves, before it closes; `done` and `result` tell what happened."""
    pending: Saving[T, R] = Saving(save)
    _pending.append(pending)
    try:
        yield pending
    finally:
        if pending in _pending:
            _pending.remove(pending)


def answer(dialog: D, read: Callable[[D], T]) -> T | None:
    """Show `dialog` modally; `read(dialog)` when the user accepts, None when they cancel. The
    dialog is deleted afterwards either way. Inside `saving`, accepting stores the value first,
    while the dialog is still open (its accept calls `commit`)."""
    if _pending:
        pending = _pending.pop()  # only this dialog: not one it opens itself
        setattr(dialog, _SAVE, lambda: pending.run(read(dialog)))
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return read(dialog)
    finally:
        dialog.deleteLater()


def commit(dialog: QDialog) -> bool:
    """Run the dialog's save (see `saving`); an editor's accept calls this once its fields are valid
    and closes only on True. On a failed write the reason is shown over the dialog, which stays
    open with everything typed."""
    save = getattr(dialog, _SAVE, None)
    return save is None or guarded_write(dialog, save)


def guarded_write(parent: QWidget, write: Callable[[], object]) -> bool:
    """Run `write`; False after showing why when it failed (a bug still raises)."""
    from netdesk.core import write_errors

    try:
        write()
    except write_errors.WRITE_FAILURES as exc:
        show_write_failure(parent, exc)
        return False
    return True


def show_write_failure(parent: QWidget, exc: BaseException) -> None:
    """Say in one line over `parent` why a write failed (one of `WRITE_FAILURES`)."""
    from netdesk.core import write_errors

    log.warning("write failed: %s", exc)
    feedback.show_failure(parent, write_errors.explain(exc))


def save_cancel(dialog: QDialog, layout: QBoxLayout) -> tuple[QDialogButtonBox, QPushButton]:
    """A Save/Cancel row at the end of `layout`, wired to accept and reject; the Save button
    (object name "save") is returned for enabling as the form becomes valid."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setObjectName("save")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return buttons, save


class EditorDialog(QDialog):
    """A dialog that asks Save / Discard / Cancel when it is closed (Escape, Cancel, the title
    bar) with changes, and closes at once without them.

    A subclass supplies `unsaved_state()`, a comparable value of everything typed, and calls
    `mark_saved()` once its fields are filled; Save in the question runs `save_changes()`
    (by default `accept`, which validates and stays open on a problem)."""

    _baseline: object = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # unsaved_state() -> object: everything typed, compared with what was there
        require_hooks(cls, ("unsaved_state",))

    def mark_saved(self) -> None:
        """What the fields hold now counts as unchanged."""
        self._baseline = self.unsaved_state()

    def has_changes(self) -> bool:
        return self.unsaved_state() != self._baseline

    def save_changes(self) -> None:
        self.accept()

    def reject(self) -> None:
        if self.has_changes():
            self.ask_to_discard()
        else:
            super().reject()

    def discard(self) -> None:
        """Close without saving, asking nothing."""
        super().reject()

    def ask_to_discard(self) -> QMessageBox:
        """The Save / Discard / Cancel question over the dialog, which stays open meanwhile."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            self.tr("Save your changes before closing?"),
            buttons,
            self,
        )
        box.setObjectName("discard_changes")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _code: self._answered(box))
        box.open()
        return box

    def _answered(self, box: QMessageBox) -> None:
        choice = box.standardButton(box.clickedButton())
        box.deleteLater()
        if choice == QMessageBox.StandardButton.Save:
            self.save_changes()
        elif choice == QMessageBox.StandardButton.Discard:
            self.discard()
