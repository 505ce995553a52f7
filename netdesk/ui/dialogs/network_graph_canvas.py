"""The network picture itself: you in the middle, your circles and organisations as hubs, your
people clustered around them, and the lines between them.

Zoom with the wheel (the dialog adds keys and buttons), drag to move. A search highlights the
people whose name holds the text and centres them. Hovering shows a person's name,
organisation and circles with their lines; clicking a person emits `person_clicked`, clicking
a hub zooms to its people.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QWidget

from netdesk.core.graph_layout import Layout
from netdesk.core.network_graph import EdgeKind, Network, NodeKind
from netdesk.ui.dialogs import network_graph_naming as naming
from netdesk.ui.dialogs.network_graph_colours import Colours, hub_hue
from netdesk.ui.dialogs.network_graph_items import NodeItem
from netdesk.ui.dialogs.network_graph_label import Label
from netdesk.ui.dialogs.network_graph_lines import FAINT_LOD, LineLayer
from netdesk.ui.dialogs.network_graph_naming import LABEL_SCALE
from netdesk.ui.dialogs.network_graph_search import matching
from netdesk.ui.dialogs.network_graph_viewpoint import Viewpoint
from netdesk.ui.widgets import theme

ZOOM_STEP = 1.25
MIN_SCALE, MAX_SCALE = 0.02, 8.0
FIT_MAX_SCALE = 1.5  # showing everyone never blows a small network (or you alone) up
MARGIN = 40.0
EDGE_ORDER = (  # bottom to top
    EdgeKind.WORKED_AT,
    EdgeKind.WORKS_AT,
    EdgeKind.MEMBER,
    EdgeKind.YOURS,
    EdgeKind.INTRODUCED,
    EdgeKind.RELATIONSHIP,
)


class GraphView(QGraphicsView):
    """The picture: zoom, pan, search highlights, hover and click."""

    person_clicked = Signal(int)
    zoomed = Signal(float)  # the new scale

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network_view")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # dragging moves the picture; scroll bars would only change the size fitting has to fill
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.nodes: dict[str, NodeItem] = {}
        self.layers: dict[EdgeKind, LineLayer] = {}
        self.neighbours: dict[str, list[tuple[str, EdgeKind]]] = defaultdict(list)
        self.found: list[str] = []  # keys matching the search, in name order
        self.content = QRectF()  # around every node
        self._roomy: set[str] = set()  # people named when zoomed in, for `_roomy_at`
        self._roomy_at = 0.0
        self.fitted = False  # showing all of it, as it will again after a resize
        self._hover_lines = LineLayer(EdgeKind.YOURS, [])
        self._hover_lines.setZValue(0.5)
        self._colours = Colours.of(self.palette())
        self._press = QPoint()
        self._hovered = ""
        self._chosen = ""
        self._hue_of: dict[str, int] = {}  # each circle's hue, kept when drawn again

    # --- building -----------------------------------------------------------------------------

    def show_network(self, net: Network, layout: Layout, *, keep_view: bool = False) -> None:
        """Draw `net` as laid out. Drawn again after a change (`keep_view`), the picture keeps
        its zoom, the place looked at, the circles' colours, the person chosen and hovered,
        and the items (and cached names) of every node unchanged; it is painted once, done."""
        viewpoint = Viewpoint.of(self) if keep_view and self.nodes else None
        if viewpoint is None:
            self._clear()
            self._colours = Colours.of(self.palette())
            self.setBackgroundBrush(self._colours.base)
        self._update_nodes(net, layout, self._hues(net, self._hue_of))
        self._add_lines(net, layout)
        self._set_content(layout)
        self._roomy_at = 0.0
        if viewpoint is None:
            self.fit()
        else:
            viewpoint.restore(self)
        self._show_lines_of(self._hovered or self._chosen)

    def _clear(self) -> None:
        self.scene().clear()
        self.nodes.clear()
        self.layers.clear()
        self._hover_lines = LineLayer(EdgeKind.YOURS, [])  # the old one went with the scene's
        self.found, self._hovered, self._chosen = [], "", ""
        self._hue_of = {}

    def _update_nodes(self, net: Network, layout: Layout, hues: dict[str, int]) -> None:
        """An item for each node: one already drawn for the same node is moved where the
        layout puts it, any other made anew; those of nodes gone are taken away."""
        fonts = {
            False: theme.scaled_font(self, 1.0, QFont.Weight.DemiBold),
            True: theme.scaled_font(self, 0.9),
        }
        drawn, self.nodes = self.nodes, {}
        for key, node in net.nodes.items():
            radius, hue = layout.radii[key], hues.get(layout.cluster.get(key, key))
            item = drawn.pop(key, None)
            if item is not None and (item.node, item.radius, item.hue) != (node, radius, hue):
                item.take_away()
                item = None
            if item is None:
                item = NodeItem(node, radius, hue, fonts[node.kind is NodeKind.PERSON], self._hover)
                self.scene().addItem(item)
                item.set_colours(self._colours)
            item.move_to(QPointF(*layout.positions[key]))
            self.nodes[key] = item
        for item in drawn.values():
            item.take_away()
        if not (self._hovered in self.nodes and self.nodes[self._hovered].hovered):
            self._hovered = ""  # its item was made anew: the next move of the mouse says
        if self._chosen not in self.nodes:
            self._chosen = ""
        self.found = [key for key in self.found if key in self.nodes]

    def _set_content(self, layout: Layout) -> None:
        left, top, right, bottom = layout.bounds()
        self.content = QRectF(left, top, right - left, bottom - top).adjusted(
            -MARGIN, -MARGIN, MARGIN, MARGIN
        )
        # room around the picture, so that any person can be brought to the middle
        room = max(self.content.width(), self.content.height())
        self.scene().setSceneRect(self.content.adjusted(-room, -room, room, room))

    def _hues(self, net: Network, before: dict[str, int]) -> dict[str, int]:
        """Distinct hues for the circles, in their order; a circle drawn `before` keeps its
        hue, a new one takes the first left."""
        circles = [n.key for n in net.hubs() if n.kind is NodeKind.CIRCLE]
        kept = {key: before[key] for key in circles if key in before}
        free = (n for n in itertools.count() if hub_hue(n) not in kept.values())
        self._hue_of = {key: kept[key] if key in kept else hub_hue(next(free)) for key in circles}
        return self._hue_of

    def _add_lines(self, net: Network, layout: Layout) -> None:
        """The line layers (and the hovered node's) made anew, and who neighbours whom."""
        for layer in (*self.layers.values(), self._hover_lines):
            if layer.scene() is not None:
                self.scene().removeItem(layer)
        self.neighbours.clear()
        lines: dict[EdgeKind, list[QLineF]] = defaultdict(list)
        at = layout.positions
        for edge in net.edges:
            (x1, y1), (x2, y2) = at[edge.source], at[edge.target]
            lines[edge.kind].append(QLineF(x1, y1, x2, y2))
            self.neighbours[edge.source].append((edge.target, edge.kind))
            self.neighbours[edge.target].append((edge.source, edge.kind))
        for z, kind in enumerate(EDGE_ORDER):
            layer = LineLayer(kind, lines[kind], FAINT_LOD if kind is EdgeKind.WORKED_AT else 0)
            layer.setZValue(z / 100)
            layer.pen = self._colours.edge_pen(kind)
            self.scene().addItem(layer)
            self.layers[kind] = layer
        self._hover_lines = LineLayer(EdgeKind.YOURS, [])
        self._hover_lines.setZValue(0.5)
        self._hover_lines.pen = self._colours.highlight_pen()
        self.scene().addItem(self._hover_lines)

    def apply_palette(self) -> None:
        """Colours for the palette now in use (light or dark)."""
        self._colours = colours = Colours.of(self.palette())
        self.setBackgroundBrush(colours.base)
        for item in self.nodes.values():
            item.set_colours(colours)
        for kind, layer in self.layers.items():
            layer.pen = colours.edge_pen(kind)
            layer.update()
        self._hover_lines.pen = colours.highlight_pen()
        self._hover_lines.update()

    # --- zoom ---------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        factor = max(MIN_SCALE, min(MAX_SCALE, self.zoom * factor)) / self.zoom
        self.scale(factor, factor)
        self.fitted = False
        self._zoom_changed()

    def fit(self) -> None:
        self.fitInView(self.content, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > FIT_MAX_SCALE:
            shrink = FIT_MAX_SCALE / self.zoom
            self.scale(shrink, shrink)
            self.centerOn(self.content.center())
        self.fitted = True
        self._zoom_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A picture still fitted stays fitted as the window grows or shrinks."""
        super().resizeEvent(event)
        if self.fitted and not self.content.isEmpty():
            self.fit()

    def _zoom_changed(self) -> None:
        self.update_labels()
        self._place_labels()
        self.zoomed.emit(self.zoom)

    def _place_labels(self) -> None:
        found = [self.nodes[key] for key in self.found]
        naming.place_labels(self.nodes.values(), found, self.zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    # --- labels, hover, search ----------------------------------------------------------------

    @property
    def names_shown(self) -> bool:
        return self.zoom >= LABEL_SCALE

    def update_labels(self) -> None:
        """Hubs are always named; people when found, chosen, hovered or linked to the one
        hovered, and when zoomed in, those whose names cover no other name."""
        roomy = self._roomy_names() if self.names_shown else set()
        marked = {*self.found, self._hovered, self._chosen}
        marked.update(other for other, _kind in self.neighbours.get(self._hovered, ()))
        for key, item in self.nodes.items():
            item.show_label(not item.is_person or key in roomy or key in marked)

    def _roomy_names(self) -> set[str]:
        """The people named at this zoom: in name order, each whose name covers no name taken
        before it (worked out once per zoom, not on every hover)."""
        if self._roomy_at != self.zoom:
            people = [item for item in self.nodes.values() if item.is_person]
            self._roomy = naming.uncluttered(people, self.zoom)
            self._roomy_at = self.zoom
        return self._roomy

    def _hover(self, key: str, entered: bool) -> None:
        self._hovered = key if entered else ""
        self._show_lines_of(self._hovered or self._chosen)
        self.update_labels()

    def _show_lines_of(self, key: str) -> None:
        """The lines of the hovered (or else chosen) node, drawn strong over the others."""
        lines = []
        if key and key in self.nodes:
            start = self.nodes[key].pos()
            for other, _kind in self.neighbours.get(key, ()):
                lines.append(QLineF(start, self.nodes[other].pos()))
        self._hover_lines.set_lines(lines)

    def search(self, text: str, *, centre: bool = True) -> list[str]:
        """Highlight the people whose name holds `text` (case and accents ignored), centre them
        unless all are in view already (or not `centre`), and return their keys."""
        for key in self.found:
            self.nodes[key].mark(found=False)
        self.found = matching(self.nodes.values(), text)
        for key in self.found:
            self.nodes[key].mark(found=True)
        self.update_labels()
        self._place_labels()
        if centre and self.found and not self._in_view(self.found):
            self.centre_on(self.found)
        return self.found

    def _in_view(self, keys: list[str]) -> bool:
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        return all(shown.contains(self.nodes[key].pos()) for key in keys)

    def centre_on(self, keys: list[str]) -> None:
        points = [self.nodes[k].pos() for k in keys]
        x = sum(p.x() for p in points) / len(points)
        y = sum(p.y() for p in points) / len(points)
        self.centerOn(QPointF(x, y))
        self.fitted = False

    def open_person(self, key: str) -> None:
        self.choose(key)
        self.person_clicked.emit(self.nodes[key].node.person_id)

    @property
    def chosen(self) -> str:
        """The key of the person last opened ("" for nobody)."""
        return self._chosen

    def choose(self, key: str) -> None:
        """Mark a person as the one last opened."""
        if self._chosen in self.nodes:
            self.nodes[self._chosen].mark(chosen=False)
        self._chosen = key
        self.nodes[key].mark(chosen=True)
        self._show_lines_of(self._hovered or key)
        self.update_labels()

    # --- clicks -------------------------------------------------------------------------------

    def node_at(self, pos: QPoint) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, Label):
                return item.owner  # a click on a name is a click on its node
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if item is not None:
                return item
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = (event.position().toPoint() - self._press).manhattanLength()
        if event.button() != Qt.MouseButton.LeftButton or moved > QApplication.startDragDistance():
            self.fitted = False
            return  # a drag moved the picture
        item = self.node_at(event.position().toPoint())
        if item is None:
            return
        if item.is_person:
            self.open_person(item.node.key)
        else:
            self._zoom_to_cluster(item)

    def _zoom_to_cluster(self, item: NodeItem) -> None:
        members = [
            k for k, kind in self.neighbours.get(item.node.key, ()) if kind is not EdgeKind.YOURS
        ]
        rect = QRectF(item.pos(), item.pos())
        for key in members:
            rect = rect.united(QRectF(self.nodes[key].pos(), self.nodes[key].pos()))
        self.fitInView(
            rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN), Qt.AspectRatioMode.KeepAspectRatio
        )
        self.zoom_by(1.0)  # within the limits, labels updated

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
