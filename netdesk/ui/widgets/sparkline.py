"""A small bar sparkline: one bar per month, in the palette's colours (light and dark alike).

Screen readers and tooltips get the numbers in words ("Contacts per month, Jan–Dec: 0, 2, 1,
…"), since a drawing says nothing to someone who cannot see it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from netdesk.qt import plain
from netdesk.ui.widgets import theme

BAR_WIDTH = 6
GAP = 3
HEIGHT = 26
EMPTY_BAR = 1.5  # a month without contact still shows as a line on the baseline


class Sparkline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sparkline")
        self.counts: tuple[int, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_counts(self, counts: Sequence[int], description: str) -> None:
        """Show `counts`, described in words by `description` for tooltips and screen readers."""
        self.counts = tuple(counts)
        self.setAccessibleName(self.tr("Contacts per month"))
        self.setAccessibleDescription(description)
        self.setToolTip(plain.tooltip(description))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        bars = max(len(self.counts), 1)
        return QSize(bars * BAR_WIDTH + (bars - 1) * GAP, HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.counts:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        busiest = max(self.counts) or 1
        height = self.height()
        bar = self.palette().color(QPalette.ColorRole.Highlight)
        empty = theme.muted(self.palette())
        for number, count in enumerate(self.counts):
            tall = max(EMPTY_BAR, height * count / busiest) if count else EMPTY_BAR
            painter.setBrush(bar if count else empty)
            left = number * (BAR_WIDTH + GAP)
            painter.drawRoundedRect(QRectF(left, height - tall, BAR_WIDTH, tall), 1.5, 1.5)
        painter.end()
