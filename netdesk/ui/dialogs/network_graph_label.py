"""A name in the network picture: plain text (never markup) on a plate of the background, the
same size on screen at any zoom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from netdesk.qt import plain

if TYPE_CHECKING:
    from netdesk.ui.dialogs.network_graph_items import NodeItem


class Label(QGraphicsSimpleTextItem):
    """A name on a faint plate of the background, the same size on screen at any zoom."""

    def __init__(self, text: str, owner: NodeItem, font: QFont) -> None:
        super().__init__(plain.clip(text, 80))
        self.owner = owner  # the node it names (a label is not its child: see `NodeItem`)
        self.setFont(font)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # text is slow to draw
        self.plate = QColor()

    def set_colours(self, text: QColor, plate: QColor) -> None:
        self.setBrush(text)
        self.plate = QColor(plate)
        self.plate.setAlpha(200)
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.plate)
        painter.drawRoundedRect(self.boundingRect(), 3, 3)
        super().paint(painter, option, widget)

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(-3, -1, 3, 1)
