"""Horizontal bars, one row each, made of coloured segments: a circle's people by health, or the
people met at an event. A row has its label on the left and its total on the right.

Rows are either shares (every row full width, so small circles compare with big ones) or
lengths (scaled to the longest row). Colours come from the owner, picked for the palette in
use, so the chart follows light and dark mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from netdesk.qt import plain
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.chart_marks import Mark, MarkChart

ROW = 26
BAR = 16
LABEL_SHARE = 0.34  # of the width, at most, for the labels (unless the owner says)
MIN_SEGMENT = 3.0  # a segment holding anyone stays visible however small its share

# (fill, text on it) for a segment's colour key on a palette
Colours = Callable[[object, QPalette], tuple[QColor, QColor]]


@dataclass(frozen=True)
class Segment:
    key: object
    value: int
    colour: object  # a key for the owner's colours (a health state, say)
    words: str


@dataclass(frozen=True)
class Row:
    label: str
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(segment.value for segment in self.segments)


class StackedBars(MarkChart):
    def __init__(
        self,
        name: str,
        colours: Colours,
        *,
        shares: bool,
        label_share: float = LABEL_SHARE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(name, parent)
        self.colours = colours
        self.shares = shares
        self.label_share = label_share
        self.rows: list[Row] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[Row], summary: str) -> None:
        self.rows = list(rows)
        self.setFixedHeight(max(1, len(self.rows)) * ROW + 4)
        self.set_summary(summary)
        self.relayout()

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self.rows)) * ROW + 4)

    def _columns(self) -> tuple[float, float, float]:
        """(label width, bar left, bar width)."""
        metrics = QFontMetricsF(self.font())
        widest = max(
            (metrics.horizontalAdvance(plain.clip(r.label, 40)) for r in self.rows), default=0
        )
        label = min(widest + 8, self.width() * self.label_share)
        total = max(
            (metrics.horizontalAdvance(QLocale().toString(r.total)) for r in self.rows), default=0
        )
        left = label + 6
        return label, left, max(1.0, self.width() - left - total - 12)

    def layout_marks(self) -> list[Mark]:
        _label, left, width = self._columns()
        longest = max((row.total for row in self.rows), default=0) or 1
        marks = []
        for number, row in enumerate(self.rows):
            top = number * ROW + (ROW - BAR) / 2 + 2
            span = width if self.shares else width * row.total / longest
            shown = [s for s in row.segments if s.value]
            slack = span - MIN_SEGMENT * len(shown)  # what is shared out beyond the minimum
            x = left
            for segment in shown:
                share = segment.value / (row.total or 1)
                wide = MIN_SEGMENT + max(0.0, slack) * share
                marks.append(
                    Mark(segment.key, QRectF(x, top, wide, BAR), segment.words, segment.value)
                )
                x += wide
        return marks

    def paint_chart(self, painter: QPainter) -> None:
        palette = self.palette()
        label_width, left, width = self._columns()
        metrics = QFontMetricsF(self.font())
        locale = QLocale()
        text = palette.color(QPalette.ColorRole.WindowText)
        track = theme.subtle_fill(palette)
        segments = iter(self.marks)
        for number, row in enumerate(self.rows):
            band = QRectF(0, number * ROW + 2, self.width(), ROW)
            label = metrics.elidedText(
                plain.clip(row.label), Qt.TextElideMode.ElideRight, label_width
            )
            painter.setPen(text)
            painter.drawText(
                QRectF(0, band.top(), label_width, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            if self.shares:
                painter.setBrush(track)
                painter.drawRoundedRect(
                    QRectF(left, band.top() + (ROW - BAR) / 2, width, BAR), 3, 3
                )
            end = left + width if self.shares else left
            for segment in (s for s in row.segments if s.value):
                mark = next(segments)
                fill, on_fill = self.colours(segment.colour, palette)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRect(mark.rect)
                count = locale.toString(mark.people)
                # a lone segment's count is the row's total, said once on its right
                fits = metrics.horizontalAdvance(count) + 6 < mark.rect.width()
                if fits and len(row.segments) > 1:
                    painter.setPen(on_fill)
                    painter.drawText(mark.rect, Qt.AlignmentFlag.AlignCenter, count)
                end = mark.rect.right()
            painter.setPen(theme.muted(palette))
            painter.drawText(
                QRectF(end + 6, band.top(), self.width() - end - 6, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                locale.toString(row.total),
            )
