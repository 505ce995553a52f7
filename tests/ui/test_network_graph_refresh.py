"""The open network picture follows the store as the window does: people added, deleted, put
back by an undo or written by another process show up, drawn again on the workers, with the
zoom, the place looked at, the person chosen and the search kept."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF

from netdesk.core import people
from netdesk.core.network_graph import person_key
from netdesk.core.people import PersonDraft
from netdesk.qt.change_bridge import ChangeNotifier
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs.network_graph_view import NetworkGraphDialog

DRAWN = 10_000  # ms a drawing may take on a busy machine


@pytest.fixture
def net(store) -> dict[str, int]:
    ids = {
        "ana": people.create(PersonDraft(display_name="Ana Souza", circles=["Lisbon"])),
        "ben": people.create(PersonDraft(display_name="Ben Okafor", circles=["Work"])),
    }
    for n in range(20):
        circle = "Lisbon" if n % 2 else "Work"
        ids[f"p{n}"] = people.create(PersonDraft(display_name=f"Person {n}", circles=[circle]))
    return ids


@pytest.fixture
def picture(make_window, net, qtbot) -> Iterator[tuple[object, NetworkGraphDialog]]:
    """The window with View > Network picture… open and drawn."""
    window = make_window()
    window.act_network_picture.trigger()
    dialog = window.findChild(NetworkGraphDialog)
    qtbot.waitUntil(lambda: dialog.network is not None, timeout=DRAWN)
    yield window, dialog
    dialog.close()  # a top-level window of its own: left open it would cover later tests'


def people_shown(dialog: NetworkGraphDialog) -> set[str]:
    return {item.node.label for item in dialog.view.nodes.values() if item.is_person}


def place_of(dialog: NetworkGraphDialog, person_id: int) -> QPointF:
    return dialog.view.nodes[person_key(person_id)].pos()


def test_a_person_added_through_a_core_service_shows_up_in_the_open_picture(picture, qtbot):
    _window, dialog = picture
    with qtbot.waitSignal(dialog.loaded, timeout=DRAWN):
        cleo = people.create(PersonDraft(display_name="Cleo Park", circles=["Lisbon"]))
    assert person_key(cleo) in dialog.view.nodes
    assert "Cleo Park" in people_shown(dialog)
    assert dialog.status.text().startswith("23 people, 2 circles")


def test_a_person_deleted_disappears_and_an_undo_puts_them_back_where_they_were(
    picture, net, qtbot
):
    window, dialog = picture
    was = place_of(dialog, net["ana"])
    with qtbot.waitSignal(dialog.loaded, timeout=DRAWN):
        assert window.person_actions.delete_people([net["ana"]])
    assert person_key(net["ana"]) not in dialog.view.nodes
    assert "Ana Souza" not in people_shown(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=DRAWN):
        window.undo_stack.undo()
    assert "Ana Souza" in people_shown(dialog)
    assert place_of(dialog, net["ana"]) == was


def test_a_write_by_another_process_shows_up_in_the_open_picture(picture, qtbot, tmp_path, db_path):
    _window, dialog = picture
    card = tmp_path / "cleo.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cleo Park\r\nN:Park;Cleo;;;\r\nEND:VCARD\r\n")
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "import", str(card), "--db", str(db_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: "Cleo Park" in people_shown(dialog), timeout=DRAWN)


def test_drawn_again_the_zoom_the_place_the_person_chosen_and_the_search_are_kept(
    picture, net, qtbot
):
    window, dialog = picture
    view = dialog.view
    view.zoom_by(2.0 / view.zoom)
    view.centerOn(place_of(dialog, net["ana"]) + QPointF(30, 10))
    view.open_person(person_key(net["ben"]))
    dialog.query.setText("sou")
    before = {key: item.pos() for key, item in view.nodes.items()}
    ana_on_screen = view.mapFromScene(place_of(dialog, net["ana"]))
    with qtbot.waitSignal(dialog.loaded, timeout=DRAWN):
        people.create(PersonDraft(display_name="Cleo Park", circles=["Lisbon"]))
    assert view.zoom == pytest.approx(2.0)
    assert not view.fitted
    after = view.mapFromScene(place_of(dialog, net["ana"]))
    assert (after - ana_on_screen).manhattanLength() <= 2
    assert view.chosen == person_key(net["ben"])
    assert view.nodes[person_key(net["ben"])].marker.isVisible()
    assert view.found == [person_key(net["ana"])]
    assert view.nodes[person_key(net["ana"])].marker.isVisible()
    moved = [k for k, at in before.items() if (view.nodes[k].pos() - at).manhattanLength() > 2]
    assert moved == []  # nobody drawn before jumped elsewhere
    assert window.findChildren(NetworkGraphDialog) == [dialog]


def test_a_picture_showing_everyone_still_shows_everyone_when_drawn_again(picture, qtbot):
    _window, dialog = picture
    assert dialog.view.fitted
    with qtbot.waitSignal(dialog.loaded, timeout=DRAWN):
        for n in range(30):  # a circle's worth more: the picture grows
            people.create(PersonDraft(display_name=f"Newcomer {n}", circles=["Lisbon"]))
    view = dialog.view
    assert view.fitted
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert all(shown.contains(item.pos()) for item in view.nodes.values())


def test_a_burst_of_changes_is_drawn_once(store, net, qtbot):
    """Core services write on the GUI thread here, so the whole burst is in before the
    picture's delay runs out."""
    notifier = ChangeNotifier()
    workers = Workers()
    dialog = NetworkGraphDialog(None, workers, notifier)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=DRAWN):
        dialog.load()
    drawn: list[None] = []
    dialog.loaded.connect(lambda: drawn.append(None))
    for n in range(5):
        people.create(PersonDraft(display_name=f"Newcomer {n}", circles=["Work"]))
    qtbot.waitUntil(lambda: len(drawn) == 1, timeout=DRAWN)
    workers.pool.waitForDone(DRAWN)
    qtbot.wait(400)  # past the delay: no second drawing was asked for
    assert len(drawn) == 1
    assert {f"Newcomer {n}" for n in range(5)} <= people_shown(dialog)
    notifier.stop()
    workers.shutdown()


def test_drawn_again_the_items_of_people_unchanged_are_kept_and_a_renamed_one_renamed(
    picture, net, qtbot
):
    """Only what changed is made anew: the rest keep their items and their cached names."""
    _window, dialog = picture
    view = dialog.view
    kept = view.nodes[person_key(net["ana"])]
    renamed = person_key(net["ben"])
    ben = people.get(net["ben"])
    with qtbot.waitSignal(dialog.loaded, timeout=DRAWN):
        people.update(net["ben"], people.with_changes(ben, display_name="Benjamin Okafor"))
    assert view.nodes[person_key(net["ana"])] is kept
    assert view.nodes[renamed].node.label == "Benjamin Okafor"
    dialog.query.setText("benj")
    assert view.nodes[renamed].label.text() == "Benjamin Okafor"
    assert view.nodes[renamed].label.isVisible()
