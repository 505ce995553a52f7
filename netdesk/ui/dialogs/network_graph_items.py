"""What the network picture's nodes are drawn with: a node and the ring marking it.

Thousands of people stay cheap to draw: hubs are cached as pixmaps (`DeviceCoordinateCache`;
a person's dot is cheaper to draw again than to copy), and a person's name
(`network_graph_label`) is made only when first shown: zoomed in far enough, hovered or found.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from netdesk.core.network_graph import Node, NodeKind
from netdesk.qt import plain
from netdesk.ui.dialogs.network_graph_colours import Colours
from netdesk.ui.dialogs.network_graph_label import Label

OUTLINE_LOD = 0.35  # below this zoom a person is a plain dot
# stacking, bottom to top: people, the people found, people's names, hubs, hubs' names, then
# the names of the people found or opened (searched for: no hub's name may hide them)
PERSON_Z, MARKED_Z, PERSON_LABEL_Z, HUB_Z, HUB_LABEL_Z, MARKED_LABEL_Z = 1, 2, 2.5, 3, 4, 5
MARK_RADIUS, MARK_WIDTH = 9.0, 3.0  # the ring around a found person, in pixels


class Side(enum.Enum):
    """Where a label sits beside its node."""

    BELOW = "below"
    ABOVE = "above"
    RIGHT = "right"
    LEFT = "left"


class NodeItem(QGraphicsItem):
    """You, a hub or a person: a disc (a rounded square for an organisation) and its label."""

    def __init__(
        self,
        node: Node,
        radius: float,
        hue: int | None,
        font: QFont,
        hovered: Callable[[str, bool], None],
    ) -> None:
        super().__init__()
        self.node, self.radius, self.hue = node, radius, hue
        self.found = False  # matched by the search
        self.chosen = False
        self.hovered = False
        self._on_hover = hovered
        self._fill, self._outline = QColor(), QColor()
        if node.kind is not NodeKind.PERSON:
            # hubs only: a person's dot is cheaper to draw than to copy from its own pixmap
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptHoverEvents(True)
        self.setToolTip(plain.tooltip(node.describe()) if node.kind is not NodeKind.YOU else "")
        self.setZValue(PERSON_Z if self.is_person else HUB_Z)
        self._font = font
        self._colours: Colours | None = None
        # made when first shown: most people are never named or found in a session
        self.label: Label | None = None
        self.marker: Marker | None = None
        self._side = Side.RIGHT if self.is_person else Side.BELOW

    @property
    def is_person(self) -> bool:
        return self.node.kind is NodeKind.PERSON

    def show_label(self, visible: bool) -> None:
        if self.label is None:
            if not visible:
                return
            self.label = self._make_label()
        if self.label.isVisible() != visible:
            self.label.setVisible(visible)

    def _ensure_label(self) -> Label:
        """The label, made hidden if it was not yet: its size is its text's."""
        if self.label is None:
            self.label = self._make_label()
            self.label.setVisible(False)
        return self.label

    def _make_label(self) -> Label:
        """A label of its own in the scene, over every dot (a child would be stacked with its
        node, under the dots drawn after it)."""
        label = Label(self.node.label, self, self._font, self.toolTip())
        self.scene().addItem(label)
        self.label = label
        self.place_label(self._side)
        label.setZValue(PERSON_LABEL_Z if self.is_person else HUB_LABEL_Z)
        self._show_marked()
        if self._colours is not None:
            label.set_colours(self._colours.text, self._colours.base, self._colours.highlight)
        return label

    def place_label(self, side: Side) -> None:
        """The label beside the node: placed in scene units from the node's edge, then moved
        in pixels (its own size) clear of the node and a search ring."""
        assert self.label is not None
        self._side = side
        at, shift = self._label_offsets(side)
        self.label.setPos(self.pos() + at)
        self.label.setTransform(QTransform.fromTranslate(shift.x(), shift.y()))

    def move_to(self, at: QPointF) -> None:
        """The node and its label to `at` (the label on the side it was)."""
        if self.pos() != at:
            self.setPos(at)
            if self.label is not None:
                self.place_label(self._side)

    def take_away(self) -> None:
        """Out of the scene, with its label."""
        scene = self.scene()
        if self.label is not None and self.label.scene() is not None:
            self.label.scene().removeItem(self.label)
        if scene is not None:
            scene.removeItem(self)

    def label_rect(self, side: Side, zoom: float) -> QRectF:
        """Where the label would cover in the scene at `zoom`, put on `side`."""
        size = self._ensure_label().boundingRect()
        at, shift = self._label_offsets(side)
        return QRectF(
            self.pos() + at + shift / zoom, QSizeF(size.width() / zoom, size.height() / zoom)
        )

    def _label_offsets(self, side: Side) -> tuple[QPointF, QPointF]:
        assert self.label is not None
        size, r = self.label.boundingRect(), self.radius
        w, h = size.width(), size.height()
        clear = MARK_RADIUS + MARK_WIDTH + 3 if self.is_person else 4
        return {
            Side.BELOW: (QPointF(0, r), QPointF(-w / 2, 4)),
            Side.ABOVE: (QPointF(0, -r), QPointF(-w / 2, -h - 4)),
            Side.RIGHT: (QPointF(r, 0), QPointF(clear, -h / 2)),
            Side.LEFT: (QPointF(-r, 0), QPointF(-w - clear, -h / 2)),
        }[side]

    def disc(self) -> QRectF:
        r = self.radius
        return QRectF(self.pos().x() - r, self.pos().y() - r, 2 * r, 2 * r)

    def set_colours(self, colours: Colours) -> None:
        if self.node.kind is NodeKind.YOU:
            self._fill = colours.highlight
        elif self.is_person:
            self._fill = colours.member(self.hue)
        else:
            self._fill = colours.hub(self.hue if self.node.kind is NodeKind.CIRCLE else None)
        self._outline = colours.text
        self._colours = colours
        if self.label is not None:
            self.label.set_colours(colours.text, colours.base, colours.highlight)
        if self.marker is not None:
            self.marker.set_colour(colours.highlight)
        self.update()

    def mark(
        self,
        *,
        found: bool | None = None,
        chosen: bool | None = None,
        hovered: bool | None = None,
    ) -> None:
        """Found by the search, or the person last opened: ringed, and named at any zoom;
        hovered too: the name on an opaque plate over every hub and name."""
        self.found = self.found if found is None else found
        self.chosen = self.chosen if chosen is None else chosen
        self.hovered = self.hovered if hovered is None else hovered
        ringed = self.found or self.chosen
        if self.marker is None and ringed:
            self.marker = Marker(self)
            self.marker.setZValue(2)
            if self._colours is not None:
                self.marker.set_colour(self._colours.highlight)
        if self.marker is not None:
            self.marker.setVisible(ringed)
        self._show_marked()

    def _show_marked(self) -> None:
        if not self.is_person:
            return
        marked = self.found or self.chosen or self.hovered
        self.setZValue(MARKED_Z if marked else PERSON_Z)
        if self.label is not None:
            self.label.setZValue(MARKED_LABEL_Z if marked else PERSON_LABEL_Z)
            self.label.emphasise(marked)

    def boundingRect(self) -> QRectF:
        r = self.radius + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= OUTLINE_LOD)
        painter.setBrush(QBrush(self._fill))
        if lod >= OUTLINE_LOD or not self.is_person:
            outline = QColor(self._outline)
            outline.setAlpha(110)
            painter.setPen(QPen(outline, 0))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        r = self.radius
        if self.node.kind is NodeKind.ORGANISATION:
            painter.drawRoundedRect(QRectF(-r, -r, 2 * r, 2 * r), r / 3, r / 3)
        else:
            painter.drawEllipse(QPointF(0, 0), r, r)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.mark(hovered=True)
        self._on_hover(self.node.key, True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.mark(hovered=False)
        self._on_hover(self.node.key, False)
        super().hoverLeaveEvent(event)


class Marker(QGraphicsItem):
    """A ring of the same size on screen at any zoom around a found or chosen node."""

    def __init__(self, parent: NodeItem) -> None:
        super().__init__(parent)
        self.pen = QPen()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_colour(self, colour: QColor) -> None:
        self.pen = QPen(colour, MARK_WIDTH)
        self.update()

    def boundingRect(self) -> QRectF:
        r = MARK_RADIUS + MARK_WIDTH
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(0, 0), MARK_RADIUS, MARK_RADIUS)
