"""Columns over time (contacts per month): one bar per period, its count above it and its name
below, in the palette's highlight colour (light and dark alike)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from netdesk.ui.widgets import theme
from netdesk.ui.widgets.chart_marks import Mark, MarkChart

HEIGHT = 170
GAP = 0.3  # of each column's width, between bars
EMPTY_BAR = 2.0  # a period without contact still shows on the baseline


@dataclass(frozen=True)
class Bar:
    key: object
    label: str  # under the bar: "Mar"
    value: int
    words: str  # "March 2026: 14 conversations"
    people: int = -1  # how many people it stands for, when known (-1: as many as `value`)


class BarChart(MarkChart):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.bars: list[Bar] = []
        self.setMinimumHeight(HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar], summary: str) -> None:
        self.bars = list(bars)
        self.set_summary(summary)
        self.relayout()

    def sizeHint(self) -> QSize:
        return QSize(420, HEIGHT)

    def _plot(self) -> QRectF:
        line = QFontMetricsF(self.font()).height()
        return QRectF(4, line + 6, max(1, self.width() - 8), self.height() - 2 * line - 14)

    def layout_marks(self) -> list[Mark]:
        if not self.bars:
            return []
        plot = self._plot()
        step = plot.width() / len(self.bars)
        busiest = max(bar.value for bar in self.bars) or 1
        marks = []
        for number, bar in enumerate(self.bars):
            tall = max(EMPTY_BAR, plot.height() * bar.value / busiest)
            left = plot.left() + number * step + step * GAP / 2
            rect = QRectF(left, plot.bottom() - tall, step * (1 - GAP), tall)
            people = bar.value if bar.people < 0 else bar.people
            marks.append(Mark(bar.key, rect, bar.words, people))
        return marks

    def paint_chart(self, painter: QPainter) -> None:
        palette = self.palette()
        muted = theme.muted(palette)
        plot = self._plot()
        painter.setPen(muted)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        line = QFontMetricsF(self.font()).height()
        locale = QLocale()
        fill = palette.color(QPalette.ColorRole.Highlight)
        short = self._short_labels()
        for bar, mark in zip(self.bars, self.marks, strict=True):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill if bar.value else muted)
            painter.drawRoundedRect(mark.rect, 2.5, 2.5)
            column = QRectF(mark.rect.left() - 8, 0, mark.rect.width() + 16, self.height())
            painter.setPen(palette.color(QPalette.ColorRole.WindowText) if bar.value else muted)
            if bar.value:
                above = QRectF(column.left(), mark.rect.top() - line - 2, column.width(), line)
                painter.drawText(above, Qt.AlignmentFlag.AlignCenter, locale.toString(bar.value))
            painter.setPen(muted)
            below = QRectF(column.left(), plot.bottom() + 4, column.width(), line)
            text = bar.label[:1] if short else bar.label
            painter.drawText(below, Qt.AlignmentFlag.AlignCenter, text)

    def _short_labels(self) -> bool:
        """Labels cut to their first letter ("J F M") when the full ones would run together."""
        if not self.bars:
            return False
        metrics = QFontMetricsF(self.font())
        widest = max(metrics.horizontalAdvance(bar.label) for bar in self.bars)
        return widest + 4 > self._plot().width() / len(self.bars)
