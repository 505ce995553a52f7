"""Needs and offers: stored dated, listed per person, refused with one sentence when empty or too
long, stale after the set number of days, and kept through a merge and an undone delete."""

from __future__ import annotations

import datetime as dt

import pytest

from netdesk.core import needs, settings, snapshots
from netdesk.core.errors import NotFound, ValidationError
from netdesk.db.models import Need, Person
from netdesk.values import NeedKind
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 6)


def texts(entries) -> list[tuple[str, str]]:
    return [(str(e.kind), e.text) for e in entries]


def test_needs_then_offers_newest_first_on_one_line(store):
    jamal = person("Jamal Reed")
    needs.add(jamal, NeedKind.OFFER, "Knows the Lisbon\n  start-up scene", dt.date(2026, 10, 1))
    needs.add(jamal, NeedKind.NEED, "an analyst role", dt.date(2026, 9, 1))
    needs.add(jamal, NeedKind.NEED, "an apartment in Porto", dt.date(2026, 11, 1))
    assert texts(needs.for_person(jamal)) == [
        ("need", "an apartment in Porto"),
        ("need", "an analyst role"),
        ("offer", "Knows the Lisbon start-up scene"),
    ]
    assert needs.for_person(jamal)[0].noted_on == dt.date(2026, 11, 1)


def test_bad_text_is_one_sentence_and_stores_nothing(store):
    jamal = person("Jamal Reed")
    needs.add(jamal, NeedKind.NEED, "a co-founder")
    with pytest.raises(ValidationError, match=r"^Say what they are looking for\.$"):
        needs.add(jamal, NeedKind.NEED, "  \n ")
    with pytest.raises(ValidationError, match=r"^Say what they can help with\.$"):
        needs.add(jamal, NeedKind.OFFER, "")
    with pytest.raises(ValidationError, match=r"^Keep it under 300 characters\.$"):
        needs.add(jamal, NeedKind.OFFER, "x" * 301)
    with pytest.raises(NotFound):
        needs.add(jamal + 1, NeedKind.NEED, "a flat")
    assert texts(needs.for_person(jamal)) == [("need", "a co-founder")]
    assert Need.select().count() == 1


def test_remove_forgets_one_and_twice_is_harmless(store):
    ana = person("Ana Souza")
    keep = needs.add(ana, NeedKind.OFFER, "hiring analysts")
    gone = needs.add(ana, NeedKind.NEED, "a designer")
    needs.remove(gone)
    needs.remove(gone)
    assert [e.id for e in needs.for_person(ana)] == [keep]


def test_stale_after_180_days_unless_the_setting_says_otherwise(store):
    ana = person("Ana Souza")
    needs.add(ana, NeedKind.NEED, "a flat", TODAY - dt.timedelta(days=180))
    needs.add(ana, NeedKind.NEED, "a co-founder", TODAY - dt.timedelta(days=181))
    needs.add(ana, NeedKind.OFFER, "hiring analysts", TODAY - dt.timedelta(days=30))
    assert needs.stale_days() == 180
    assert texts(needs.fresh(TODAY)) == [("need", "a flat"), ("offer", "hiring analysts")]
    flat, cofounder = needs.for_person(ana)[:2]
    assert not flat.is_stale(TODAY, 180) and cofounder.is_stale(TODAY, 180)
    settings.put(needs.STALE_SETTING, 30)
    assert texts(needs.fresh(TODAY)) == [("offer", "hiring analysts")]


def test_archived_people_have_no_fresh_needs(store):
    ana = person("Ana Souza")
    needs.add(ana, NeedKind.NEED, "a flat", TODAY)
    Person.update(archived=True).where(Person.id == ana).execute()
    assert needs.fresh(TODAY) == []


def test_an_undone_delete_brings_needs_back(store):
    ana = person("Ana Souza")
    needs.add(ana, NeedKind.NEED, "a flat", TODAY)
    before = snapshots.capture([ana])
    snapshots.delete_people([ana])
    assert Need.select().count() == 0
    snapshots.restore(before)
    assert texts(needs.for_person(ana)) == [("need", "a flat")]


def test_a_merge_keeps_both_peoples_needs(store):
    from netdesk.core import merge

    ana = person("Ana Souza")
    other = person("Ana S.")
    needs.add(ana, NeedKind.NEED, "a flat", TODAY)
    needs.add(other, NeedKind.OFFER, "hiring analysts", TODAY)
    merge.merge(ana, other)
    assert texts(needs.for_person(ana)) == [("need", "a flat"), ("offer", "hiring analysts")]
