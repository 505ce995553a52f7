"""The interaction timeline inside the person pane: date on the left, what happened and with whom
on the right, notes wrapped below. The list grows to its content (the pane scrolls, not it)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from netdesk.core.interactions import TimelineEntry
from netdesk.qt import formatting, plain
from netdesk.qt.timeline_model import Role, TimelineModel, headline, with_whom
from netdesk.ui.widgets import theme

Index = QModelIndex | QPersistentModelIndex

DATE_WIDTH = 92
GAP = 12
PADDING = 7
NOTES_LINES = 4
NOTES_CHARS = 2_000  # more than NOTES_LINES show; wrapping a longer text would only cost time


class TimelineDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today

    def _blocks(self, entry: TimelineEntry) -> tuple[str, str, str]:
        follow = ""
        if entry.follow_up and not entry.follow_up_done:
            follow = self.tr("Follow up %1").replace("%1", formatting.in_days(entry.follow_up))
        whom = with_whom(entry)
        second = " · ".join(x for x in (whom, follow) if x)
        return headline(entry), second, plain.clip(entry.notes.strip(), NOTES_CHARS)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        return max(80, option.rect.width() - DATE_WIDTH - GAP - 2 * PADDING)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        entry: TimelineEntry | None = index.data(Role.ENTRY)
        if entry is None:
            return QSize(0, 0)
        width = option.rect.width()
        view = self.parent()
        if isinstance(view, QListView):
            width = view.viewport().width()
        option.rect.setWidth(width)
        title, second, notes = self._blocks(entry)
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        text_width = self._text_width(option)
        height = PADDING + _wrapped_height(QFontMetrics(bold), title, text_width, 2)
        small = QFontMetrics(option.font)
        if second:
            height += 2 + _wrapped_height(small, second, text_width, 2)
        if notes:
            height += 4 + _wrapped_height(small, notes, text_width, NOTES_LINES)
        return QSize(width, height + PADDING + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry: TimelineEntry | None = index.data(Role.ENTRY)
        if entry is None:
            return
        painter.save()
        palette = option.palette
        rect = option.rect
        muted = theme.muted(palette)
        # date column
        painter.setPen(muted)
        date_rect = QRect(rect.left() + PADDING, rect.top() + PADDING, DATE_WIDTH, rect.height())
        painter.drawText(
            date_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            formatting.short_date(entry.when, self.today),
        )
        left = rect.left() + PADDING + DATE_WIDTH + GAP
        width = self._text_width(option)
        title, second, notes = self._blocks(entry)
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        y = rect.top() + PADDING
        y = _draw_wrapped(painter, title, QRect(left, y, width, 0), 2)
        painter.setFont(option.font)
        if second:
            painter.setPen(muted)
            y = _draw_wrapped(painter, second, QRect(left, y + 2, width, 0), 2)
        if notes:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            _draw_wrapped(painter, notes, QRect(left, y + 4, width, 0), NOTES_LINES)
        # a hairline between entries
        painter.setPen(theme.subtle_fill(palette).darker(115))
        painter.drawLine(
            rect.left() + PADDING, rect.bottom(), rect.right() - PADDING, rect.bottom()
        )
        painter.restore()


def _wrapped_height(metrics: QFontMetrics, text: str, width: int, max_lines: int) -> int:
    flags = int(Qt.TextFlag.TextWordWrap)
    height = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text).height()
    return min(height, metrics.lineSpacing() * max_lines)


def _draw_wrapped(painter: QPainter, text: str, area: QRect, max_lines: int) -> int:
    """Draw wrapped text (at most `max_lines`, elided); returns the y below it."""
    metrics = painter.fontMetrics()
    height = _wrapped_height(metrics, text, area.width(), max_lines)
    full = metrics.boundingRect(
        QRect(0, 0, area.width(), 100_000), int(Qt.TextFlag.TextWordWrap), text
    ).height()
    box = QRect(area.left(), area.top(), area.width(), height)
    if full > height:  # too long: show the lines that fit and end the last with an ellipsis
        lines = max(1, height // metrics.lineSpacing())
        head = metrics.elidedText(
            " ".join(text.split()), Qt.TextElideMode.ElideRight, area.width() * lines - 10
        )
        painter.drawText(box, int(Qt.TextFlag.TextWordWrap), head)
    else:
        painter.drawText(box, int(Qt.TextFlag.TextWordWrap), text)
    return area.top() + height


class TimelineView(QListView):
    """A list that is as tall as its entries, for use inside a scrolling pane."""

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pane_timeline")
        self.setModel(model)
        self.setItemDelegate(TimelineDelegate(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setAutoFillBackground(False)
        model.modelReset.connect(self._fit)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()
            self._fit()

    def _fit(self) -> None:
        model = self.model()
        height = sum(self.sizeHintForRow(row) for row in range(model.rowCount()))
        self.setFixedHeight(max(height, 1) + 2 * self.frameWidth())
