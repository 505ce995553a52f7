"""Tools > Find duplicates under the identity rules: namesakes are proposed, people who only
share a family phone, a switchboard or a team mailbox are not."""

from __future__ import annotations

import datetime as dt

from netdesk.core import dedupe, events, merge, people
from netdesk.core.people import PersonDraft
from tests.helpers.people import person


def pairs_by_ids() -> dict[tuple[int, int], dedupe.DuplicatePair]:
    return {(p.a_id, p.b_id): p for p in dedupe.find_pairs()}


def test_two_identical_namesakes_are_listed(store):
    a = people.create(PersonDraft(given="Maren", family="Ostby"))
    b = people.create(PersonDraft(given="Maren", family="Ostby"))
    pair = pairs_by_ids()[(a, b)]
    assert (pair.reason, pair.score) == ("same name", dedupe.SAME_NAME_SCORE)


def test_a_stub_met_at_the_same_event_is_listed(store):
    full = people.create(PersonDraft(given="Tobias", family="Quenneville"))
    stub = people.create(PersonDraft(display_name="Tobias"))
    people.create(PersonDraft(display_name="Tobias Berg"))  # another Tobias, met elsewhere
    summit = events.create("Data Summit", dt.date(2026, 5, 14))
    for pid in (full, stub):
        events.add_attendee(summit, pid)
    found = pairs_by_ids()
    assert found[(full, stub)].reason == (
        "one name is part of the other and the same event or conversation"
    )
    assert all(stub in key and full in key for key in found)


def test_sharing_a_point_under_another_name_is_not_a_duplicate(store):
    # a family's home phone, a switchboard with extensions, a team mailbox
    person("Ana Souza", phone="+1 415 555 0134")
    person("Pedro Souza", phone="(415) 555-0134")
    person("Inês Carvalho", phone="1-800-555-5588,x5506")
    person("Tomas Berg", phone="1-800-555-5588,x4204")
    person("Farah Haddad", email="sales@cobalt-pine.example")
    person("Dmitri Petrov", email="sales@cobalt-pine.example")
    assert dedupe.find_pairs() == []


def test_the_same_line_with_agreeing_names_is_listed(store):
    a = person("Inês Carvalho", phone="1-800-555-5588,x5506")
    b = person("I. Carvalho", phone="+1 800 555 5588 ext. 5506")
    person("Tomas Berg", phone="1-800-555-5588,x4204")
    found = pairs_by_ids()
    assert found[(a, b)].reason == "same phone +18005555588;ext=5506"
    assert list(found) == [(a, b)]  # Tomas is another line of the switchboard


def test_one_click_merges_a_listed_pair(store):
    a = people.create(PersonDraft(given="Maren", family="Ostby", notes="Runs the choir"))
    b = people.create(PersonDraft(given="Maren", family="Ostby"))
    pair = dedupe.find_pairs()[0]
    merge.merge(pair.a_id, pair.b_id, {})
    assert not people.exists(b)
    assert people.get(a).notes == "Runs the choir"
    assert dedupe.find_pairs() == []
