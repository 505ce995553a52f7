"""The Network page in the real window, over the network of tests/helpers/network.py: its numbers,
a click or Enter on a mark lists the people behind it, it counts again after a change, and it
draws in the dark palette's colours in dark mode."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from netdesk.core import interactions, network_summary
from netdesk.core.health import HealthState
from netdesk.core.interactions import InteractionDraft
from netdesk.core.listing import Filter
from netdesk.db import reads
from netdesk.ui.views.network_page import health_fill
from tests.helpers.network import LONG_AGO, MONTHS, TODAY, known_network
from tests.helpers.palette import dark_palette
from tests.helpers.people import person


def open_page(make_window, qtbot):
    ids = known_network()
    window = make_window()
    page = window.network
    page.today = lambda: TODAY  # the network is known as seen from TODAY
    window.act_network.trigger()
    qtbot.waitUntil(lambda: page.summary is not None and page.summary.today == TODAY)
    return window, page, ids


def row_values(chart) -> list[tuple[str, list[int]]]:
    return [(row.label, [s.value for s in row.segments]) for row in chart.rows]


def click_mark(qtbot, chart, number: int) -> None:
    point = chart.marks[number].rect.center().toPoint()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point)


def listed(window) -> list[int]:
    model = window.people_model
    return [model.person_id(row) for row in range(model.rowCount())]


def test_the_page_shows_the_numbers_of_the_network(make_window, qtbot):
    window, page, ids = open_page(make_window, qtbot)
    assert window.center.currentWidget() is page
    assert window.sidebar.current_key() == "network"
    assert page.overview.text() == (
        "7 people: 2 drifting, 1 overdue, 1 due soon, 2 on track, 1 no rhythm set"
    )
    assert [bar.value for bar in page.months.bars] == MONTHS
    assert [bar.label for bar in page.months.bars][-3:] == ["Oct", "Nov", "Dec"]
    # on track, due soon, overdue, drifting, no rhythm
    assert row_values(page.everyone) == [
        ("Everyone", [2, 1, 1, 2, 1]),
        ("Nurture list", [1, 0, 0, 1, 0]),
    ]
    circles = dict(row_values(page.circles))
    assert circles["Family"] == [1, 0, 0, 1, 0]
    assert circles["Friends"] == [1, 1, 1, 0, 0]
    assert circles["Colleagues"] == [0, 0, 0, 0, 0]
    assert row_values(page.events) == [
        ("Harbour dinner · 26 Nov", [3]),
        ("Spring meetup · 10 Apr", [1]),
    ]
    drifting = page.drifting_model.people
    assert [(d.id, d.name) for d in drifting] == [
        (ids["Ada"], "Ada Ash"),
        (ids["Finn"], "Finn Fir"),
    ]


def test_each_chart_says_itself_in_words(make_window, qtbot):
    _window, page, _ids = open_page(make_window, qtbot)
    assert page.months.accessibleName() == "Contacts per month"
    assert page.months.accessibleDescription() == (
        "Contacts per month: Jan 0, Feb 0, Mar 1, Apr 1, May 0, Jun 0, Jul 0, Aug 1, Sep 0, "
        "Oct 2, Nov 3, Dec 2"
    )
    assert page.circles.accessibleName() == "Health per circle"
    assert page.circles.accessibleDescription() == (
        "Family: 1 person on track; Family: 1 person drifting; Friends: 1 person on track; "
        "Friends: 1 person due soon; Friends: 1 person overdue"
    )
    assert page.events.accessibleDescription() == (
        "Harbour dinner, 26 Nov: 3 people met; Spring meetup, 10 Apr: 1 person met"
    )
    assert page.drifting.model().index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Ada Ash: You aim for every 2 weeks; last time 4 weeks ago; "
        "1 conversation in the last 12 months."
    )


def test_a_mark_shows_its_words_as_a_tooltip(make_window, qtbot):
    _window, page, _ids = open_page(make_window, qtbot)
    chart = page.months
    point = chart.marks[10].rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, point, chart.mapToGlobal(point))
    QApplication.sendEvent(chart, event)
    assert QToolTip.isVisible()
    assert QToolTip.text() == "<p>November 2026: 3 conversations</p>"
    QToolTip.hideText()


def test_clicking_a_segment_lists_the_people_in_it(make_window, qtbot):
    window, page, ids = open_page(make_window, qtbot)
    friends = page.summary.circle_ids["Friends"]
    number = next(
        n
        for n, mark in enumerate(page.circles.marks)
        if mark.key.circle_id == friends and mark.key.state is HealthState.OVERDUE
    )
    click_mark(qtbot, page.circles, number)
    qtbot.waitUntil(lambda: window.people_model.query.filter is Filter.PEOPLE)
    assert window.center.currentWidget() is window.table
    assert listed(window) == [ids["Cal"]]
    assert window.statusBar().currentMessage() == "Friends · overdue: 1 person"


def test_clicking_an_event_lists_the_people_met_there(make_window, qtbot):
    window, page, ids = open_page(make_window, qtbot)
    click_mark(qtbot, page.events, 0)
    qtbot.waitUntil(lambda: window.people_model.query.filter is Filter.PEOPLE)
    assert listed(window) == [ids["Bea"], ids["Eve"], ids["Gus"]]


def test_the_keyboard_reaches_a_month_and_enter_lists_its_people(make_window, qtbot):
    window, page, ids = open_page(make_window, qtbot)
    chart = page.months
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(chart.hasFocus)
    for _ in range(10):  # January to November
        qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.accessibleDescription() == "November 2026: 3 conversations"
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.people_model.query.filter is Filter.PEOPLE)
    assert listed(window) == [ids[n] for n in ("Ada", "Bea", "Dee", "Eve", "Gus")]
    window.act_network.trigger()  # and back
    assert window.center.currentWidget() is page


def test_a_month_without_contact_opens_nothing(make_window, qtbot):
    window, page, _ids = open_page(make_window, qtbot)
    with qtbot.assertNotEmitted(page.months.mark_activated):
        click_mark(qtbot, page.months, 1)  # February: nobody
    assert window.center.currentWidget() is page


def test_drifting_people_show_in_the_pane_and_open_with_enter(make_window, qtbot):
    window, page, ids = open_page(make_window, qtbot)
    page.drifting.setFocus()
    page.drifting.setCurrentIndex(page.drifting_model.index(1, 0))
    assert window.pane.person_id == ids["Finn"]
    assert window.center.currentWidget() is page
    qtbot.keyClick(page.drifting, Qt.Key.Key_Return)
    assert window.sidebar.current_key() == "all"
    assert window.table.current_person() == ids["Finn"]


def test_the_page_counts_again_when_the_store_changes(make_window, qtbot):
    _window, page, ids = open_page(make_window, qtbot)
    shown = page.summary
    interactions.log(InteractionDraft(when=TODAY, people=[ids["Ada"]]))  # Ada is back on track
    qtbot.waitUntil(lambda: page.summary is not shown)
    assert [d.name for d in page.drifting_model.people] == ["Finn Fir"]
    assert page.months.bars[-1].value == 3


def test_searching_from_the_page_looks_through_people(make_window, qtbot):
    window, _page, ids = open_page(make_window, qtbot)
    window.search.setText("Cedar")
    qtbot.waitUntil(lambda: listed(window) == [ids["Cal"]])
    assert window.sidebar.current_key() == "all"
    assert window.center.currentWidget() is window.table


def test_dark_mode_draws_in_the_dark_palette(make_window, qtbot):
    _window, page, _ids = open_page(make_window, qtbot)
    chart = page.everyone
    drifting = next(m for m in chart.marks if m.key.state is HealthState.DRIFTING)
    spot = QPoint(int(drifting.rect.left()) + 3, int(drifting.rect.top()) + 3)
    light_palette = chart.palette()
    light = chart.grab().toImage().pixelColor(spot)
    page.setPalette(dark_palette())
    dark = chart.grab().toImage().pixelColor(spot)
    assert light.name() == health_fill(HealthState.DRIFTING, light_palette)[0].name()
    assert dark.name() == health_fill(HealthState.DRIFTING, dark_palette())[0].name()
    assert dark.lightness() < light.lightness()


def test_the_page_names_the_first_drifting_people_and_the_list_shows_them_all(
    make_window, qtbot, monkeypatch
):
    monkeypatch.setattr(network_summary, "NAMED_DRIFTING", 1)
    window, page, ids = open_page(make_window, qtbot)
    assert [d.name for d in page.drifting_model.people] == ["Ada Ash"]
    assert page.show_drifting.text() == "Show all 2 in the list"
    qtbot.mouseClick(page.show_drifting, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.people_model.query.filter is Filter.PEOPLE)
    assert listed(window) == [ids["Ada"], ids["Finn"]]


def test_a_change_made_elsewhere_is_counted_when_the_page_is_shown_again(make_window, qtbot):
    window, page, ids = open_page(make_window, qtbot)
    window.sidebar.select_key("all")
    assert window.center.currentWidget() is window.table
    interactions.log(InteractionDraft(when=TODAY, people=[ids["Finn"]]))
    window.act_network.trigger()
    qtbot.waitUntil(lambda: [d.name for d in page.drifting_model.people] == ["Ada Ash"])
    assert page.show_drifting.text() == "Show all 1 in the list"


def test_names_from_people_are_shown_as_text(make_window, qtbot):
    known_network()
    person("Iris Ivy", circles=["<img src=x> & co %2"], met_on=LONG_AGO)
    window = make_window()
    page = window.network
    page.today = lambda: TODAY
    window.act_network.trigger()
    qtbot.waitUntil(lambda: page.summary is not None and page.summary.today == TODAY)
    assert page.circles.rows[-1].label == "<img src=x> & co %2"
    mark = next(m for m in page.circles.marks if m.key.state is HealthState.NO_RHYTHM)
    point = mark.rect.center().toPoint()
    QApplication.sendEvent(
        page.circles, QHelpEvent(QEvent.Type.ToolTip, point, page.circles.mapToGlobal(point))
    )
    assert QToolTip.text() == "<p>&lt;img src=x&gt; &amp; co %2: 1 person no rhythm set</p>"
    QToolTip.hideText()


def test_a_count_that_fails_says_so_in_one_line(make_window, qtbot):
    _window, page, _ids = open_page(make_window, qtbot)
    reads.orm_database().execute_sql("ALTER TABLE event RENAME TO event_elsewhere")
    page.refresh()
    qtbot.waitUntil(lambda: page.overview.text().startswith("Could not count"))
    assert page.overview.text() == "Could not count: no such table: event"
    assert [bar.value for bar in page.months.bars] == MONTHS  # what was shown stays


def test_a_network_without_conversations_says_so_instead_of_empty_bars(make_window, qtbot):
    person("Quiet Quinn")
    window = make_window()
    page = window.network
    window.act_network.trigger()
    qtbot.waitUntil(lambda: page.summary is not None)
    empty = page.months.property("empty_label")
    assert empty.isVisible() and not page.months.isVisible()
    assert empty.text() == "No conversations logged in the last 12 months."
    nobody = page.circles.property("empty_label")  # the default circles exist, all empty
    assert nobody.isVisible() and "Sort people into circles" in nobody.text()


def test_a_narrow_page_writes_month_initials_and_wraps_the_legend(make_window, qtbot):
    _window, page, _ids = open_page(make_window, qtbot)
    page.months.resize(12 * 14, page.months.height())  # 14 px a month: "Sep" does not fit
    assert page.months._short_labels()
    page.months.resize(12 * 60, page.months.height())
    assert not page.months._short_labels()
    legend = page.findChild(QWidget, "network_legend")
    assert legend.layout().heightForWidth(120) > legend.layout().heightForWidth(1000)
