"""Explicit follow-ups ("write to Ana after her talk") and interaction follow-up dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from netdesk.core import store
from netdesk.core.errors import ValidationError
from netdesk.db.models import Interaction, Participant, Person, Reminder
from netdesk.values import InteractionKind, Topic

INTRODUCTION_FOLLOW_UP = "Ask how the introduction went"


@dataclass(frozen=True)
class FollowUp:
    """One thing to follow up on. `source` is "reminder" or "interaction"."""

    source: str
    ref: int
    person_id: int
    person_name: str
    due: dt.date
    note: str
    done: bool


def add(person_id: int, due: dt.date, note: str = "") -> int:
    if due is None:
        raise ValidationError("Choose a date for the follow-up.", "due")
    with store.write():
        reminder = Reminder.create(person=person_id, due=due, note=note.strip())
        store.changed(Topic.REMINDERS, person_id)
        return int(reminder.id)


def set_done(reminder_id: int, done: bool = True) -> None:
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None:
        return
    with store.write():
        reminder.done = done
        reminder.save(only=[Reminder.done])
        store.changed(Topic.REMINDERS, reminder.person_id)


def delete(reminder_id: int) -> None:
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None:
        return
    with store.write():
        reminder.delete_instance()
        store.changed(Topic.REMINDERS, reminder.person_id)


def for_person(person_id: int, include_done: bool = False) -> list[FollowUp]:
    return [f for f in _all(include_done=include_done, person_id=person_id)]


def due_by(day: dt.date) -> list[FollowUp]:
    """Open follow-ups due on or before `day` for people who are not archived."""
    return [f for f in _all(include_done=False, until=day)]


def _all(
    *, include_done: bool, person_id: int | None = None, until: dt.date | None = None
) -> list[FollowUp]:
    reminders = (
        Reminder.select(
            Reminder.id,
            Reminder.person,
            Person.display_name,
            Reminder.due,
            Reminder.note,
            Reminder.done,
        )
        .join(Person)
        .where(~Person.archived)
    )
    reminders = _narrowed(
        reminders, (Reminder.done, Reminder.person, Reminder.due), include_done, person_id, until
    )
    out = [FollowUp("reminder", *row) for row in reminders.tuples()]
    logged = (
        Interaction.select(
            Interaction.id,
            Participant.person,
            Person.display_name,
            Interaction.follow_up,
            Interaction.summary,
            Interaction.follow_up_done,
            Interaction.kind,
        )
        .join(Participant)
        .join(Person)
        .where(Interaction.follow_up.is_null(False), ~Person.archived)
    )
    columns = (Interaction.follow_up_done, Participant.person, Interaction.follow_up)
    logged = _narrowed(logged, columns, include_done, person_id, until)
    for iid, pid, name, due, summary, done, kind in logged.tuples():
        out.append(FollowUp("interaction", iid, pid, name, due, _note(kind, summary), done))
    return sorted(out, key=lambda f: (f.due, f.person_name))


def _note(kind: str, summary: str) -> str:
    """What an interaction's follow-up asks of the user."""
    if kind == InteractionKind.INTRODUCTION:
        return f"{INTRODUCTION_FOLLOW_UP} ({summary})" if summary else INTRODUCTION_FOLLOW_UP
    return summary or "Follow up"


def _narrowed(
    query: pw.Select,
    columns: tuple[pw.Field, pw.Field, pw.Field],
    include_done: bool,
    person_id: int | None,
    until: dt.date | None,
) -> pw.Select:
    """`query` kept to open follow-ups (unless `include_done`), one person's, due by `until`;
    `columns` are its done flag, person and due date."""
    done, person, due = columns
    if not include_done:
        query = query.where(done == False)  # noqa: E712
    if person_id is not None:
        query = query.where(person == person_id)
    if until is not None:
        query = query.where(due <= until)
    return query
