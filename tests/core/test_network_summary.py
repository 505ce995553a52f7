"""The Network page's numbers over a network whose answers are written down
(tests/helpers/network.py), and the people behind each mark."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from netdesk.core import health, listing, network_summary
from netdesk.core.health import HealthState
from netdesk.core.network_summary import EventMark, HealthMark, MonthMark
from tests.helpers.network import MONTHS, TODAY, known_network

DRIFT, LATE, SOON, FINE, UNSET = (
    HealthState.DRIFTING,
    HealthState.OVERDUE,
    HealthState.DUE_SOON,
    HealthState.ON_TRACK,
    HealthState.NO_RHYTHM,
)


def test_the_summary_counts_what_the_network_holds(store):
    known_network()
    found = network_summary.load(TODAY)
    assert found.today == TODAY
    assert found.health.states == {DRIFT: 2, LATE: 1, SOON: 1, FINE: 2, UNSET: 1}
    assert found.health.nurture == {DRIFT: 1, FINE: 1}
    circles = dict(found.health.circles)
    assert circles["Family"] == {DRIFT: 1, FINE: 1}
    assert circles["Friends"] == {LATE: 1, SOON: 1, FINE: 1}  # Hal is archived
    assert circles["Colleagues"] == {}
    assert [count for _month, count in found.health.months] == MONTHS
    assert found.health.months[0][0] == dt.date(2026, 1, 1)
    assert [(d.name, d.sentence) for d in found.health.drifting] == [
        (
            "Ada Ash",
            "You aim for every 2 weeks; last time 4 weeks ago; "
            "1 conversation in the last 12 months.",
        ),
        (
            "Finn Fir",
            "You aim for every month; last time 3 months ago; "
            "1 conversation in the last 12 months.",
        ),
    ]


def test_recent_events_are_up_to_today_newest_first_with_the_people_met(store):
    ids = known_network()
    found = network_summary.load(TODAY)
    assert [(e.id, e.name, e.day, e.people) for e in found.events] == [
        (ids["harbour"], "Harbour dinner", dt.date(2026, 11, 26), 3),
        (ids["spring"], "Spring meetup", dt.date(2026, 4, 10), 1),
    ]
    assert [e.name for e in network_summary.recent_events(TODAY, limit=1)] == ["Harbour dinner"]


def test_circles_are_named_with_their_ids(store):
    known_network()
    found = network_summary.load(TODAY)
    assert set(found.circle_ids) == {name for name, _counts in found.health.circles}


def behind(mark) -> list[int]:
    return network_summary.people_behind(mark, TODAY)


def test_a_month_stands_for_the_people_in_touch_that_month(store):
    ids = known_network()
    november = [ids[n] for n in ("Ada", "Bea", "Dee", "Eve", "Gus")]  # Gus: the dinner
    assert behind(MonthMark(dt.date(2026, 11, 1))) == november
    assert behind(MonthMark(dt.date(2026, 10, 1))) == [ids["Cal"]]  # not Hal: archived
    # the Winter fair is ahead: Gus is not in December yet
    assert behind(MonthMark(dt.date(2026, 12, 1))) == [ids["Bea"], ids["Eve"]]
    assert behind(MonthMark(dt.date(2026, 3, 1))) == [ids["Cal"], ids["Dee"]]
    assert behind(MonthMark(dt.date(2026, 2, 1))) == []


def test_a_segment_stands_for_the_people_in_that_state(store):
    ids = known_network()
    found = network_summary.load(TODAY)
    family, friends = found.circle_ids["Family"], found.circle_ids["Friends"]
    assert behind(HealthMark(DRIFT)) == [ids["Ada"], ids["Finn"]]
    assert behind(HealthMark(UNSET)) == [ids["Gus"]]
    assert behind(HealthMark(FINE, circle_id=family)) == [ids["Bea"]]
    assert behind(HealthMark(LATE, circle_id=friends)) == [ids["Cal"]]
    assert behind(HealthMark(DRIFT, circle_id=friends)) == []
    assert behind(HealthMark(FINE, nurture=True)) == [ids["Eve"]]
    assert behind(HealthMark(DRIFT, nurture=True)) == [ids["Finn"]]


def test_every_segment_holds_as_many_people_as_it_counts(store):
    known_network()
    found = network_summary.load(TODAY)
    for state, count in found.health.states.items():
        assert len(behind(HealthMark(state))) == count
    for name, counts in found.health.circles:
        for state, count in counts.items():
            assert len(behind(HealthMark(state, circle_id=found.circle_ids[name]))) == count


def test_an_event_stands_for_the_people_met_there(store):
    ids = known_network()
    assert behind(EventMark(ids["harbour"])) == [ids["Bea"], ids["Eve"], ids["Gus"]]
    assert behind(EventMark(ids["winter"])) == [ids["Gus"]]


def test_the_people_list_shows_exactly_the_people_behind_a_mark(store):
    ids = known_network()
    chosen = tuple(behind(HealthMark(DRIFT)))
    query = listing.ListQuery(filter=listing.Filter.PEOPLE, ids=chosen, today=TODAY)
    assert [row.id for row in listing.fetch(query)] == list(chosen)
    assert listing.count(query) == 2
    searched = listing.ListQuery(filter=listing.Filter.PEOPLE, ids=chosen, search="finn")
    assert [row.id for row in listing.fetch(searched)] == [ids["Finn"]]
    nobody = listing.ListQuery(filter=listing.Filter.PEOPLE, ids=())
    assert listing.count(nobody) == 0
    backwards = replace(query, sort=listing.Sort.NAME, descending=True)
    assert [row.id for row in listing.fetch(backwards)] == list(chosen)[::-1]
    paged = listing.ListQuery(
        filter=listing.Filter.PEOPLE, ids=(ids["Bea"], ids["Cal"], ids["Dee"])
    )
    assert [row.id for row in listing.fetch(paged, offset=1, limit=1)] == [ids["Cal"]]


def test_only_the_first_people_drifting_are_named(store, monkeypatch):
    ids = known_network()
    monkeypatch.setattr(network_summary, "NAMED_DRIFTING", 1)
    found = network_summary.load(TODAY)
    assert [d.id for d in found.health.drifting] == [ids["Ada"]]
    assert found.health.states[DRIFT] == 2  # counted all the same
    assert [d.id for d in health.summary(TODAY).drifting] == [ids["Ada"], ids["Finn"]]
