"""Chips: small rounded labels with a × to remove them.

`Chip` is the one chip every view uses. `InlineChips` edits a list in place: "+" opens a field to
add a name (with completion over names that already exist); used for circles, tags and interests
in the person pane, every change emitted as the whole new list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from netdesk.qt import plain
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.flow_layout import FlowLayout


class Chip(QFrame):
    """One chip: a label and a × button, in the palette's quiet colours or a hue's (interests,
    hobbies, tags). Used here in the person pane and by the editors' `ChipBox`; both redraw their
    chips when the palette changes (light <-> dark)."""

    remove_clicked = Signal()

    def __init__(
        self,
        text: str,
        parent: QWidget | None = None,
        *,
        tint: int | None = None,
        tooltip: str = "",
    ) -> None:
        """`text` and `tooltip` are shown as plain text (they are names and organisations)."""
        super().__init__(parent)
        self.setObjectName("chip")
        self._text = text
        self._tint = tint
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        if tooltip:
            self.setToolTip(plain.tooltip(tooltip))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(9, 1, 4, 1)
        layout.setSpacing(1)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setText(plain.clip(text))
        self.button = QToolButton(self)
        self.button.setObjectName("chip_remove")
        self.button.setText("×")
        self.button.setAutoRaise(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        remove = self.tr("Remove %1").replace("%1", text)
        self.button.setToolTip(plain.tooltip(remove))
        self.button.setAccessibleName(plain.clip(remove))
        self.button.setFixedSize(18, 18)
        self.button.clicked.connect(self.remove_clicked)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._style()

    def text(self) -> str:
        """The whole text (the label may show it clipped)."""
        return self._text

    def restyle(self) -> None:
        """Take the colours of the surroundings' palette again (its holder calls this when the
        palette changes: a widget with a style sheet of its own is not told)."""
        self._style()

    def _style(self) -> None:
        # the surroundings' palette: the chip's own is changed by the style sheet set here
        parent = self.parentWidget()
        palette = parent.palette() if parent is not None else QApplication.palette()
        if self._tint is None:
            background, foreground = theme.subtle_fill(palette), palette.text().color()
            border = theme.muted(palette)
        else:
            background, foreground = theme.hue_colours(self._tint, palette)
            border = background
        hover = theme.hue_colours(self._tint, palette)[1] if self._tint is not None else border
        sheet = (
            f"QFrame#chip {{ background: {background.name()}; border: 1px solid {border.name()};"
            " border-radius: 11px; }"
            f" QFrame#chip QLabel {{ color: {foreground.name()}; background: transparent; }}"
            f" QFrame#chip QToolButton {{ color: {foreground.name()}; border: none;"
            " border-radius: 8px; background: transparent; padding: 0px; }"
            f" QFrame#chip QToolButton:hover, QFrame#chip QToolButton:focus {{"
            f" background: {_translucent(hover)}; }}"
        )
        if sheet != self.styleSheet():  # setting it changes the palette: no loop
            self.setStyleSheet(sheet)


def _translucent(colour: QColor) -> str:
    return f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, 60)"


class _AddField(QLineEdit):
    """The field that appears after "+": Enter adds, Escape (or leaving it empty) cancels."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class InlineChips(QWidget):
    """Emits `edited(list[str])` with the new names after the user adds or removes one."""

    edited = Signal(list)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        add_text: str = "",
        suggestions: Callable[[], list[str]] | None = None,
        tint: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._tint = tint
        self._suggestions = suggestions or (lambda: [])
        self.flow = FlowLayout(self, spacing=6)
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("chips_add")
        self.add_button.setText("+ " + (add_text or self.tr("Add")))
        self.add_button.setAutoRaise(True)
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.clicked.connect(self.start_adding)
        self.field = _AddField(self)
        self.field.setObjectName("chips_field")
        self.field.setPlaceholderText(add_text)
        self.field.setFixedWidth(170)
        self.field.hide()
        self.field.returnPressed.connect(self._commit)
        self.field.cancelled.connect(self._stop_adding)
        self.field.installEventFilter(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._rebuild()

    def names(self) -> list[str]:
        return list(self._names)

    def set_names(self, names: list[str]) -> None:
        """Show these names (no signal: this is the stored state, not an edit)."""
        if names != self._names:
            self._names = list(names)
            self._rebuild()

    def start_adding(self) -> None:
        completer = QCompleter(QStringListModel(self._candidates(), self.field), self.field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(completer)
        self.add_button.hide()
        self.field.show()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def add(self, name: str) -> None:
        """Add a name as if the user typed it (also used by tests)."""
        name = " ".join(name.split())
        if name and name.casefold() not in {n.casefold() for n in self._names}:
            self.edited.emit([*self._names, name])

    def remove(self, name: str) -> None:
        self.edited.emit([n for n in self._names if n != name])

    def _candidates(self) -> list[str]:
        taken = {n.casefold() for n in self._names}
        return sorted(
            (n for n in self._suggestions() if n.casefold() not in taken), key=str.casefold
        )

    def _commit(self) -> None:
        text = self.field.text()
        self.field.clear()
        self._stop_adding()
        for part in text.split(","):
            self.add(part)

    def _stop_adding(self) -> None:
        self.field.hide()
        self.add_button.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            popup = self.field.completer().popup() if self.field.completer() else None
            if not self.field.text().strip() and not (popup and popup.isVisible()):
                QTimer.singleShot(0, self._stop_adding)
        return False

    def _rebuild(self) -> None:
        while self.flow.count():
            item = self.flow.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None and widget not in (self.add_button, self.field):
                widget.deleteLater()
        for name in self._names:
            chip = Chip(name, self, tint=self._tint)
            chip.remove_clicked.connect(lambda name=name: self.remove(name))
            self.flow.addWidget(chip)
        self.flow.addWidget(self.add_button)
        self.flow.addWidget(self.field)
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for chip in self.findChildren(Chip):
                chip.restyle()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)
