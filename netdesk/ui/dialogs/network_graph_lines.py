"""The network picture's lines: all the lines of one kind are one item painting them with one
opaque pen (thousands of items would be slow), cached as a pixmap of the part on screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from netdesk.core.network_graph import EdgeKind

SMOOTH_LINES_LOD = 1.0
FAINT_LOD = 0.3  # below this zoom past positions are left out: they only add haze


class LineLayer(QGraphicsItem):
    """All the lines of one kind, painted with one pen (thousands of items would be slow)."""

    def __init__(self, kind: EdgeKind, lines: Sequence[QLineF], min_lod: float = 0.0) -> None:
        super().__init__()
        self.kind, self.min_lod = kind, min_lod
        self.pen = QPen()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        # only the part on screen is cached: hovering and moving repaint no lines
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.set_lines(lines)

    def set_lines(self, lines: Sequence[QLineF]) -> None:
        self.prepareGeometryChange()
        self.lines = list(lines)
        xs = [x for line in self.lines for x in (line.x1(), line.x2())]
        ys = [y for line in self.lines for y in (line.y1(), line.y2())]
        if xs:
            self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            self._bounds.adjust(-2, -2, 2, 2)
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self.lines:
            return
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < self.min_lod:
            return
        # smoothing thousands of hair-thin lines costs more than it shows when zoomed out
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= SMOOTH_LINES_LOD)
        painter.setPen(self.pen)
        painter.drawLines(self.lines)
