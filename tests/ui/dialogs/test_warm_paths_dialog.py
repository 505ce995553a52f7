"""Who can introduce me…: paths found on the workers while typing goes on, shown as lines whose
names open the person, every text from a person shown literally."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from netdesk.core import interactions, people
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft, PositionDraft
from netdesk.qt import i18n
from netdesk.qt.workers import Workers
from netdesk.ui.dialogs.warm_paths_dialog import WarmPathsDialog
from tests.ui.test_plain_text import canary  # noqa: F401 - the FIFO canary fixture

D = dt.date


@pytest.fixture
def workers(qtbot):
    """The window's background workers, which the dialog borrows."""
    pool = Workers()
    yield pool
    pool.shutdown()


@pytest.fixture
def net(store) -> dict[str, int]:
    """Ana (spoken to yesterday) worked with Jamal at Fjordlight; Jamal is now at Lumen. A name
    that looks like markup must be shown as typed."""
    jamal = people.create(
        PersonDraft(
            display_name="Jamal <b>Reyes</b>",
            positions=[
                PositionDraft("Lumen", "Data Lead", start=D(2022, 1, 1)),
                PositionDraft("Fjordlight", "Analyst", start=D(2019, 1, 1), end=D(2021, 6, 30)),
            ],
        )
    )
    ana = people.create(
        PersonDraft(
            display_name="Ana Souza",
            positions=[PositionDraft("Fjordlight", "Engineer", start=D(2018, 1, 1))],
        )
    )
    interactions.log(InteractionDraft(when=dt.date.today() - dt.timedelta(days=1), people=[ana]))
    return {"jamal": jamal, "ana": ana}


def open_dialog(qtbot, workers: Workers) -> WarmPathsDialog:
    i18n.install()  # as the window does: "%n path(s)" reads "1 path", "2 paths"
    dialog = WarmPathsDialog(None, workers)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_typing_finds_the_paths_in_the_background(net, qtbot, workers):
    dialog = open_dialog(qtbot, workers)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        qtbot.keyClicks(dialog.query, "lumen")
        # the keys went in without waiting for any search: nothing is shown yet
        assert dialog.lines() == [] and dialog.query.text() == "lumen"
    assert dialog.lines() == [
        "You → Ana Souza (you spoke yesterday) → Jamal <b>Reyes</b> (worked together at"
        " Fjordlight, 2019–2021) — Jamal is a Data Lead at Lumen",
        "You → Jamal <b>Reyes</b> (no conversation logged) — Jamal is a Data Lead at Lumen",
    ]
    assert dialog.status.text() == "2 paths to 1 person, warmest first."
    first = dialog.labels()[0]
    assert first.textFormat() == Qt.TextFormat.RichText
    assert "Jamal &lt;b&gt;Reyes&lt;/b&gt;" in first.text() and "<b>Reyes" not in first.text()


def test_clicking_a_name_asks_to_open_that_person(net, qtbot, workers):
    dialog = open_dialog(qtbot, workers)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.search("Lumen")
    first = dialog.labels()[0]
    hrefs = re.findall(r'href="([^"]+)"', first.text())
    assert hrefs == [f"person:{net['ana']}", f"person:{net['jamal']}"]
    with qtbot.waitSignal(dialog.person_chosen) as chosen:
        first.linkActivated.emit(hrefs[0])  # what a click on Ana's name sends
    assert chosen.args == [net["ana"]]


def test_a_result_for_an_earlier_text_is_dropped(net, qtbot, workers):
    dialog = open_dialog(qtbot, workers)
    dialog.search("Fjordlight")
    workers.pool.waitForDone(10_000)  # done, its result still queued for the GUI thread
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.search("Lumen")  # typed on before the Fjordlight paths came back
    assert {p.target.person.id for p in dialog.paths} == {net["jamal"]}
    assert dialog.paths[0].target.organization == "Lumen"


def test_no_match_and_no_text_are_said_plainly(net, qtbot, workers):
    dialog = open_dialog(qtbot, workers)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.search("<img src=x> Nowhere")
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    assert (
        dialog.status.text() == "Nobody at or working as “<img src=x> Nowhere” among your people."
    )
    assert dialog.labels() == []
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.search("  ")
    assert dialog.status.text() == "Type an organisation or a role."


def test_the_tools_menu_opens_it_and_a_name_is_revealed_in_the_window(net, make_window, qtbot):
    window = make_window()
    window.act_warm_paths.trigger()
    dialog = window.person_actions.warm_paths_dialog
    assert isinstance(dialog, WarmPathsDialog) and dialog.isVisible()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        qtbot.keyClicks(dialog.query, "data lead")
    label: QLabel = dialog.labels()[0]
    label.linkActivated.emit(f"person:{net['ana']}")
    qtbot.waitUntil(lambda: window.current_person() == net["ana"], timeout=10_000)
    dialog.close()


def test_person_text_that_names_a_file_is_never_loaded(store, canary, qtbot, workers):  # noqa: F811
    """Names, titles and organisations holding `<img src=FIFO>`: the lines are drawn and the
    file is never opened (the canary fails the test if it is)."""
    c = canary.field
    tara = people.create(
        PersonDraft(
            display_name=c("Tara"),
            positions=[PositionDraft(c("Lumen"), c("Lead"), start=D(2020, 1, 1))],
        )
    )
    # you spoke to Tara, not to Uma: Tara is a warmer way to Uma than your own link
    interactions.log(InteractionDraft(when=dt.date.today(), people=[tara], summary=c("Chat")))
    people.create(
        PersonDraft(
            display_name=c("Uma"),
            positions=[PositionDraft(c("Lumen"), c("Ops"), start=D(2021, 1, 1))],
        )
    )
    dialog = open_dialog(qtbot, workers)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.search("Lumen")
    assert len(dialog.labels()) == 3  # Tara; Uma; Uma through Tara
    for label in dialog.labels():
        label.grab()  # laid out and painted
        assert "<img" not in label.text()
