"""A calendar import is an undoable batch: undo takes back its events, attendances, how-we-met and
the people it created, leaves what changed since and refuses to delete later work unasked."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from netdesk.core import calendar_import, events, favours, importing, people
from netdesk.db.models import Event, ImportBatch, Interaction, Person, Reminder
from netdesk.values import FavourDirection
from tests.helpers.paths import FIXTURES
from tests.helpers.people import person

GOOGLE = FIXTURES / "ics" / "google.ics"
TODAY = dt.date(2026, 12, 6)
CHLOE = "chloe.martin@example.org"


def run(*, create: tuple[str, ...] = ()) -> calendar_import.CalendarReport:
    plan = calendar_import.plan_file(GOOGLE, ZoneInfo("Europe/Paris"))
    return calendar_import.apply(plan, create=create, today=TODAY)


def test_undo_takes_a_calendar_import_back_whole(store):
    ana = person("Ana Souza", email="ana.souza@example.com")
    report = run(create=(CHLOE,))
    assert report.batch_id is not None
    assert f"  to undo: netdesk undo-import {report.batch_id}" in report.lines()
    batch = importing.batches()[0]
    assert (batch.format, batch.people, batch.undone) == ("ics", 1, False)
    assert people.get(ana).how_met != ""

    result = importing.undo(report.batch_id)
    assert (result.removed, result.restored, result.kept) == (1, 1, "")
    assert Event.select().count() == 0 and Interaction.select().count() == 0
    assert Reminder.select().count() == 0
    assert Person.select().where(Person.display_name == CHLOE).count() == 0
    detail = people.get(ana)
    assert (detail.how_met, detail.met_on) == ("", None)
    assert importing.batches()[0].undone
    with pytest.raises(importing.AlreadyUndone):
        importing.undo(report.batch_id)


def test_undo_of_a_second_import_leaves_the_first_ones_events(store):
    person("Ana Souza", email="ana.souza@example.com")
    run()
    chloe = person("Chloé Martin", email=CHLOE)
    again = run()  # adds Chloé, known since, to the meeting the first import made
    call = next(m for m in again.meetings if m.summary == "Partnership call")
    assert chloe in events.attendees(call.event_id)
    assert again.batch_id is not None
    importing.undo(again.batch_id)
    assert Event.select().count() == 2
    assert chloe not in events.attendees(call.event_id)
    assert people.get(chloe).how_met == ""


def test_the_same_file_again_with_nothing_new_is_no_batch(store):
    person("Ana Souza", email="ana.souza@example.com")
    run()
    assert run().batch_id is None
    assert ImportBatch.select().count() == 1


def test_undo_refuses_to_delete_a_new_person_with_later_work_unless_forced(store):
    report = run(create=(CHLOE,))
    chloe = Person.get(Person.display_name == CHLOE).id
    favours.add(chloe, FavourDirection.GIVEN, "Intro to a recruiter", TODAY)
    assert report.batch_id is not None
    with pytest.raises(importing.LaterWork) as refused:
        importing.undo(report.batch_id)
    assert str(refused.value) == (
        f"Undoing import {report.batch_id} (google.ics) would delete work added since: "
        f"{CHLOE} (1 favour)."
    )
    assert Event.select().count() == 2 and Person.get_by_id(chloe)
    importing.undo(report.batch_id, force=True)
    assert Person.get_or_none(Person.id == chloe) is None


def test_undo_leaves_how_we_met_that_was_changed_since(store):
    ana = person("Ana Souza", email="ana.souza@example.com")
    report = run()
    people.update(ana, people.with_changes(people.get(ana), how_met="A friend's wedding"))
    assert report.batch_id is not None
    result = importing.undo(report.batch_id)
    assert people.get(ana).how_met == "A friend's wedding"
    assert result.kept == "Left as changed since: Ana Souza (how you met)."
