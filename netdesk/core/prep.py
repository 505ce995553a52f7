"""A meeting prep page as plain data: for each person, what is worth remembering before seeing
them (interests and hobbies, family, why they stand out, how you met, what you last talked
about, what you still owe them, what they are looking for and can help with).

Each person's page is a list of `Section`s (a heading and its lines of text) so that every
renderer (plain text here, HTML and PDF in `qt.prep_document`) shows the same thing. Empty
sections are left out. The last conversations are those up to today, never the meeting being
prepared for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.core import follow_ups, needs, people
from netdesk.core.dates import long_date
from netdesk.core.errors import NotFound
from netdesk.core.people import PersonDetail
from netdesk.db.models import Event, Interaction, Participant, Person
from netdesk.values import InteractionKind, NeedKind, TagKind

RECENT_CONVERSATIONS = 3
NOTHING_NOTED = "Nothing noted about them yet."


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonPrep:
    person_id: int
    name: str
    position: str  # "Title, Organisation" of their current position, or ""
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class Prep:
    title: str
    subtitle: str  # the meeting's date and place, or ""
    people: tuple[PersonPrep, ...]


def for_people(ids: Iterable[int], today: dt.date | None = None) -> Prep:
    """A prep page for these people (in this order; ids of people gone are left out)."""
    return Prep("Meeting prep", "", _people(ids, today or dt.date.today(), None))


def for_event(event_id: int, today: dt.date | None = None) -> Prep:
    """A prep page for an event's attendees; NotFound when the event does not exist."""
    event = Event.get_or_none(Event.id == event_id)
    if event is None:
        raise NotFound(f"Event {event_id} does not exist.")
    attendees = [
        row[0]
        for row in Participant.select(Participant.person)
        .join(Person)
        .where(Participant.interaction == event.interaction_id)
        .order_by(Person.sort_name)
        .tuples()
    ]
    subtitle = " · ".join(x for x in (long_date(event.date), event.place) if x)
    prepared = _people(attendees, today or dt.date.today(), event.interaction_id)
    return Prep(f"Meeting prep: {event.name}", subtitle, prepared)


def _people(ids: Iterable[int], today: dt.date, meeting: int | None) -> tuple[PersonPrep, ...]:
    out = []
    for person_id in dict.fromkeys(ids):
        try:
            detail = people.get(person_id)
        except NotFound:
            continue
        out.append(_person(detail, today, meeting))
    return tuple(out)


def _person(detail: PersonDetail, today: dt.date, meeting: int | None) -> PersonPrep:
    sections = [
        _joined("Interests", _tags(detail, TagKind.INTEREST)),
        _joined("Hobbies", _tags(detail, TagKind.HOBBY)),
        _text("Family", detail.family_notes),
        _text("Why they stand out", detail.why_stand_out),
        Section("How you met", _how_met(detail)),
        Section("Last conversations", _recent(detail.id, today, meeting)),
        Section("Open follow-ups", _follow_ups(detail.id)),
        *_needs(detail.id, today),
    ]
    kept = tuple(s for s in sections if s.lines)
    return PersonPrep(detail.id, detail.effective_name(), _position(detail), kept)


def _tags(detail: PersonDetail, kind: TagKind) -> list[str]:
    return [name for tag_kind, name in detail.tags if tag_kind is kind]


def _joined(heading: str, words: list[str]) -> Section:
    return Section(heading, (", ".join(words),) if words else ())


def _text(heading: str, text: str) -> Section:
    return Section(heading, tuple(line for line in text.strip().splitlines() if line.strip()))


def _position(detail: PersonDetail) -> str:
    current = detail.current_position
    if current is None:
        return ""
    return ", ".join(x for x in (current.title.strip(), current.organization.strip()) if x)


def _how_met(detail: PersonDetail) -> tuple[str, ...]:
    parts = [detail.how_met.strip()]
    if detail.met_on:
        parts.append(f"met on {long_date(detail.met_on)}")
    introducer = detail.met_through_id and Person.get_or_none(Person.id == detail.met_through_id)
    if introducer:
        parts.append(f"introduced by {introducer.display_name}")
    line = "; ".join(p for p in parts if p)
    return (line,) if line else ()


def _recent(person_id: int, today: dt.date, meeting: int | None) -> tuple[str, ...]:
    query = (
        Interaction.select(Interaction.when, Interaction.kind, Interaction.summary)
        .join(Participant)
        .where((Participant.person == person_id) & (Interaction.when <= today))
        .order_by(Interaction.when.desc(), Interaction.id.desc())
        .limit(RECENT_CONVERSATIONS)
    )
    if meeting is not None:
        query = query.where(Interaction.id != meeting)
    return tuple(
        f"{long_date(when)} · {_kind(kind)}" + (f": {summary.strip()}" if summary.strip() else "")
        for when, kind, summary in query.tuples()
    )


def _kind(kind: str) -> str:
    try:
        return InteractionKind(kind).value.capitalize()
    except ValueError:
        return kind.capitalize()


def _follow_ups(person_id: int) -> tuple[str, ...]:
    return tuple(
        f"due {long_date(f.due)}" + (f": {f.note.strip()}" if f.note.strip() else "")
        for f in follow_ups.for_person(person_id)
    )


def _needs(person_id: int, today: dt.date) -> list[Section]:
    """What they are looking for and can help with, left out once stale."""
    fresh = [n for n in needs.for_person(person_id) if not n.is_stale(today, needs.stale_days())]
    return [
        Section("Looking for", tuple(n.text for n in fresh if n.kind is NeedKind.NEED)),
        Section("Can help with", tuple(n.text for n in fresh if n.kind is NeedKind.OFFER)),
    ]


def as_text(prep: Prep) -> str:
    """The page as plain text, to paste into a note or an email."""
    lines = [prep.title]
    if prep.subtitle:
        lines.append(prep.subtitle)
    for person in prep.people:
        lines += ["", person.name + (f" ({person.position})" if person.position else "")]
        for section in person.sections:
            lines.append(f"  {section.heading}:")
            lines += [f"    {line}" for line in section.lines]
        if not person.sections:
            lines.append(f"  {NOTHING_NOTED}")
    if not prep.people:
        lines += ["", "Nobody to prepare for."]
    return "\n".join(lines) + "\n"
