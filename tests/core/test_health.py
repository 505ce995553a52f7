"""Relationship health: each rule with fixed dates and written numbers, the sentence, the months,
the network summary, and the SQL state agreeing with the Python state."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from netdesk.core import health, interactions, listing
from netdesk.core.health import HealthState
from netdesk.core.interactions import InteractionDraft
from netdesk.db import reads
from netdesk.db.models import Person
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 6)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def archive(*ids: int) -> None:
    Person.update(archived=True).where(Person.id.in_(ids)).execute()


def talk(when: dt.date, *ids: int) -> None:
    interactions.log(InteractionDraft(when=when, people=list(ids)))


# --- the rules, one by one (pure: no store) -------------------------------------------------


def test_no_rhythm_without_a_cadence():
    assert health.state(None, days_ago(400), False, TODAY) is HealthState.NO_RHYTHM


def test_on_track_when_the_next_contact_is_more_than_a_week_away():
    # 30-day rhythm, last contact 22 days ago: due in 8 days
    assert health.state(30, days_ago(22), False, TODAY) is HealthState.ON_TRACK


def test_due_soon_within_a_week_of_the_due_day():
    assert health.state(30, days_ago(23), False, TODAY) is HealthState.DUE_SOON  # due in 7
    assert health.state(30, days_ago(30), False, TODAY) is HealthState.DUE_SOON  # due today


def test_overdue_once_the_due_day_has_passed():
    assert health.state(30, days_ago(31), False, TODAY) is HealthState.OVERDUE
    assert health.state(30, days_ago(60), False, TODAY) is HealthState.OVERDUE  # twice: not yet


def test_drifting_past_twice_the_rhythm():
    assert health.state(30, days_ago(61), False, TODAY) is HealthState.DRIFTING
    assert health.state(14, days_ago(29), False, TODAY) is HealthState.DRIFTING


def test_someone_you_nurture_drifts_after_a_year_even_on_a_long_rhythm():
    assert health.state(240, days_ago(366), True, TODAY) is HealthState.DRIFTING
    assert health.state(240, days_ago(365), True, TODAY) is HealthState.OVERDUE
    assert health.state(240, days_ago(366), False, TODAY) is HealthState.OVERDUE  # not nurtured


# --- the words ------------------------------------------------------------------------------


def test_sentence_says_the_rhythm_the_last_time_and_the_count():
    text = health.sentence(28, days_ago(49), 9, TODAY)
    assert text == (
        "You aim for every 4 weeks; last time 7 weeks ago; 9 conversations in the last 12 months."
    )


def test_sentence_without_rhythm_or_contact():
    assert health.sentence(None, None, 0, TODAY) == (
        "No rhythm set; no contact logged yet; 0 conversations in the last 12 months."
    )
    assert health.sentence(None, days_ago(1), 1, TODAY) == (
        "No rhythm set; last time yesterday; 1 conversation in the last 12 months."
    )


def test_rhythms_and_distances_in_everyday_units():
    assert [health.every(d) for d in (7, 14, 30, 90, 365, 10)] == [
        "every week",
        "every 2 weeks",
        "every month",
        "every 3 months",
        "every year",
        "every 10 days",
    ]
    assert [health.ago(days_ago(d), TODAY) for d in (0, 5, 20, 100, 800)] == [
        "today",
        "5 days ago",
        "2 weeks ago",
        "3 months ago",
        "2 years ago",
    ]


def test_the_twelve_months_end_with_this_one():
    starts = health.month_starts(dt.date(2026, 3, 15))
    assert starts[0] == dt.date(2025, 4, 1)
    assert starts[-1] == dt.date(2026, 3, 1)
    assert len(starts) == 12


# --- one person from the store --------------------------------------------------------------


def test_person_health_counts_contacts_per_month(store):
    ana = person("Ana Souza", circles=["Friends"], met_on=dt.date(2024, 1, 1))
    other = person("Ben Other")
    for when in (
        dt.date(2025, 11, 30),  # before the twelve months
        dt.date(2026, 1, 10),
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 20),
        dt.date(2026, 10, 18),
        dt.date(2026, 12, 20),  # logged ahead: not a contact yet
    ):
        talk(when, ana)
    talk(dt.date(2026, 2, 1), other)  # not hers
    found = health.for_person(ana, TODAY)
    assert found is not None
    assert [count for _month, count in found.months] == [1, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    assert found.contacts == 4
    assert found.months_text() == "Contacts per month, Jan–Dec: 1, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0"
    # last contact is the newest logged (20 Dec); seen from 6 Dec it is still ahead
    assert found.state is HealthState.ON_TRACK
    assert found.cadence_days == 30


def test_person_health_state_and_sentence_from_the_store(store):
    ana = person("Ana Souza", circles=["Friends"], met_on=dt.date(2024, 1, 1))
    talk(days_ago(49), ana)
    found = health.for_person(ana, TODAY)
    assert found is not None
    assert found.state is HealthState.OVERDUE  # 49 days on a 30-day rhythm
    assert found.sentence() == (
        "You aim for every month; last time 7 weeks ago; 1 conversation in the last 12 months."
    )


def test_sentence_says_when_they_last_reached_out():
    assert health.sentence(28, days_ago(49), 9, TODAY, reached_out=dt.date(2026, 3, 10)) == (
        "You aim for every 4 weeks; last time 7 weeks ago; 9 conversations in the last 12"
        " months; they last reached out in March."
    )
    assert health.when_in_words(days_ago(20), TODAY) == "2 weeks ago"
    assert health.when_in_words(dt.date(2024, 5, 2), TODAY) == "in May 2024"


def test_only_conversations_they_started_count_as_reaching_out(store):
    ana = person("Ana Souza", circles=["Friends"], met_on=dt.date(2024, 1, 1))
    interactions.log(InteractionDraft(when=dt.date(2026, 3, 10), people=[ana], they_started=True))
    interactions.log(InteractionDraft(when=dt.date(2026, 2, 1), people=[ana], they_started=True))
    talk(days_ago(49), ana)  # you started this one: it is the last time, not their reaching out
    found = health.for_person(ana, TODAY)
    assert found is not None and found.reached_out == dt.date(2026, 3, 10)
    assert found.sentence().endswith(
        "3 conversations in the last 12 months; they last reached out in March."
    )
    quiet = person("Quiet Quinn", met_on=dt.date(2024, 1, 1))
    talk(days_ago(3), quiet)
    assert health.for_person(quiet, TODAY).reached_out is None  # type: ignore[union-attr]


def test_editing_an_interaction_keeps_who_started_it(store):
    ana = person("Ana Souza")
    draft = InteractionDraft(when=days_ago(5), people=[ana], they_started=True)
    interaction = interactions.log(draft)
    assert interactions.timeline(ana)[0].they_started
    interactions.update(interaction, replace(draft, summary="Called me back", they_started=False))
    assert not interactions.timeline(ana)[0].they_started


def test_archived_people_have_no_rhythm(store):
    gone = person("Gone Away", cadence_days=7, met_on=days_ago(100))
    archive(gone)
    found = health.for_person(gone, TODAY)
    assert found is not None and found.state is HealthState.NO_RHYTHM
    assert health.for_person(gone + 1000, TODAY) is None


# --- the network ----------------------------------------------------------------------------


def test_summary_counts_states_circles_nurture_months_and_drifting(store):
    drifting = person("Dora Drift", circles=["Family"], met_on=days_ago(29))  # 14-day rhythm
    overdue = person("Oscar Late", circles=["Friends"], met_on=days_ago(40), nurture=True)
    on_track = person("Olga Fine", circles=["Friends"], met_on=days_ago(2))
    person("Nina None", met_on=days_ago(500))  # no rhythm
    archive(person("Archie Ved", cadence_days=7, met_on=days_ago(300)))
    talk(days_ago(40), overdue, drifting)
    talk(days_ago(29), drifting)
    talk(days_ago(2), on_track)
    found = health.summary(TODAY)
    assert found.states == {
        HealthState.DRIFTING: 1,
        HealthState.OVERDUE: 1,
        HealthState.ON_TRACK: 1,
        HealthState.NO_RHYTHM: 1,
    }
    assert found.nurture == {HealthState.OVERDUE: 1}
    circles = dict(found.circles)
    assert circles["Family"] == {HealthState.DRIFTING: 1}
    assert circles["Friends"] == {HealthState.OVERDUE: 1, HealthState.ON_TRACK: 1}
    assert circles["School"] == {}
    # 40, 29 and 2 days ago: 27 October, 7 November, 4 December
    assert found.months[-3:] == [
        (dt.date(2026, 10, 1), 1),
        (dt.date(2026, 11, 1), 1),
        (dt.date(2026, 12, 1), 1),
    ]
    assert [(d.id, d.name) for d in found.drifting] == [(drifting, "Dora Drift")]
    assert found.drifting[0].sentence == (
        "You aim for every 2 weeks; last time 4 weeks ago; 2 conversations in the last 12 months."
    )


# --- SQL and Python agree -------------------------------------------------------------------


def test_sql_state_agrees_with_python_state_for_generated_people(store):
    rng = random.Random(7)
    ids = []
    for n in range(300):
        circles = rng.sample(["Family", "Friends", "School", "Colleagues"], rng.randint(0, 2))
        ids.append(
            person(
                f"Person {n}",
                circles=circles,
                nurture=rng.random() < 0.4,
                cadence_days=rng.choice([None, None, 7, 30, 200]),
                met_on=rng.choice([None, days_ago(rng.randint(0, 900))]),
            )
        )
    archive(*ids[::20])
    Person.update(cadence_days=0).where(Person.id.in_(ids[1::25])).execute()  # from a file
    for pid in rng.sample(ids, 200):
        talk(days_ago(rng.randint(-3, 800)), pid)
    # and every boundary of the rules, one day either side
    for silence in (22, 23, 24, 29, 30, 31, 59, 60, 61, 62):
        ids.append(person(f"Monthly {silence}", cadence_days=30, met_on=days_ago(silence)))
    for silence in (364, 365, 366):
        ids.append(
            person(f"Nurtured {silence}", nurture=True, cadence_days=200, met_on=days_ago(silence))
        )
    Person.update(created=dt.datetime(2025, 2, 1, 9)).where(Person.id.in_(ids[::3])).execute()
    sql = f"SELECT p.id, {health.rank_sql(TODAY)} FROM person p"
    from_sql = {pid: health.STATES[rank] for pid, rank in reads.execute(sql)}
    from_python = {}
    for pid in ids:
        found = health.for_person(pid, TODAY)
        assert found is not None
        from_python[pid] = found.state
    assert from_sql == from_python
    assert set(from_sql.values()) == set(HealthState)  # every state was exercised


# --- the people list ------------------------------------------------------------------------


def test_list_rows_carry_health_and_sort_by_it_worst_first(store):
    on_track = person("Olga Fine", circles=["Friends"], met_on=days_ago(2))
    none = person("Nina None", met_on=days_ago(500))
    drifting = person("Dora Drift", circles=["Family"], met_on=days_ago(29))
    due_soon = person("Sam Soon", circles=["Friends"], met_on=days_ago(25))
    overdue = person("Oscar Late", circles=["Friends"], met_on=days_ago(40))
    query = listing.ListQuery(sort=listing.Sort.HEALTH, today=TODAY)
    rows = listing.fetch(query)
    assert [r.id for r in rows] == [drifting, overdue, due_soon, on_track, none]
    assert [r.health for r in rows] == list(HealthState)
    backwards = listing.fetch(replace(query, descending=True))
    assert [r.id for r in backwards] == [none, on_track, due_soon, overdue, drifting]


def test_every_sort_runs_both_ways(store):
    first = person("Ana Souza", org="Fjordlight", circles=["Friends"], met_on=days_ago(40))
    second = person("Ben Other", org="Acme", circles=["Family"], met_on=days_ago(1))
    for sort in listing.Sort:
        for descending in (False, True):
            query = listing.ListQuery(sort=sort, descending=descending, today=TODAY)
            assert {r.id for r in listing.fetch(query)} == {first, second}, (sort, descending)
