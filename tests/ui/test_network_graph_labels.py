"""Names in the network picture stay readable: a long one is elided with its whole name in the
tooltip, and the name of someone found or hovered sits on an opaque plate of the palette's base
colour, so the lines under it do not show through, in a light palette and a dark one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette
from PySide6.QtTest import QTest

from netdesk.core.graph_layout import Layout
from netdesk.core.network_graph import YOU, Edge, EdgeKind, Network, Node, NodeKind
from netdesk.ui.dialogs.network_graph_canvas import GraphView
from netdesk.ui.dialogs.network_graph_label import LABEL_CHARS, PADDING_X

LONG_NAME = "Maximiliana Wolfeschlegelsteinhausen-Bergerdorff von Altenburg"
LONG, SHORT, CIRCLE = "person:1", "person:2", "circle:1"
LINE_X = 60.0  # Bo's line to the circle runs straight up here, under the long name


def long_name_network() -> tuple[Network, Layout]:
    """The long name right of its dot, and another person's line running up under it."""
    net = Network()
    net.nodes[YOU] = Node(YOU, NodeKind.YOU, "You")
    net.nodes[CIRCLE] = Node(CIRCLE, NodeKind.CIRCLE, "Lisbon", members=2)
    for key, pid, name in ((LONG, 1, LONG_NAME), (SHORT, 2, "Bo Tan")):
        hubs = (CIRCLE,)
        net.nodes[key] = Node(key, NodeKind.PERSON, name, person_id=pid, hubs=hubs)
        net.edges.append(Edge(key, CIRCLE, EdgeKind.MEMBER))
    net.edges.append(Edge(YOU, CIRCLE, EdgeKind.YOURS))
    at = {YOU: (-300.0, -200.0), CIRCLE: (LINE_X, -200.0), LONG: (0.0, 0.0), SHORT: (LINE_X, 200.0)}
    radii = {YOU: 26.0, CIRCLE: 14.0, LONG: 6.0, SHORT: 6.0}
    discs = dict(radii)
    return net, Layout(at, radii, discs, {LONG: CIRCLE, SHORT: CIRCLE})


@pytest.fixture
def view(qtbot) -> GraphView:
    shown = GraphView()
    qtbot.addWidget(shown)
    shown.resize(700, 400)
    shown.show()
    qtbot.waitExposed(shown)
    shown.show_network(*long_name_network())
    shown.zoom_by(1.0 / shown.zoom)
    shown.centerOn(LINE_X + 80, 0)
    return shown


def dark_palette(view: GraphView) -> QPalette:
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1b1b1d"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#3d8ee6"))
    return dark


def on_screen(view: GraphView, key: str) -> QRect:
    label = view.nodes[key].label
    return label.deviceTransform(view.viewportTransform()).mapRect(label.boundingRect()).toRect()


def picture(view: GraphView) -> QImage:
    return view.viewport().grab().toImage()


def test_a_long_name_is_elided_with_the_whole_name_in_its_tooltip(view):
    view.search("maxi")
    label = view.nodes[LONG].label
    widest = QFontMetrics(label.font()).averageCharWidth() * LABEL_CHARS + 2 * PADDING_X
    assert label.text().endswith("…") and LONG_NAME.startswith(label.text()[:-1])
    assert label.boundingRect().width() <= widest
    assert LONG_NAME in label.toolTip()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_name_of_someone_found_hides_the_lines_under_it(view, palette):
    if palette == "dark":
        view.setPalette(dark_palette(view))
    base = view.palette().color(QPalette.ColorRole.Base)
    view.search("maxi")
    rect = on_screen(view, LONG)
    line_x = view.mapFromScene(LINE_X, 0).x()
    assert rect.left() < line_x < rect.right()  # the line runs under the name
    with_line = picture(view)
    assert with_line.pixelColor(line_x, rect.bottom() + 12) != base  # it is drawn below it
    view.layers[EdgeKind.MEMBER].hide()
    without_line = picture(view)
    inside = rect.adjusted(1, 1, -1, -1)
    assert all(
        with_line.pixelColor(x, y) == without_line.pixelColor(x, y)
        for x in range(inside.left(), inside.right() + 1)
        for y in range(inside.top(), inside.bottom() + 1)
    )
    assert with_line.pixelColor(rect.left() + 2, rect.center().y()) == base


def test_a_hovered_name_is_on_the_opaque_plate_and_loses_it_when_left(view, qtbot):
    short = view.nodes[SHORT]
    view.centerOn(short)
    QTest.mouseMove(view.viewport(), QPoint(5, 5))  # the pointer may be there from before
    QTest.mouseMove(view.viewport(), view.mapFromScene(short.pos()))
    qtbot.waitUntil(lambda: short.label is not None and short.label.isVisible(), timeout=2000)
    assert short.label.emphasised and short.label.plate().alpha() == 255
    QTest.mouseMove(view.viewport(), QPoint(5, 5))
    qtbot.waitUntil(lambda: not short.label.emphasised, timeout=2000)
    assert short.label.plate().alpha() < 255
