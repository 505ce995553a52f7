"""Inline messages under a field: an error blocks saving, a warning only informs; a failed
write's reason in a message box.

Colours come from the current palette (a darker red on light themes, a lighter one on dark
themes) so the message stays readable whichever system palette is active.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QStyle, QWidget

from netdesk.qt import plain


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_LIGHT = {Severity.ERROR: "#b3261e", Severity.WARNING: "#8a5300"}
_DARK = {Severity.ERROR: "#ffb4ab", Severity.WARNING: "#ffcc80"}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def severity_colour(palette: QPalette, severity: Severity) -> QColor:
    """A readable colour for `severity` on this palette's window background."""
    if severity is Severity.INFO:
        return palette.color(QPalette.ColorRole.PlaceholderText)
    table = _DARK if is_dark(palette) else _LIGHT
    return QColor(table[severity])


class FieldMessage(QLabel):
    """A one-line (wrapping) message shown under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None, object_name: str = "") -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.severity: Severity | None = None
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(Severity.ERROR, text)

    def show_warning(self, text: str) -> None:
        self._show(Severity.WARNING, text)

    def show_info(self, text: str) -> None:
        self._show(Severity.INFO, text)

    def clear_message(self) -> None:
        self.severity = None
        self.setText("")
        self.hide()

    def _show(self, severity: Severity, text: str) -> None:
        self.severity = severity
        text = plain.clip(text, plain.TOOLTIP)  # messages can quote what was typed or imported
        self.setText(text)
        self._apply_colour()
        self.setAccessibleDescription(text)
        self.show()

    def _apply_colour(self) -> None:
        if self.severity is None:
            return
        colour = severity_colour(self.palette(), self.severity)
        if self.palette().color(QPalette.ColorRole.WindowText) != colour:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)  # the guard above stops the PaletteChange from looping

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colour()  # the system switched between light and dark


def warning_icon(widget: QWidget, severity: Severity = Severity.WARNING) -> QIcon:
    """The style's standard icon for a severity (used on table cells with problems)."""
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.ERROR
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return widget.style().standardIcon(pixmap)


def show_failure(parent: QWidget, message: str) -> QMessageBox:
    """A failed write's one-line reason in a box over `parent`, which stays open as it is."""
    box = QMessageBox(QMessageBox.Icon.Warning, parent.tr("Not saved"), message, parent=parent)
    box.setObjectName("write_failure")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the reason may quote what was typed
    box.open()
    return box
