"""The window's search field: a magnifier in the palette's colours, Escape clears it, and Down or
Enter asks to go into the list of what was found."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

from netdesk.ui.widgets import icons

ICON_SIZE = 16


class SearchField(QLineEdit):
    into_list = Signal()  # Down, Return or Enter: go to the first person found

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search")
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(360)
        self.setMaximumWidth(460)
        self._icon = self.addAction(self._draw_icon(), QLineEdit.ActionPosition.LeadingPosition)
        self._on_key(Qt.Key.Key_Escape, self.clear)
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_key(key, self.into_list.emit)

    def _on_key(self, key: Qt.Key, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)

    def _draw_icon(self) -> QIcon:
        return icons.icon("search", self.palette(), ICON_SIZE)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # light <-> dark; while the field is torn down its icon's action may be gone already
        if event.type() == QEvent.Type.PaletteChange and shiboken6.isValid(self._icon):
            self._icon.setIcon(self._draw_icon())
