"""The Stand-outs smart list: people with a note on why they stand out, counted in the sidebar
and listed when it is chosen; a note of only spaces says nothing and archived people stay out."""

from __future__ import annotations

from PySide6.QtCore import Qt

from netdesk.core import listing, sidebar
from netdesk.core.listing import Filter, ListQuery
from netdesk.db.models import Person
from netdesk.qt.sidebar_model import Kind, Role
from tests.helpers.people import person


def network() -> None:
    person("Ana Souza", why_stand_out="Ran the Lisbon marathon in a gorilla suit")
    person("Ben Okafor", why_stand_out=" \n\t ")
    person("Chloé Dubois")
    person("Eli Moss", why_stand_out="Built a boat in his garden")
    dana = person("Dana Varga", why_stand_out="Speaks five languages")
    Person.update(archived=True).where(Person.id == dana).execute()


def test_stand_outs_are_counted_and_listed(store):
    network()
    assert sidebar.load().stand_outs == 2
    rows = listing.fetch(ListQuery(filter=Filter.STAND_OUTS))
    assert [row.name for row in rows] == ["Eli Moss", "Ana Souza"]  # family name order


def test_the_sidebar_entry_shows_its_count_and_lists_them(make_window, qtbot):
    network()
    window = make_window()
    model = window.sidebar.sidebar_model
    row = model.row_of("stand_outs")
    index = model.index(row, 0)
    assert (index.data(), index.data(Role.KIND), index.data(Role.COUNT)) == (
        "Stand-outs",
        Kind.STAND_OUTS,
        2,
    )
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "People with a note on why they stand out"
    window.sidebar.clicked.emit(index)
    window.sidebar.setCurrentIndex(index)
    qtbot.waitUntil(
        lambda: sorted(r.name for r in window.people_model.rows()) == ["Ana Souza", "Eli Moss"]
    )
    person("Fay Lund", why_stand_out="Knows every bird by its song")
    qtbot.waitUntil(lambda: model.index(model.row_of("stand_outs"), 0).data(Role.COUNT) == 3)
