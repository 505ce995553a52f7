"""Today: everything due now (keep in touch, birthdays, follow-ups, promises), one line each."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from netdesk.qt import formatting, plain
from netdesk.qt.avatars import AvatarCache
from netdesk.qt.due_model import DueModel, Role
from netdesk.ui.widgets import theme

if TYPE_CHECKING:
    from netdesk.core.due import DueItem

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 54
AVATAR = 32


class DueDelegate(QStyledItemDelegate):
    def __init__(self, avatars: AvatarCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.avatars = avatars

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(300, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item: DueItem | None = index.data(Role.ITEM)
        if item is None:
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ratio = option.widget.devicePixelRatioF() if option.widget else 1.0
        avatar = self.avatars.get(item.person_id, item.name, True, AVATAR, ratio)
        painter.drawPixmap(
            QRect(rect.left() + 12, rect.top() + (rect.height() - AVATAR) // 2, AVATAR, AVATAR),
            avatar,
        )
        # the kind as a tinted badge on the right, with when it is due
        background, foreground = theme.due_colours(item.kind, palette)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
        small.setWeight(QFont.Weight.DemiBold)
        kind = formatting.due_kind(item.kind)
        metrics = QFontMetrics(small)
        badge_width = metrics.horizontalAdvance(kind) + 18
        when = formatting.in_days(item.due, dt.date.today())
        when_width = QFontMetrics(option.font).horizontalAdvance(when) + 8
        right = rect.right() - 12
        painter.setFont(option.font)
        painter.setPen(palette.color(text_role) if selected else theme.muted(palette))
        painter.drawText(
            QRect(right - when_width, rect.top(), when_width, rect.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            when,
        )
        badge = QRect(
            right - when_width - 10 - badge_width,
            rect.top() + (rect.height() - metrics.height() - 6) // 2,
            badge_width,
            metrics.height() + 6,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setFont(small)
        painter.setPen(foreground)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, kind)
        # name and detail
        left = rect.left() + 12 + AVATAR + 12
        width = badge.left() - 12 - left
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        line = QFontMetrics(bold).height()
        top = rect.top() + (rect.height() - 2 * line - 2) // 2
        painter.drawText(
            QRect(left, top, width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(
                plain.clip(item.name), Qt.TextElideMode.ElideRight, width
            ),
        )
        painter.setFont(option.font)
        painter.setPen(palette.color(text_role) if selected else theme.muted(palette))
        painter.drawText(
            QRect(left, top + line + 2, width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(option.font).elidedText(
                plain.clip(item.detail), Qt.TextElideMode.ElideRight, width
            ),
        )
        painter.restore()


class TodayView(QListView):
    """Emits `current_person_changed(int)` as the user moves through the list."""

    current_person_changed = Signal(int)
    person_activated = Signal(int)

    def __init__(self, model: DueModel, avatars: AvatarCache, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("today_list")
        self.setModel(model)
        self.setItemDelegate(DueDelegate(avatars, self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(
            lambda index: self.person_activated.emit(int(index.data(Role.PERSON_ID) or 0))
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_person_changed.emit(int(current.data(Role.PERSON_ID) or 0))
