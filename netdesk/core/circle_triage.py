"""Sorting people into circles one at a time: who has no circle yet, what to show about each,
and a hint drawn from the people already sorted.

The hint looks at three things the person shares with people already in one of the triage
circles: their surname with someone in Family, an email domain (not a public mail service, where
sharing says nothing) and a current organisation. Each is one grouped query; the circle with the
most such people wins, said in words ("3 people at acme.com are Colleagues").
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from netdesk.core import people, store
from netdesk.core.dedupe import PUBLIC_DOMAINS
from netdesk.db.models import Circle, ContactPoint, Person, PersonCircle, Position
from netdesk.values import PointKind, Topic

# The circles a key chooses, in key order (1 to 6).
CHOICES = ("Family", "Friends of family", "Friends", "Colleagues", "Internship", "National service")
FAMILY = CHOICES[0]


@dataclass(frozen=True, slots=True)
class Card:
    """What the triage shows of one person."""

    id: int
    name: str
    organization: str
    title: str
    emails: tuple[str, ...]
    how_met: str


@dataclass(frozen=True, slots=True)
class Hint:
    circle: str  # one of CHOICES
    reason: str
    weight: int  # how many people it rests on


def unsorted(batch_id: int | None = None) -> list[int]:
    """People not archived and in no circle, by name; only those an import brought in when
    `batch_id` is given."""
    query = (
        Person.select(Person.id)
        .join(PersonCircle, pw.JOIN.LEFT_OUTER, on=(PersonCircle.person == Person.id))
        .where(~Person.archived & PersonCircle.person.is_null())
        .order_by(Person.sort_name, Person.id)
    )
    if batch_id is not None:
        query = query.where(Person.import_batch == batch_id)
    return [int(person_id) for (person_id,) in query.tuples()]


def card(person_id: int) -> Card:
    detail = people.get(person_id)
    work = detail.current_position
    emails = tuple(p.value for p in detail.points if p.kind is PointKind.EMAIL)
    return Card(
        person_id,
        detail.display_name,
        work.organization if work else "",
        work.title if work else "",
        emails,
        detail.how_met,
    )


def place(person_id: int, circle: str) -> None:
    """Put the person in this circle (made when missing), keeping any other circles."""
    with store.write():
        found = people.circle_by_name(circle)
        PersonCircle.insert(person=person_id, circle=found).on_conflict_ignore().execute()
        store.changed(Topic.CIRCLES, person_id)


def unplace(person_id: int, circle: str) -> None:
    """Take the person out of this circle again (for undo)."""
    with store.write():
        found = Circle.get_or_none(pw.fn.lower(Circle.name) == circle.lower())
        if found is not None:
            PersonCircle.delete().where(
                (PersonCircle.person == person_id) & (PersonCircle.circle == found.id)
            ).execute()
        store.changed(Topic.CIRCLES, person_id)


def hint(person_id: int) -> Hint | None:
    """The triage circle most people like this one are in, with why; None without evidence."""
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        return None
    found = [
        *_by_surname(person),
        *_by_domain(person_id),
        *_by_organization(person_id),
    ]
    return max(found, key=lambda h: h.weight, default=None)


def _in_choices(query: pw.Select, shared: pw.Node) -> pw.Select:
    """`query` (joined to Person) kept to people not archived in a triage circle, grouped by
    circle and by what they share."""
    return (
        query.join(PersonCircle, on=(PersonCircle.person == Person.id))
        .join(Circle)
        .where(~Person.archived & pw.fn.lower(Circle.name).in_([c.lower() for c in CHOICES]))
        .group_by(Circle.id, shared)
    )


def _by_surname(person: Person) -> list[Hint]:
    surname = _surname(person)
    if len(surname) < 2:
        return []
    same = (pw.fn.lower(Person.family) == surname.lower()) | (
        (Person.family == "") & Person.display_name.endswith(f" {surname}")
    )
    query = (
        Person.select(pw.fn.count(Person.id), pw.fn.min(Person.display_name))
        .join(PersonCircle)
        .join(Circle)
        .where(same & ~Person.archived & (Person.id != person.id))
        .where(pw.fn.lower(Circle.name) == FAMILY.lower())
    )
    count, name = query.tuples().get()
    if not count:
        return []
    who = name if count == 1 else f"{count} people"
    return [Hint(FAMILY, f"Shares the surname {surname} with {who} in {FAMILY}", count)]


def _surname(person: Person) -> str:
    if person.family.strip():
        return str(person.family.strip())
    words = person.display_name.split()
    return words[-1] if len(words) > 1 else ""


def _by_domain(person_id: int) -> list[Hint]:
    domain_of = pw.fn.substr(ContactPoint.normalized, pw.fn.instr(ContactPoint.normalized, "@") + 1)
    mine = {
        str(d)
        for (d,) in ContactPoint.select(domain_of)
        .where((ContactPoint.person == person_id) & (ContactPoint.kind == str(PointKind.EMAIL)))
        .tuples()
        if d and str(d) not in PUBLIC_DOMAINS
    }
    if not mine:
        return []
    query = _in_choices(
        ContactPoint.select(
            Circle.name, pw.fn.count(ContactPoint.person.distinct()), pw.fn.min(domain_of)
        )
        .join(Person)
        .where(
            (ContactPoint.kind == str(PointKind.EMAIL))
            & domain_of.in_(sorted(mine))
            & (ContactPoint.person != person_id)
        ),
        domain_of,
    )
    return [_shared(circle, count, str(domain)) for circle, count, domain in query.tuples()]


def _by_organization(person_id: int) -> list[Hint]:
    folded = pw.fn.lower(pw.fn.trim(Position.organization))
    mine = {
        str(o)
        for (o,) in Position.select(folded)
        .where((Position.person == person_id) & Position.end.is_null())
        .tuples()
        if o
    }
    if not mine:
        return []
    query = _in_choices(
        Position.select(
            Circle.name, pw.fn.count(Position.person.distinct()), pw.fn.min(Position.organization)
        )
        .join(Person)
        .where(folded.in_(sorted(mine)) & (Position.person != person_id)),
        folded,
    )
    return [_shared(circle, count, str(org).strip()) for circle, count, org in query.tuples()]


def _shared(circle: str, count: int, where: str) -> Hint:
    said = (
        f"{count} people at {where} are {circle}"
        if count > 1
        else (f"1 person at {where} is in {circle}")
    )
    return Hint(_choice(circle), said, count)


def _choice(circle: str) -> str:
    """The triage circle's own spelling of a stored name."""
    return next(c for c in CHOICES if c.lower() == circle.lower())
