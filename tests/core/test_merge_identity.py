"""Merging a fuller, older record with a newer stub: field by field the fuller, older values win,
whichever side the merge keeps, and the follow-ups both carried are folded into one."""

from __future__ import annotations

import datetime as dt

import pytest

from netdesk.core import events, follow_ups, interactions, merge, people
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft
from netdesk.db.models import Interaction, Participant, Person, Reminder
from netdesk.values import Birthday


@pytest.fixture
def tobias(store):
    """Tobias Quenneville, met at the summit in May; weeks later a quick "Tobias" stub was added
    to the same event with a wrong met-on date and a birthday without its year."""
    summit = events.create("Data Summit", dt.date(2026, 5, 14))
    full = people.create(
        PersonDraft(
            given="Tobias",
            family="Quenneville",
            birthday=Birthday(9, 3, 1988),
            notes="Builds tide sensors",
        )
    )
    events.add_attendee(summit, full)
    stub = people.create(PersonDraft(display_name="Tobias", birthday=Birthday(9, 3)))
    events.add_attendee(summit, stub)
    Person.update(met_on=dt.date(2026, 6, 20)).where(Person.id == stub).execute()
    follow_ups.add(full, dt.date(2026, 7, 1), "Send the sensor paper")
    follow_ups.add(stub, dt.date(2026, 7, 1), "send the sensor paper ")
    return {"full": full, "stub": stub}


@pytest.mark.parametrize("keep_stub", [True, False])
def test_the_fuller_older_values_win_whichever_side_is_kept(tobias, keep_stub):
    keep, other = (
        (tobias["stub"], tobias["full"]) if keep_stub else (tobias["full"], tobias["stub"])
    )
    merge.merge(keep, other)
    d = people.get(keep)
    assert (d.display_name, d.given, d.family) == ("Tobias Quenneville", "Tobias", "Quenneville")
    assert d.met_on == dt.date(2026, 5, 14)
    assert d.birthday == Birthday(9, 3, 1988)
    assert d.notes.startswith("Builds tide sensors")
    assert "Also known as" not in d.notes  # "Tobias" is part of the kept name
    assert "Met on: 2026-06-20" in d.notes  # the dropped date is remembered, not lost


def test_the_preview_offers_those_values_by_default(tobias):
    preview = {c.field: c for c in merge.merge_preview(tobias["stub"], tobias["full"])}
    assert preview["display_name"].default == merge.OTHER
    assert preview["family"].default == merge.OTHER
    assert preview["met_on"].default == merge.OTHER
    assert preview["birthday"].default == merge.OTHER


def test_identical_follow_ups_and_event_reminders_are_folded(tobias):
    merge.merge(tobias["stub"], tobias["full"])
    notes = sorted(r.note for r in Reminder.select().where(Reminder.person == tobias["stub"]))
    assert notes == ["Follow up after Data Summit", "Send the sensor paper"]


def test_an_open_copy_keeps_the_folded_follow_up_open(tobias):
    first = Reminder.get((Reminder.person == tobias["full"]) & (Reminder.event.is_null()))
    follow_ups.set_done(first.id)
    merge.merge(tobias["full"], tobias["stub"])
    left = Reminder.select().where((Reminder.person == tobias["full"]) & (Reminder.event.is_null()))
    assert [(r.note, r.done) for r in left] == [("Send the sensor paper", False)]


def test_a_conversation_logged_on_both_records_becomes_one(tobias):
    ben = people.create(PersonDraft(given="Ben", family="Okafor"))
    for pid, notes in ((tobias["full"], "Wants the data"), (tobias["stub"], "Asked about Oslo")):
        interactions.log(
            InteractionDraft(
                dt.date(2026, 5, 20),
                summary="Coffee after the summit",
                notes=notes,
                follow_up=dt.date(2026, 6, 1),
                people=[pid, ben] if pid == tobias["stub"] else [pid],
            )
        )
    merge.merge(tobias["full"], tobias["stub"])
    coffee = Interaction.select().where(Interaction.summary == "Coffee after the summit")
    assert [(i.notes, i.follow_up_done) for i in coffee] == [
        ("Wants the data; Asked about Oslo", False)
    ]
    joined = Participant.select(Participant.person).where(Participant.interaction == coffee[0].id)
    assert sorted(p for (p,) in joined.tuples()) == sorted([tobias["full"], ben])
    summit = [e for e in interactions.timeline(tobias["full"]) if e.summary == "Data Summit"]
    assert len(summit) == 1  # the event both attended is one interaction already


def test_two_full_names_keep_the_older_persons(store):
    older = people.create(PersonDraft(given="Ana", family="Souza"))
    newer = people.create(PersonDraft(given="Ana", additional="M.", family="Souza"))
    merge.merge(newer, older)
    d = people.get(newer)
    assert (d.display_name, d.additional) == ("Ana Souza", "")
    assert "Also known as: Ana M. Souza" in d.notes
