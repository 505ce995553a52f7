"""A name in the network picture: plain text (never markup), the same size on screen at any
zoom, elided with "…" past `LABEL_CHARS` average characters (the whole name is in its tooltip).

A name sits on a faint plate of the background. The name of someone found, hovered or opened
is one the user is looking for, often in the thick of lines and dots: it gets an opaque plate
of the palette's base colour framed in its highlight, so nothing drawn under it shows through,
in a light palette or a dark one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from netdesk.qt import plain

if TYPE_CHECKING:
    from netdesk.ui.dialogs.network_graph_items import NodeItem

LABEL_CHARS = 28  # a name longer than this many average characters is elided
FAINT_PLATE = 200  # the opacity of an ordinary name's plate, out of 255
PADDING_X, PADDING_Y = 4.0, 2.0  # pixels between the name and its plate's edge


class Label(QGraphicsSimpleTextItem):
    def __init__(self, text: str, owner: NodeItem, font: QFont, tooltip: str) -> None:
        super().__init__(elided(plain.clip(text, 80), font))
        self.owner = owner  # the node it names (a label is not its child: see `NodeItem`)
        self.setFont(font)
        self.setToolTip(tooltip)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # text is slow to draw
        self.emphasised = False
        self._base, self._frame = QColor(), QColor()

    def set_colours(self, text: QColor, base: QColor, frame: QColor) -> None:
        self.setBrush(text)
        self._base, self._frame = QColor(base), QColor(frame)
        self.update()

    def emphasise(self, on: bool) -> None:
        """An opaque, framed plate (someone found, hovered or opened), or the faint one."""
        if on != self.emphasised:
            self.emphasised = on
            self.update()

    def plate(self) -> QColor:
        plate = QColor(self._base)
        if not self.emphasised:
            plate.setAlpha(FAINT_PLATE)
        return plate

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.emphasised:
            painter.setPen(QPen(self._frame, 1.0))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.plate())
        painter.drawRoundedRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        super().paint(painter, option, widget)

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(-PADDING_X, -PADDING_Y, PADDING_X, PADDING_Y)


def elided(text: str, font: QFont) -> str:
    """`text` as it fits `LABEL_CHARS` average characters of `font`, cut with "…"."""
    metrics = QFontMetrics(font)
    return metrics.elidedText(
        text, Qt.TextElideMode.ElideRight, metrics.averageCharWidth() * LABEL_CHARS
    )
