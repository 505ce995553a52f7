"""What every chart of the Network page shares: marks you can point at, click and reach with the
keyboard.

A chart lays its data out as marks (a bar, a segment), each with a key its owner understands and
its value in words. The pointer gets the words as a tooltip and a hand over a mark that holds
someone; a click or Enter on such a mark emits `mark_activated(key)`. Tab brings the focus to the
chart, the arrow keys move from mark to mark (a ring shows which), and the current mark's words
become the chart's accessible description, so a screen reader says what a sighted user sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from netdesk.qt import plain

_NEXT = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}
_ACTIVATE = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}


@dataclass(frozen=True)
class Mark:
    key: object
    rect: QRectF
    words: str  # the value said in words: tooltip and screen reader
    people: int  # how many people stand behind it: none, nothing to open


class MarkChart(QWidget):
    """Subclasses set their data, then call `relayout()`; they return their marks from
    `layout_marks()` and draw them in `paint_chart()`."""

    mark_activated = Signal(object)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: list[Mark] = []
        self.current = -1
        self.summary = ""  # the whole chart in words
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)

    # --- for subclasses -------------------------------------------------------------------------

    def layout_marks(self) -> list[Mark]:
        raise NotImplementedError

    def paint_chart(self, painter: QPainter) -> None:
        raise NotImplementedError

    def relayout(self) -> None:
        self.marks = self.layout_marks()
        if self.current >= len(self.marks):
            self.current = len(self.marks) - 1
        self._describe()
        self.update()

    def set_summary(self, words: str) -> None:
        self.summary = words
        self._describe()

    # --- finding and choosing marks -------------------------------------------------------------

    def mark_at(self, pos: QPoint) -> int:
        for number, mark in enumerate(self.marks):
            if mark.rect.contains(pos.toPointF()):
                return number
        return -1

    def activate(self, number: int) -> None:
        if 0 <= number < len(self.marks) and self.marks[number].people:
            self.mark_activated.emit(self.marks[number].key)

    def _choose(self, number: int) -> None:
        self.current = number
        self._describe()
        self.update()

    def _describe(self) -> None:
        if 0 <= self.current < len(self.marks) and self.hasFocus():
            self.setAccessibleDescription(self.marks[self.current].words)
        else:
            self.setAccessibleDescription(self.summary)

    # --- events ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_chart(painter)
        if self.hasFocus() and 0 <= self.current < len(self.marks):
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.marks[self.current].rect.adjusted(-2, -2, 2, 2), 3, 3)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            number = self.mark_at(event.pos())
            if number < 0:
                QToolTip.hideText()
                event.ignore()
            else:
                rect = self.marks[number].rect.toAlignedRect()
                QToolTip.showText(
                    event.globalPos(), plain.tooltip(self.marks[number].words), self, rect
                )
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        number = self.mark_at(event.position().toPoint())
        pointing = number >= 0 and self.marks[number].people > 0
        if pointing:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        number = self.mark_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and number >= 0:
            self._choose(number)
            self.activate(number)
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _NEXT and self.marks:
            self._choose(max(0, min(len(self.marks) - 1, self.current + _NEXT[key])))
            self._show_words()
        elif key in _ACTIVATE and 0 <= self.current < len(self.marks):
            self.activate(self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.current < 0 and self.marks:
            self.current = 0
        self._describe()
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._describe()
        self.update()

    def _show_words(self) -> None:
        """The current mark's words beside it, as the pointer would show them."""
        rect = self.marks[self.current].rect.toAlignedRect()
        place = self.mapToGlobal(rect.bottomLeft())
        QToolTip.showText(place, plain.tooltip(self.marks[self.current].words), self, rect)
