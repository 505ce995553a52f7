"""What every editor dialog does the same way: its Save/Cancel row, and being asked modally."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QBoxLayout, QDialog, QDialogButtonBox, QPushButton

D = TypeVar("D", bound=QDialog)
T = TypeVar("T")


def answer(dialog: D, read: Callable[[D], T]) -> T | None:
    """Show `dialog` modally; `read(dialog)` when the user accepts, None when they cancel. The
    dialog is deleted afterwards either way."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return read(dialog)
    finally:
        dialog.deleteLater()


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
