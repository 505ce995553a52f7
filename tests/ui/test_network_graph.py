"""The network picture: drawn from the store on the workers, searched, zoomed, hovered and
clicked; people's names shown literally, in the palette's colours."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from netdesk.core import people
from netdesk.core.network_graph import person_key
from netdesk.core.people import PersonDraft, PositionDraft
from netdesk.qt import i18n
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs.network_graph_canvas import MAX_SCALE
from netdesk.ui.dialogs.network_graph_naming import LABEL_SCALE
from netdesk.ui.dialogs.network_graph_view import NetworkGraphDialog

D = dt.date
MARKUP_NAME = "Jamal <b>Reyes</b>"


@pytest.fixture
def workers(qtbot):
    """The window's background workers, which the dialog borrows."""
    pool = Workers()
    yield pool
    pool.shutdown()


@pytest.fixture
def net(store) -> dict[str, int]:
    """Two circles and a shared organisation; a name that looks like markup."""
    lumen = PositionDraft("Lumen", "Data Lead", start=D(2022, 1, 1))
    ids = {
        "ana": people.create(
            PersonDraft(display_name="Ana Souza", positions=[lumen], circles=["Lisbon"])
        ),
        "jamal": people.create(
            PersonDraft(display_name=MARKUP_NAME, positions=[lumen], circles=["Work"])
        ),
    }
    for n in range(30):
        circle = "Lisbon" if n % 2 else "Work"
        ids[f"p{n}"] = people.create(PersonDraft(display_name=f"Person {n}", circles=[circle]))
    return ids


@pytest.fixture
def dialog(net, workers, qtbot) -> NetworkGraphDialog:
    i18n.install()  # as the window does: "%n person(s)" reads "32 people"
    shown = NetworkGraphDialog(None, workers)
    qtbot.addWidget(shown)
    shown.resize(900, 700)
    shown.show()
    qtbot.waitExposed(shown)
    with qtbot.waitSignal(shown.loaded, timeout=10_000):
        shown.load()
    return shown


def zoom_to(view, scale: float) -> None:
    view.zoom_by(scale / view.zoom)


def label_shown(item) -> bool:
    return item.label is not None and item.label.isVisible()


def item_of(dialog: NetworkGraphDialog, person_id: int):
    return dialog.view.nodes[person_key(person_id)]


def on_screen(dialog: NetworkGraphDialog, person_id: int) -> QPoint:
    return dialog.view.mapFromScene(item_of(dialog, person_id).pos())


def test_drawing_again_while_drawing_shows_only_the_latest_picture(dialog, workers, qtbot):
    shown: list[None] = []
    dialog.loaded.connect(lambda: shown.append(None))
    dialog.load()
    dialog.load()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    workers.pool.waitForDone(10_000)
    qtbot.wait(50)  # anything the first load still had to say has arrived
    assert len(shown) == 1


def test_the_picture_shows_you_the_hubs_and_everyone(dialog, net):
    labels = {item.node.label for item in dialog.view.nodes.values()}
    assert {"You", "Lisbon", "Work", "Lumen", "Ana Souza", MARKUP_NAME} <= labels
    assert len(dialog.view.nodes) == 1 + 3 + len(net)
    assert dialog.status.text().startswith("32 people, 2 circles, 1 shared organisation.")


def test_the_status_says_when_only_the_largest_organisations_are_hubs(
    net, workers, qtbot, monkeypatch
):
    from netdesk.core import network_graph

    people.create(PersonDraft(display_name="Ana Bell", positions=[PositionDraft("Fjordlight")]))
    people.create(PersonDraft(display_name="Bo Bell", positions=[PositionDraft("Fjordlight")]))
    monkeypatch.setattr(network_graph, "MAX_ORGANISATIONS", 1)
    i18n.install()
    shown = NetworkGraphDialog(None, workers)
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.loaded, timeout=10_000):
        shown.load()
    assert shown.status.text().startswith(
        "34 people, 2 circles, the 1 largest of 2 shared organisations."
    )


def test_an_empty_network_says_so_and_you_are_not_blown_up_to_fill_the_window(
    store, workers, qtbot
):
    i18n.install()
    shown = NetworkGraphDialog(None, workers)
    qtbot.addWidget(shown)
    shown.resize(900, 700)
    shown.show()
    qtbot.waitExposed(shown)
    with qtbot.waitSignal(shown.loaded, timeout=10_000):
        shown.load()
    assert shown.status.text() == (
        "Nobody here yet: the people you add or import appear around you."
    )
    you = next(iter(shown.view.nodes.values()))
    across = shown.view.mapFromScene(you.sceneBoundingRect()).boundingRect().width()
    assert across < shown.view.viewport().width() / 4
    QTest.keyClick(shown, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # Show everyone
    assert shown.view.mapFromScene(you.sceneBoundingRect()).boundingRect().width() == across


def test_names_are_plain_text_and_the_hover_says_organisation_and_circle(dialog, net):
    jamal = item_of(dialog, net["jamal"])
    dialog.query.setText("jamal")
    assert jamal.label.text() == MARKUP_NAME  # a QGraphicsSimpleTextItem: never markup
    assert jamal.toolTip() == "<p>Jamal &lt;b&gt;Reyes&lt;/b&gt;<br>Data Lead at Lumen<br>Work</p>"


def test_person_names_are_hidden_zoomed_out_and_hubs_always_named(dialog, net):
    view = dialog.view
    zoom_to(view, LABEL_SCALE / 4)
    people = [i for i in view.nodes.values() if i.is_person]
    hubs = [i for i in view.nodes.values() if not i.is_person]
    assert not any(label_shown(item) for item in people)
    assert all(label_shown(item) for item in hubs)
    zoom_to(view, MAX_SCALE)
    assert all(label_shown(item) for item in people)


def test_zoomed_in_names_are_shown_only_where_they_cover_no_other(dialog):
    view = dialog.view
    zoom_to(view, LABEL_SCALE)
    named = [i for i in view.nodes.values() if i.is_person and label_shown(i)]
    unnamed = [i for i in view.nodes.values() if i.is_person and not label_shown(i)]
    assert named and unnamed  # 22 units apart: a name is wider than that at this zoom
    spots = [i.label.deviceTransform(view.viewportTransform()) for i in named]
    rects = [t.mapRect(i.label.boundingRect()) for t, i in zip(spots, named, strict=True)]
    for n, rect in enumerate(rects):
        assert not any(rect.intersects(other) for other in rects[n + 1 :])


def test_zoom_by_keys_and_wheel_then_fit(dialog, qtbot):
    view = dialog.view
    fitted = view.zoom
    QTest.keyClick(dialog, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted * 1.25)
    QTest.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted / 1.25)
    QApplication.sendEvent(view.viewport(), wheel_up(view, notches=2))
    assert view.zoom == pytest.approx(fitted * 1.25)
    QTest.keyClick(dialog, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted)


def wheel_up(view, notches: int) -> QWheelEvent:
    at = QPointF(view.viewport().rect().center())
    return QWheelEvent(
        at,
        view.viewport().mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )


def test_a_fitted_picture_stays_fitted_as_the_window_grows_until_zoomed(dialog, qtbot):
    view = dialog.view
    fitted = view.zoom
    dialog.resize(1300, 1000)
    qtbot.waitUntil(lambda: view.zoom > fitted * 1.2, timeout=2000)
    view.zoom_by(1.25)
    zoomed = view.zoom
    dialog.resize(900, 700)
    qtbot.wait(50)
    assert view.zoom == pytest.approx(zoomed)


def test_search_highlights_names_and_centres_the_people_found(dialog, net):
    view = dialog.view
    zoom_to(view, 1.0)  # names hidden; the picture larger than the window
    view.centerOn(item_of(dialog, net["ana"]).pos() + QPointF(900, 0))  # Ana out of view
    dialog.query.setText("sou")
    ana = item_of(dialog, net["ana"])
    assert view.found == [person_key(net["ana"])]
    assert ana.found and ana.marker.isVisible() and label_shown(ana)
    assert not label_shown(item_of(dialog, net["jamal"]))
    centre = view.mapToScene(view.viewport().rect().center())
    assert abs(centre.x() - ana.pos().x()) < 2 and abs(centre.y() - ana.pos().y()) < 2
    assert dialog.status.text() == (
        "1 person found; Enter goes to the next, Ctrl+Enter opens that person."
    )
    dialog.query.setText("")
    assert not ana.found and not label_shown(ana)


def test_the_name_of_someone_found_is_drawn_over_every_hub_and_its_name(dialog, net):
    dialog.query.setText("sou")
    ana = item_of(dialog, net["ana"])
    hubs = [item for item in dialog.view.nodes.values() if not item.is_person]
    above = max(z for hub in hubs for z in (hub.zValue(), hub.label.zValue()))
    assert label_shown(ana) and ana.label.zValue() > above  # a hub's name hid part of it
    dialog.query.setText("")
    zoom_to(dialog.view, MAX_SCALE)  # names shown again, unfound: under the hubs as before
    assert ana.label.zValue() < above


def test_search_leaves_the_picture_where_it_is_when_everyone_found_is_in_view(dialog, net):
    view = dialog.view
    before = view.mapToScene(view.viewport().rect().center())
    dialog.query.setText("sou")
    assert view.found == [person_key(net["ana"])]
    assert view.mapToScene(view.viewport().rect().center()) == before


def test_search_ignores_case_and_accents_and_matches_word_starts(dialog, net):
    assert dialog.view.search("REY") == [person_key(net["jamal"])]
    assert dialog.view.search("ouza") == []  # inside a word: not a name anyone types
    dialog.query.setText("Nobody")
    assert dialog.status.text() == "Nobody named “Nobody”."


def test_clicking_a_person_opens_them(dialog, net, qtbot):
    zoom_to(dialog.view, 2.0)
    dialog.view.centerOn(item_of(dialog, net["ana"]))
    with qtbot.waitSignal(dialog.person_chosen, timeout=2000) as chosen:
        qtbot.mouseClick(
            dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=on_screen(dialog, net["ana"])
        )
    assert chosen.args == [net["ana"]]
    assert item_of(dialog, net["ana"]).marker.isVisible()


def test_ctrl_enter_opens_the_person_found_without_the_mouse(dialog, net, qtbot):
    dialog.query.setText("sou")
    with qtbot.waitSignal(dialog.person_chosen, timeout=2000) as chosen:
        QTest.keyClick(dialog.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert chosen.args == [net["ana"]]
    assert item_of(dialog, net["ana"]).marker.isVisible()


def test_clicking_a_name_opens_its_person(dialog, net, qtbot):
    view = dialog.view
    zoom_to(view, MAX_SCALE)
    ana = item_of(dialog, net["ana"])
    view.centerOn(ana)
    label = ana.label
    assert label is not None and label.isVisible()
    middle = label.deviceTransform(view.viewportTransform()).mapRect(label.boundingRect()).center()
    with qtbot.waitSignal(dialog.person_chosen, timeout=2000) as chosen:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=middle.toPoint())
    assert chosen.args == [net["ana"]]


def test_dragging_moves_the_picture_without_opening_anyone(dialog, net, qtbot):
    view = dialog.view
    zoom_to(view, 2.0)
    view.centerOn(item_of(dialog, net["ana"]))
    start = on_screen(dialog, net["ana"])
    before = view.mapToScene(view.viewport().rect().center())
    opened: list[int] = []
    dialog.person_chosen.connect(opened.append)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), start + QPoint(60, 40))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 40))
    assert view.mapToScene(view.viewport().rect().center()) != before
    assert opened == []


def test_hovering_a_person_names_them_and_draws_their_lines(dialog, net, qtbot):
    view = dialog.view
    zoom_to(view, LABEL_SCALE / 2)
    ana = item_of(dialog, net["ana"])
    view.centerOn(ana)
    assert not label_shown(ana)
    QTest.mouseMove(view.viewport(), on_screen(dialog, net["ana"]))
    qtbot.waitUntil(lambda: label_shown(ana), timeout=2000)
    assert len(view._hover_lines.lines) == 2  # to Lisbon and to Lumen
    lumen = view.nodes["organisation:lumen"]
    view.centerOn(lumen)
    QTest.mouseMove(view.viewport(), view.mapFromScene(lumen.pos()))
    jamal = item_of(dialog, net["jamal"])
    qtbot.waitUntil(lambda: label_shown(jamal), timeout=2000)  # at Lumen: named with it
    assert not label_shown(item_of(dialog, net["p1"]))


def test_colours_follow_a_dark_palette(dialog):
    dark = QPalette(dialog.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#1b1b1d"),
    ):
        dark.setColor(role, QColor(colour))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    dialog.setPalette(dark)
    view = dialog.view
    assert view.backgroundBrush().color() == QColor("#1b1b1d")
    hub = next(i for i in view.nodes.values() if not i.is_person)
    assert hub.label.brush().color() == QColor("#e8e8e8")
    zoom_to(view, LABEL_SCALE)  # people named from here: their names made now, in the dark
    person = next(i for i in view.nodes.values() if i.is_person)
    assert person.label.brush().color() == QColor("#e8e8e8")


def test_view_menu_opens_the_picture_and_a_click_shows_the_person_in_the_list(
    net, make_window, qtbot
):
    from netdesk.ui.dialogs.network_graph_view import NetworkGraphDialog

    window = make_window()
    assert window.act_network_picture in window.findChild(QMenu, "menu_view").actions()
    window.act_network_picture.trigger()
    dialog = window.findChild(NetworkGraphDialog)
    qtbot.waitUntil(lambda: dialog.network is not None, timeout=10_000)
    dialog.person_chosen.emit(net["jamal"])
    assert window.table.selected_people() == [net["jamal"]]
    assert window.current_person() == net["jamal"]
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        window.act_network_picture.trigger()  # again: the same picture, drawn afresh
    assert window.findChildren(NetworkGraphDialog) == [dialog]
    dialog.close()  # a top-level window of its own: left open it would cover the next test's


def test_hub_names_move_aside_rather_than_cover_each_other(qtbot):
    """Two hubs side by side, closer than their names are wide: one name goes elsewhere."""
    from netdesk.core.graph_layout import Layout
    from netdesk.core.network_graph import YOU, Network, Node, NodeKind
    from netdesk.ui.dialogs.network_graph_canvas import GraphView

    net = Network()
    net.nodes[YOU] = Node(YOU, NodeKind.YOU, "You")
    for n in (1, 2):
        key = f"circle:{n}"
        net.nodes[key] = Node(key, NodeKind.CIRCLE, f"Friends of the family {n}", members=3 - n)
    at = {YOU: (0.0, 0.0), "circle:1": (300.0, 0.0), "circle:2": (340.0, 0.0)}
    radii = dict.fromkeys(at, 14.0)
    view = GraphView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.show_network(net, Layout(at, radii, radii, {}))
    zoom_to(view, 1.0)
    first, second = view.nodes["circle:1"], view.nodes["circle:2"]

    def on_screen(label) -> QRectF:
        return label.deviceTransform(view.viewportTransform()).mapRect(label.boundingRect())

    def disc(hub) -> QRectF:
        return view.mapFromScene(hub.disc()).boundingRect().toRectF()

    assert not on_screen(first.label).intersects(on_screen(second.label))
    assert not on_screen(first.label).intersects(disc(second))
    assert not on_screen(second.label).intersects(disc(first))
