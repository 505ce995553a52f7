"""How Today draws one line: avatar, name over the reason, the kind as a tinted badge and when
it is due, with room kept on the right for the line's buttons.

The name always keeps room of its own. When a line is too narrow for everything (a selected line
shares its width with Done, Log, Snooze and Open), the date in words gives way first, then the
badge; both stay in the tooltip, with the full name and reason. The name and reason elide with
"…" and never run under the badge or the buttons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from netdesk.qt import formatting, plain
from netdesk.qt.avatars import AvatarCache
from netdesk.qt.due_model import Role
from netdesk.ui.widgets import theme

if TYPE_CHECKING:
    from collections.abc import Callable

    from netdesk.core.due import DueItem

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 54
AVATAR = 32
MARGIN = 12  # around the avatar, and between the text, the badge and the buttons
WHEN_GAP = 10  # between the badge and the date in words
NAME_ROOM = 16  # the name keeps at least this many average characters before anything else


@dataclass(frozen=True)
class LinePlaces:
    """Where each part of a line goes; a part without room is None."""

    text: QRect  # the name, and the reason under it
    badge: QRect | None
    when: QRect | None


def place_line(
    rect: QRect, reserved: int, name_room: int, badge: QSize, when_width: int
) -> LinePlaces:
    """The parts of a line in `rect` whose right `reserved` pixels are the buttons'. The name
    keeps `name_room` pixels (less when it is shorter); what does not fit beside it is left
    out: the date first, then the badge."""
    left = rect.left() + MARGIN + AVATAR + MARGIN
    right = rect.right() + 1 - MARGIN - reserved  # the first pixel that is not ours
    room = right - left - MARGIN
    with_badge = badge.width()
    with_when = with_badge + WHEN_GAP + when_width
    badge_at = when = None
    if room - with_when >= name_room:
        when = QRect(right - when_width, rect.top(), when_width, rect.height())
        badge_at = right - with_when
    elif room - with_badge >= name_room:
        badge_at = right - with_badge
    end = right if badge_at is None else badge_at - MARGIN
    text = QRect(left, rect.top(), max(0, end - left), rect.height())
    if badge_at is None:
        return LinePlaces(text, None, when)
    top = rect.top() + (rect.height() - badge.height()) // 2
    return LinePlaces(text, QRect(badge_at, top, badge.width(), badge.height()), when)


class DueDelegate(QStyledItemDelegate):
    def __init__(
        self, avatars: AvatarCache, reserved: Callable[[Index], int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.avatars = avatars
        self.reserved = reserved  # width kept free on a line's right for its buttons

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(300, ROW_HEIGHT)

    def places(self, option: QStyleOptionViewItem, index: Index, item: DueItem) -> LinePlaces:
        """Where the parts of `item`'s line go in `option.rect`."""
        small = QFontMetrics(_badge_font(option.font))
        badge = QSize(
            small.horizontalAdvance(formatting.due_kind(item.kind)) + 18, small.height() + 6
        )
        when = formatting.in_days(item.due, dt.date.today())
        when_width = QFontMetrics(option.font).horizontalAdvance(when) + 8
        bold = QFontMetrics(_name_font(option.font))
        name_room = min(
            bold.averageCharWidth() * NAME_ROOM, bold.horizontalAdvance(plain.clip(item.name))
        )
        return place_line(option.rect, self.reserved(index), name_room, badge, when_width)

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
        self._paint_avatar(painter, option, item)
        places = self.places(option, index, item)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if places.when is not None:
            self._paint_when(painter, option, item, places.when, selected)
        if places.badge is not None:
            self._paint_badge(painter, option, item, places.badge)
        self._paint_text(painter, option, item, places.text, selected)
        painter.restore()

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """The whole line in words: the full name and reason, the kind and the date."""
        item: DueItem | None = index.data(Role.ITEM)
        if event.type() != QEvent.Type.ToolTip or item is None:
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), self.tooltip(index), view)
        return True

    @staticmethod
    def tooltip(index: Index) -> str:
        item: DueItem = index.data(Role.ITEM)
        when = index.data(Qt.ItemDataRole.ToolTipRole)  # "Follow-up: 7 December 2026"
        return plain.tooltip("\n".join(part for part in (item.name, item.detail, when) if part))

    def _paint_avatar(self, painter: QPainter, option: QStyleOptionViewItem, item: DueItem) -> None:
        rect = option.rect
        ratio = option.widget.devicePixelRatioF() if option.widget else 1.0
        avatar = self.avatars.get(item.person_id, item.name, True, AVATAR, ratio)
        top = rect.top() + (rect.height() - AVATAR) // 2
        painter.drawPixmap(QRect(rect.left() + MARGIN, top, AVATAR, AVATAR), avatar)

    def _paint_when(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        item: DueItem,
        place: QRect,
        selected: bool,
    ) -> None:
        palette = option.palette
        painter.setFont(option.font)
        painter.setPen(_text_colour(palette, selected) if selected else theme.muted(palette))
        painter.drawText(
            place,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            formatting.in_days(item.due, dt.date.today()),
        )

    def _paint_badge(
        self, painter: QPainter, option: QStyleOptionViewItem, item: DueItem, place: QRect
    ) -> None:
        background, foreground = theme.due_colours(item.kind, option.palette)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(place, place.height() / 2, place.height() / 2)
        painter.setFont(_badge_font(option.font))
        painter.setPen(foreground)
        painter.drawText(place, Qt.AlignmentFlag.AlignCenter, formatting.due_kind(item.kind))

    def _paint_text(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        item: DueItem,
        place: QRect,
        selected: bool,
    ) -> None:
        """The name over the reason, each on one line, elided to the room the line gives."""
        if place.width() <= 0:
            return
        palette = option.palette
        bold = _name_font(option.font)
        line = QFontMetrics(bold).height()
        top = place.top() + (place.height() - 2 * line - 2) // 2
        width = place.width()
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        name = QFontMetrics(bold).elidedText(
            plain.clip(item.name), Qt.TextElideMode.ElideRight, width
        )
        painter.setFont(bold)
        painter.setPen(_text_colour(palette, selected))
        painter.drawText(QRect(place.left(), top, width, line), align, name)
        detail = QFontMetrics(option.font).elidedText(
            plain.clip(item.detail), Qt.TextElideMode.ElideRight, width
        )
        painter.setFont(option.font)
        painter.setPen(_text_colour(palette, selected) if selected else theme.muted(palette))
        painter.drawText(QRect(place.left(), top + line + 2, width, line), align, detail)


def _text_colour(palette: QPalette, selected: bool) -> QColor:
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    return palette.color(role)


def _name_font(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    return bold


def _badge_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
    small.setWeight(QFont.Weight.DemiBold)
    return small
