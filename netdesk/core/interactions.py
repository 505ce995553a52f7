"""Interactions: what happened with whom. Logging one resets each participant's clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import peewee as pw

from netdesk.core import store
from netdesk.core.errors import NotFound, ValidationError
from netdesk.db.models import Interaction, Participant, Person
from netdesk.values import InteractionKind, Topic


@dataclass
class InteractionDraft:
    when: dt.date
    kind: InteractionKind = InteractionKind.OTHER
    summary: str = ""
    notes: str = ""
    follow_up: dt.date | None = None
    people: list[int] = field(default_factory=list)
    they_started: bool = False  # the other person reached out


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    when: dt.date
    kind: InteractionKind
    summary: str
    notes: str
    follow_up: dt.date | None
    follow_up_done: bool
    others: tuple[str, ...]  # the other participants' names
    event_name: str = ""
    they_started: bool = False


def log(draft: InteractionDraft) -> int:
    """Record an interaction with one or more people; returns its id."""
    people = list(dict.fromkeys(draft.people))
    if not people:
        raise ValidationError("Choose at least one person.", "people")
    if draft.follow_up and draft.follow_up < draft.when:
        raise ValidationError("The follow-up cannot be before the interaction.", "follow_up")
    with store.write():
        interaction = Interaction.create(
            when=draft.when,
            kind=str(draft.kind),
            summary=draft.summary.strip(),
            notes=draft.notes,
            follow_up=draft.follow_up,
            they_started=draft.they_started,
        )
        Participant.insert_many(
            [{"interaction": interaction.id, "person": p} for p in people]
        ).execute()
        refresh_last_contact(people)
        store.changed(Topic.INTERACTIONS, *people)
        return int(interaction.id)


def update(interaction_id: int, draft: InteractionDraft) -> None:
    with store.write():
        before = participants(interaction_id)
        updated = (
            Interaction.update(
                when=draft.when,
                kind=str(draft.kind),
                summary=draft.summary.strip(),
                notes=draft.notes,
                follow_up=draft.follow_up,
                they_started=draft.they_started,
            )
            .where(Interaction.id == interaction_id)
            .execute()
        )
        if not updated:
            raise NotFound(f"Interaction {interaction_id} does not exist.")
        Participant.delete().where(Participant.interaction == interaction_id).execute()
        people = list(dict.fromkeys(draft.people))
        Participant.insert_many(
            [{"interaction": interaction_id, "person": p} for p in people]
        ).execute()
        refresh_last_contact(set(before) | set(people))
        store.changed(Topic.INTERACTIONS, *before, *people)


def delete(interaction_id: int) -> None:
    with store.write():
        people = participants(interaction_id)
        Interaction.delete().where(Interaction.id == interaction_id).execute()
        refresh_last_contact(people)
        store.changed(Topic.INTERACTIONS, *people)


def mark_follow_up_done(interaction_id: int, done: bool = True) -> None:
    with store.write():
        Interaction.update(follow_up_done=done).where(Interaction.id == interaction_id).execute()
        store.changed(Topic.REMINDERS, *participants(interaction_id))


def participants(interaction_id: int) -> list[int]:
    query = Participant.select(Participant.person).where(Participant.interaction == interaction_id)
    return [row.person_id for row in query]


def refresh_last_contact(people: list[int] | set[int]) -> None:
    """Set each person's last contact to their newest interaction (or none)."""
    ids = list(people)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        newest = (
            Interaction.select(pw.fn.max(Interaction.when))
            .join(Participant)
            .where(Participant.person == Person.id)
        )
        Person.update(last_contact=newest).where(Person.id.in_(chunk)).execute()


def timeline(person_id: int, limit: int | None = None) -> list[TimelineEntry]:
    """A person's interactions, newest first, with who else was there."""
    from netdesk.db.models import Event

    query = (
        Interaction.select(Interaction, Event.name.alias("event_name"))
        .join(Participant)
        .switch(Interaction)
        .join(Event, pw.JOIN.LEFT_OUTER, on=(Event.interaction == Interaction.id))
        .where(Participant.person == person_id)
        .order_by(Interaction.when.desc(), Interaction.id.desc())
    )
    if limit:
        query = query.limit(limit)
    rows = list(query.objects())
    others = _other_names([r.id for r in rows], person_id)
    return [
        TimelineEntry(
            id=r.id,
            when=r.when,
            kind=InteractionKind(r.kind),
            summary=r.summary,
            notes=r.notes,
            follow_up=r.follow_up,
            follow_up_done=r.follow_up_done,
            others=tuple(others.get(r.id, ())),
            event_name=r.event_name or "",
            they_started=bool(r.they_started),
        )
        for r in rows
    ]


def _other_names(interaction_ids: list[int], person_id: int) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if not interaction_ids:
        return names
    query = (
        Participant.select(Participant.interaction, Person.display_name)
        .join(Person)
        .where(Participant.interaction.in_(interaction_ids), Participant.person != person_id)
        .order_by(Person.sort_name)
        .tuples()
    )
    for interaction_id, name in query:
        names.setdefault(interaction_id, []).append(name)
    return names
