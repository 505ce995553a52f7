"""View > Network picture…: you in the middle, your circles and organisations as hubs, your
people clustered around them, and the lines between them.

The network is read and laid out on the window's workers (`core.network_graph`,
`core.graph_layout`); only the scene is built here. Zoom with the wheel, Ctrl+= and Ctrl+-,
Ctrl+0 to fit; drag to move. The search field highlights the people whose name holds the text
and centres them (Enter goes to the next one). Hovering shows a person's name, organisation and
circles with their lines; clicking a person shows them in the main window, clicking a hub
zooms to its people.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import network_graph
from netdesk.core.graph_layout import Layout
from netdesk.core.network_graph import EdgeKind, Network, NodeKind
from netdesk.core.normalize import fold
from netdesk.qt import plain
from netdesk.qt.workers import Cancelled, Task, Workers
from netdesk.ui.dialogs.network_graph_items import (
    FAINT_LOD,
    Colours,
    Label,
    LineLayer,
    NodeItem,
    Side,
    hub_hue,
)
from netdesk.ui.widgets import theme

LABEL_SCALE = 1.2  # people are named from this zoom on (hubs always)
HUB_SIDES = (Side.BELOW, Side.ABOVE, Side.RIGHT, Side.LEFT)
PERSON_SIDES = (Side.RIGHT, Side.LEFT, Side.ABOVE, Side.BELOW)
NAME_CELL = 24.0  # pixels: a name's height, about
PLACED_NAMES = 200  # the names of this many people found are kept clear of others
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

    # --- building -----------------------------------------------------------------------------

    def show_network(self, net: Network, layout: Layout) -> None:
        scene = self.scene()
        scene.clear()
        self.nodes.clear()
        self.layers.clear()
        self.neighbours.clear()
        self.found, self._hovered, self._chosen = [], "", ""
        self._roomy_at = 0.0
        hues = self._hues(net)
        hub_font = theme.scaled_font(self, 1.0, QFont.Weight.DemiBold)
        font = theme.scaled_font(self, 0.9)
        for key, node in net.nodes.items():
            x, y = layout.positions[key]
            hue = hues.get(layout.cluster.get(key, key))
            item = NodeItem(
                node,
                layout.radii[key],
                hue,
                font if node.kind is NodeKind.PERSON else hub_font,
                self._hover,
            )
            item.setPos(x, y)
            scene.addItem(item)
            self.nodes[key] = item
        self._add_lines(net, layout)
        self._hover_lines = LineLayer(EdgeKind.YOURS, [])
        self._hover_lines.setZValue(0.5)
        scene.addItem(self._hover_lines)
        left, top, right, bottom = layout.bounds()
        self.content = QRectF(left, top, right - left, bottom - top).adjusted(
            -MARGIN, -MARGIN, MARGIN, MARGIN
        )
        # room around the picture, so that any person can be brought to the middle
        room = max(self.content.width(), self.content.height())
        scene.setSceneRect(self.content.adjusted(-room, -room, room, room))
        self.apply_palette()
        self.fit()

    @staticmethod
    def _hues(net: Network) -> dict[str, int]:
        circles = [n.key for n in net.hubs() if n.kind is NodeKind.CIRCLE]
        return {key: hub_hue(number) for number, key in enumerate(circles)}

    def _add_lines(self, net: Network, layout: Layout) -> None:
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
            self.scene().addItem(layer)
            self.layers[kind] = layer

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
        """Each hub's name below it, else above, right or left, on the side where it covers
        the least of the other hubs and names; then the names of the people found, right of
        them or elsewhere. Names keep their size on screen, so what they cover depends on the
        zoom. The largest hubs choose first."""
        hubs = [item for item in self.nodes.values() if not item.is_person]
        hubs.sort(key=lambda item: (-item.node.members, item.node.label))
        taken = [item.disc() for item in hubs]
        for number, item in enumerate(hubs):
            self._place_label(item, HUB_SIDES, taken[:number] + taken[number + 1 :], taken)
        for key in self.found[:PLACED_NAMES]:
            self._place_label(self.nodes[key], PERSON_SIDES, taken, taken)

    def _place_label(
        self, item: NodeItem, sides: tuple[Side, ...], others: list[QRectF], taken: list[QRectF]
    ) -> None:
        rects = {side: item.label_rect(side, self.zoom) for side in sides}
        side = min(sides, key=lambda side: _covered(rects[side], others))
        item.place_label(side)
        taken.append(rects[side])

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
            self._roomy = _uncluttered(people, self.zoom)
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

    def search(self, text: str) -> list[str]:
        """Highlight the people whose name holds `text` (case and accents ignored), centre them
        unless all are in view already, and return their keys."""
        for key in self.found:
            self.nodes[key].mark(found=False)
        wanted = fold(text)
        self.found = []
        if wanted:
            people = [i for i in self.nodes.values() if i.is_person and _named(i, wanted)]
            people.sort(key=lambda i: (fold(i.node.label), i.node.person_id))
            self.found = [i.node.key for i in people]
        for key in self.found:
            self.nodes[key].mark(found=True)
        self.update_labels()
        self._place_labels()
        if self.found and not self._in_view(self.found):
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


class NetworkGraphDialog(QDialog):
    """The picture with a search field, zoom buttons and a line saying what is shown."""

    person_chosen = Signal(int)
    loaded = Signal()  # the picture is shown (for tests)

    def __init__(self, parent: QWidget | None, workers: Workers) -> None:
        super().__init__(parent)
        self.setObjectName("network_graph_dialog")
        self.setWindowTitle(self.tr("Network picture"))
        self.resize(1000, 720)
        self._workers = workers
        self._task: Task | None = None
        self._asked = 0  # loads started; only the latest one's picture is shown
        self.network: Network | None = None
        self.view = GraphView(self)
        self.view.person_clicked.connect(self.person_chosen)
        self.query = QLineEdit(self)
        self.query.setObjectName("query")
        self.query.setPlaceholderText(self.tr("Find a person in the picture"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._search)
        self.query.returnPressed.connect(self._next_found)
        self.status = QLabel(self.tr("Drawing your network…"), self)
        self.status.setObjectName("status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it repeats what was typed
        self._found_at = 0
        legend = QLabel(
            self.tr(
                "Round hubs are circles, square ones organisations. Grey lines: circles and"
                " organisations (dashed: worked there before); orange: relationships; violet:"
                " introductions."
            ),
            self,
        )
        legend.setObjectName("legend")
        legend.setTextFormat(Qt.TextFormat.PlainText)
        legend.setWordWrap(True)
        legend.setFont(theme.scaled_font(self, 0.9))
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(legend)
        self._shortcuts()
        self.query.setFocus()  # type a name at once

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        for text, tip, slot in (
            ("−", self.tr("Zoom out (Ctrl+-)"), lambda: self.view.zoom_by(1 / ZOOM_STEP)),
            ("+", self.tr("Zoom in (Ctrl+=)"), lambda: self.view.zoom_by(ZOOM_STEP)),
            (self.tr("Fit"), self.tr("Show everyone (Ctrl+0)"), self.view.fit),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    def _shortcuts(self) -> None:
        """Ctrl+= (and the platform's zoom keys), Ctrl+- and Ctrl+0, wherever the focus is."""
        key = QKeySequence.StandardKey
        for name, keys, slot in (
            (
                self.tr("Zoom in"),
                ("Ctrl+=", "Ctrl++", key.ZoomIn),
                lambda: self.view.zoom_by(ZOOM_STEP),
            ),
            (
                self.tr("Zoom out"),
                ("Ctrl+-", key.ZoomOut),
                lambda: self.view.zoom_by(1 / ZOOM_STEP),
            ),
            (self.tr("Show everyone"), ("Ctrl+0",), self.view.fit),
            (self.tr("Open the person found"), ("Ctrl+Return", "Ctrl+Enter"), self._open_found),
        ):
            action = QAction(name, self)
            action.setShortcuts(_sequences(keys))
            action.triggered.connect(slot)
            self.addAction(action)

    def load(self) -> None:
        """Read and lay out the network in the background, then draw it; an earlier load still
        running is stopped, and its picture dropped if it arrives."""
        if self._task is not None:
            self._task.cancel()
        self._asked += 1
        asked = self._asked
        self._task = self._workers.start(
            lambda progress: (asked, _read_and_lay_out(progress.check)),
            on_done=self._show,  # a method: no call reaches a dialog already closed
            on_error=self._failed,
        )

    def _show(self, result: tuple[int, tuple[Network, Layout]]) -> None:
        asked, (network, layout) = result
        if asked != self._asked:
            return
        self._task = None
        self.network = network
        self.view.show_network(self.network, layout)
        self._say_what_is_shown()
        if self.query.text():
            self._search(self.query.text())
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):  # stopped for a newer load: that one reports
            self._task = None
            self.status.setText(
                self.tr("The picture could not be drawn: %1").replace("%1", str(exc))
            )

    def _say_what_is_shown(self) -> None:
        assert self.network is not None
        if not self.network.people():
            self.status.setText(
                self.tr("Nobody here yet: the people you add or import appear around you.")
            )
            return
        hubs = self.network.hubs()
        circles = sum(1 for h in hubs if h.kind is NodeKind.CIRCLE)
        organisations = len(hubs) - circles
        shared = self.network.shared_organisations
        if shared > organisations:  # only the largest are hubs
            places = self.tr("the %n largest of %1 shared organisations", "", organisations)
            places = places.replace("%1", f"{shared:,}")
        else:
            places = self.tr("%n shared organisation(s)", "", organisations)
        self.status.setText(
            self.tr("%n person(s)", "", len(self.network.people()))
            + ", "
            + self.tr("%n circle(s)", "", circles)
            + ", "
            + places
            + ". "
            + self.tr("Scroll to zoom, drag to move, click a person to open them.")
        )

    @Slot(str)
    def _search(self, text: str) -> None:
        if self.network is None:
            return
        found = self.view.search(text)
        self._found_at = 0
        if not text.strip():
            self._say_what_is_shown()
        elif found:
            self.status.setText(
                self.tr(
                    "%n person(s) found; Enter goes to the next, Ctrl+Enter opens that person.",
                    "",
                    len(found),
                )
            )
        else:
            self.status.setText(self.tr("Nobody named “%1”.").replace("%1", plain.clip(text)))

    def _next_found(self) -> None:
        if not self.view.found:
            return
        self._found_at = (self._found_at + 1) % len(self.view.found)
        self.view.centre_on([self.view.found[self._found_at]])

    def _open_found(self) -> None:
        """The keyboard's click: open the person found that Enter went to."""
        if self.view.found:
            self.view.open_person(self.view.found[self._found_at])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.view.setPalette(self.palette())


def show_picture(
    parent: QWidget, workers: Workers, reveal: Callable[[int], None]
) -> NetworkGraphDialog:
    """The window's one picture, drawn afresh (raised when already open); a person clicked in
    it is revealed by `reveal`."""
    dialog = parent.findChild(NetworkGraphDialog, "network_graph_dialog")
    if dialog is None:
        dialog = NetworkGraphDialog(parent, workers)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.person_chosen.connect(reveal)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.load()
    return dialog


def _uncluttered(people: list[NodeItem], zoom: float) -> set[str]:
    """Greedily, the people whose names (right of them) overlap no name kept before: rectangles
    are bucketed by a grid of cells about a name's height, so each is compared with its
    neighbours only."""
    cell = NAME_CELL / zoom
    buckets: dict[tuple[int, int], list[QRectF]] = defaultdict(list)
    kept: set[str] = set()
    for item in people:
        rect = item.label_rect(Side.RIGHT, zoom)
        cells = [
            (cx, cy)
            for cx in range(int(rect.left() // cell), int(rect.right() // cell) + 1)
            for cy in range(int(rect.top() // cell), int(rect.bottom() // cell) + 1)
        ]
        if any(rect.intersects(other) for c in cells for other in buckets[c]):
            continue
        kept.add(item.node.key)
        for c in cells:
            buckets[c].append(rect)
    return kept


def _covered(rect: QRectF, others: list[QRectF]) -> float:
    """How much of `others` the rectangle covers."""
    area = 0.0
    for other in others:
        if rect.intersects(other):
            common = rect.intersected(other)
            area += common.width() * common.height()
    return area


def _sequences(keys: tuple[str | QKeySequence.StandardKey, ...]) -> list[QKeySequence]:
    """Each key sequence once (a platform's standard zoom key may be one of ours)."""
    found: dict[str, QKeySequence] = {}
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences = QKeySequence.keyBindings(key)
        else:
            sequences = [QKeySequence(key)]
        for sequence in sequences:
            found.setdefault(sequence.toString(), sequence)
    return list(found.values())


def _named(item: NodeItem, wanted: str) -> bool:
    """A word of the name, folded, starts with `wanted` ("sou" finds Ana Souza, "rey" finds
    Jamal <Reyes>); the text may run on over the following words ("ana so")."""
    return re.search(r"(?<!\w)" + re.escape(wanted), fold(item.node.label)) is not None


def _read_and_lay_out(check: Callable[[], None]) -> tuple[Network, Layout]:
    net = network_graph.read()
    check()  # stopped between the two steps when a newer load or the window's close asks
    return net, net.layout()
