"""LinkedIn's "Connected On" is when a network says you connected, not when you met: shown as
such in the pane, and never counted as someone met recently."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from netdesk.core import importing, listing, people
from netdesk.core.listing import Filter, ListQuery

LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Maren,Ostby,https://www.linkedin.com/in/maren-ostby,,Fjordlight Analytics,Head of Data,"
    "{day}\n"
)


def test_connected_on_linkedin_is_not_how_you_met(make_window, qtbot, tmp_path):
    connected = dt.date.today() - dt.timedelta(days=5)
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN.format(day=connected.strftime("%d %b %Y")))
    report = importing.import_path(export)
    assert report.new == 1
    (maren,) = [row.id for row in listing.fetch(ListQuery())]
    detail = people.get(maren)
    assert (detail.connected_on, detail.connected_via) == (connected, "LinkedIn")
    assert detail.met_on is None
    assert listing.fetch(ListQuery(filter=Filter.RECENTLY_MET)) == []

    window = make_window()
    window.reveal_person(maren)
    qtbot.waitUntil(lambda: window.pane.findChild(QLabel, "pane_how_met") is not None)
    text = window.pane.findChild(QLabel, "pane_how_met").text()
    assert "Connected on LinkedIn: " in text
    assert "How you met" not in text
