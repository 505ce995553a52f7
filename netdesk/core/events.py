"""Work events: a dinner, a conference, a company day, and the people met there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from netdesk.core import interactions, store
from netdesk.core.errors import NotFound, ValidationError
from netdesk.db.models import Event, Interaction, Participant, Person, Reminder
from netdesk.values import InteractionKind, Topic

FOLLOW_UP_AFTER_DAYS = 3


@dataclass(frozen=True)
class EventSummary:
    id: int
    name: str
    kind: str
    date: dt.date
    place: str
    notes: str
    attendees: int


def create(
    name: str,
    date: dt.date,
    place: str = "",
    kind: str = "event",
    notes: str = "",
    *,
    uid: str | None = None,
) -> int:
    """A new event; `uid` is the calendar's UID of a meeting imported from one."""
    if not name.strip():
        raise ValidationError("An event needs a name.", "name")
    with store.write():
        interaction = Interaction.create(
            when=date, kind=str(InteractionKind.EVENT), summary=name.strip(), notes=notes
        )
        event = Event.create(
            name=name.strip(),
            date=date,
            place=place.strip(),
            kind=kind,
            notes=notes,
            interaction=interaction,
            uid=uid or None,
        )
        store.changed(Topic.EVENTS)
        return int(event.id)


@dataclass(frozen=True)
class Attendance:
    """What adding someone to an event filled in, so removing them can take just that back."""

    set_how_met: bool
    set_met_on: bool


def add_attendee(
    event_id: int, person_id: int, *, follow_up_days: int | None = None
) -> Attendance:
    """Add someone met at the event: it becomes where they met, with a follow-up soon after."""
    event = _event(event_id)
    days = FOLLOW_UP_AFTER_DAYS if follow_up_days is None else follow_up_days
    with store.write():
        Participant.insert(
            interaction=event.interaction_id, person=person_id
        ).on_conflict_ignore().execute()
        person = Person.get_by_id(person_id)
        attendance = Attendance(not person.how_met, person.met_on is None)
        if attendance.set_how_met:
            person.how_met = event.name
        if attendance.set_met_on:
            person.met_on = event.date
        person.save(only=[Person.how_met, Person.met_on])
        due = max(event.date, dt.date.today()) + dt.timedelta(days=days)
        already = Reminder.select().where(
            (Reminder.person == person_id) & (Reminder.event == event_id)
        )
        if days > 0 and not already.exists():
            Reminder.create(
                person=person_id, due=due, note=f"Follow up after {event.name}", event=event_id
            )
        interactions.refresh_last_contact([person_id])
        store.changed(Topic.EVENTS, person_id)
        store.changed(Topic.INTERACTIONS, person_id)
        return attendance


def remove_attendee(event_id: int, person_id: int, attendance: Attendance | None = None) -> None:
    """Take someone off the event (added by mistake): their place in it and its follow-up go,
    and how they met goes back where `attendance` says adding them filled it in."""
    event = _event(event_id)
    with store.write():
        Participant.delete().where(
            (Participant.interaction == event.interaction_id) & (Participant.person == person_id)
        ).execute()
        Reminder.delete().where(_open_follow_up(event_id, person_id)).execute()
        if attendance is not None:
            _forget_how_met(event, person_id, attendance)
        interactions.refresh_last_contact([person_id])
        store.changed(Topic.EVENTS, person_id)
        store.changed(Topic.INTERACTIONS, person_id)
        store.changed(Topic.REMINDERS, person_id)


def _forget_how_met(event: Event, person_id: int, attendance: Attendance) -> None:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        return
    if attendance.set_how_met and person.how_met == event.name:
        person.how_met = ""
    if attendance.set_met_on and person.met_on == event.date:
        person.met_on = None
    person.save(only=[Person.how_met, Person.met_on])


def follow_up(event_id: int, person_id: int) -> dt.date | None:
    """When the event's open follow-up with this person is due, or None without one."""
    row = Reminder.select().where(_open_follow_up(event_id, person_id)).first()
    return row.due if row is not None else None


def set_follow_up(event_id: int, person_id: int, due: dt.date | None) -> None:
    """Move the event's follow-up with this person to `due`, or drop it (None)."""
    event = _event(event_id)
    with store.write():
        row = Reminder.select().where(_open_follow_up(event_id, person_id)).first()
        if due is None:
            if row is not None:
                row.delete_instance()
        elif row is None:
            Reminder.create(
                person=person_id, due=due, note=f"Follow up after {event.name}", event=event_id
            )
        else:
            row.due = due
            row.save(only=[Reminder.due])
        store.changed(Topic.REMINDERS, person_id)


def _event(event_id: int) -> Event:
    event = Event.get_or_none(Event.id == event_id)
    if event is None:
        raise NotFound(f"Event {event_id} does not exist.")
    return event


def _open_follow_up(event_id: int, person_id: int) -> pw.Expression:
    return (
        (Reminder.person == person_id) & (Reminder.event == event_id) & (Reminder.done == False)  # noqa: E712
    )


def attendees(event_id: int) -> list[int]:
    event = Event.get_or_none(Event.id == event_id)
    if event is None:
        return []
    return interactions.participants(event.interaction_id)


def list_events() -> list[EventSummary]:
    query = (
        Event.select(Event, pw.fn.count(Participant.id).alias("n"))
        .join(Participant, pw.JOIN.LEFT_OUTER, on=(Participant.interaction == Event.interaction))
        .group_by(Event.id)
        .order_by(Event.date.desc())
    )
    return [EventSummary(e.id, e.name, e.kind, e.date, e.place, e.notes, e.n) for e in query]


def delete(event_id: int) -> None:
    event = Event.get_or_none(Event.id == event_id)
    if event is None:
        return
    people = interactions.participants(event.interaction_id)
    interactions.delete(event.interaction_id)  # cascades to the event
    with store.write():
        store.changed(Topic.EVENTS, *people)

