"""Sorting people into circles one at a time: who has no circle yet, what to show about each,
and a hint drawn from the people already sorted.

The hint looks at three things the person shares with people already in one of the triage
circles: their surname with someone in Family, an email domain (not a public mail service, where
sharing says nothing) and a current organisation. What the circles hold is read once, in three
grouped queries (`evidence`), and kept up to date as the triage places people, so each person's
hint costs no query: reading per person took over a second at 100,000 generated people, where
the grouped reads take about two seconds once (on the dialog's worker). The circle with the
most such people wins, said in words ("3 people at acme.com are Colleagues").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import peewee as pw

from netdesk.core import people, store
from netdesk.core.dedupe import PUBLIC_DOMAINS
from netdesk.core.people import PersonDetail
from netdesk.db.models import Circle, ContactPoint, Person, PersonCircle, Position
from netdesk.values import PointKind, Topic

# The circles a key chooses, in key order (1 to 6).
CHOICES = ("Family", "Friends of family", "Friends", "Colleagues", "Internship", "National service")
FAMILY = CHOICES[0]


@dataclass(frozen=True, slots=True)
class Card:
    """What the triage shows of one person, and what their hint rests on."""

    id: int
    name: str
    organization: str
    title: str
    emails: tuple[str, ...]
    how_met: str
    surname: str = ""
    domains: tuple[str, ...] = ()  # of their emails, public mail services left out
    organizations: tuple[str, ...] = ()  # where they work now


@dataclass(frozen=True, slots=True)
class Hint:
    circle: str  # one of CHOICES
    reason: str
    weight: int  # how many people it rests on


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Evidence:
    """Who is in the triage circles, counted by what a newcomer may share with them."""

    family: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    domains: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    organizations: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    spelled: dict[str, str] = field(default_factory=dict)  # folded organisation -> as written

    def hint(self, card: Card) -> Hint | None:
        """The triage circle most people like `card` are in, with why; None without any."""
        found = [*self._by_surname(card), *self._by_domain(card), *self._by_organization(card)]
        return max(found, key=lambda h: h.weight, default=None)

    def placed(self, card: Card, circle: str, step: int = 1) -> None:
        """Count `card` in `circle` (a step of -1 takes it back out)."""
        circle = _choice(circle)
        for domain in card.domains:
            self.domains[domain][circle] += step
        for organization in card.organizations:
            self.organizations[_fold(organization)][circle] += step
            self.spelled.setdefault(_fold(organization), organization)
        if circle == FAMILY and card.surname:
            names = self.family[_fold(card.surname)]
            if step > 0:
                names.append(card.name)
            elif card.name in names:
                names.remove(card.name)

    def _by_surname(self, card: Card) -> list[Hint]:
        names = self.family.get(_fold(card.surname), []) if len(card.surname) > 1 else []
        names = [name for name in names if name != card.name]
        if not names:
            return []
        who = names[0] if len(names) == 1 else f"{len(names)} people"
        return [
            Hint(FAMILY, f"Shares the surname {card.surname} with {who} in {FAMILY}", len(names))
        ]

    def _by_domain(self, card: Card) -> list[Hint]:
        return [
            _shared(circle, count, domain)
            for domain in card.domains
            for circle, count in self.domains.get(domain, Counter()).most_common(1)
            if count > 0
        ]

    def _by_organization(self, card: Card) -> list[Hint]:
        found = []
        for organization in card.organizations:
            folded = _fold(organization)
            for circle, count in self.organizations.get(folded, Counter()).most_common(1):
                if count > 0:
                    found.append(_shared(circle, count, self.spelled.get(folded, organization)))
        return found


def unsorted(batch_id: int | None = None) -> list[int]:
    """People not archived and in no circle, by name; only those an import brought in when
    `batch_id` is given."""
    sorted_people = PersonCircle.select(PersonCircle.person)
    query = (
        Person.select(Person.id)
        .where(~Person.archived & Person.id.not_in(sorted_people))
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
        surname=_surname(detail.family, detail.display_name),
        domains=tuple(sorted({d for e in emails if (d := _domain(e)) not in PUBLIC_DOMAINS})),
        organizations=_current_organizations(detail),
    )


def evidence() -> Evidence:
    """What the triage circles hold now, in three grouped queries."""
    found = Evidence()
    circles = _triage_circles()
    in_family = [i for i, name in circles.items() if name == FAMILY]
    family = (
        Person.select(Person.family, Person.display_name)
        .join(PersonCircle)
        .where(PersonCircle.circle.in_(in_family) & ~Person.archived)
    )
    for surname, name in family.tuples():
        said = _surname(str(surname), str(name))
        if said:
            found.family[_fold(said)].append(str(name))
    domain_of = pw.fn.substr(ContactPoint.normalized, pw.fn.instr(ContactPoint.normalized, "@") + 1)
    emails = _members(
        ContactPoint,
        circles,
        (domain_of, pw.fn.count(ContactPoint.person.distinct())),
        ContactPoint.kind == str(PointKind.EMAIL),
    ).group_by(PersonCircle.circle, domain_of)
    for circle, domain, n in emails.tuples():
        if domain and domain not in PUBLIC_DOMAINS:
            found.domains[str(domain)][circles[circle]] += int(n)
    folded = pw.fn.lower(pw.fn.trim(Position.organization))
    columns = (folded, pw.fn.min(Position.organization), pw.fn.count(Position.person.distinct()))
    places = _members(Position, circles, columns, Position.organization != "")
    for circle, _lowered, organization, n in places.group_by(PersonCircle.circle, folded).tuples():
        key = _fold(str(organization))
        found.organizations[key][circles[circle]] += int(n)
        found.spelled.setdefault(key, " ".join(str(organization).split()))
    return found


def _triage_circles() -> dict[int, str]:
    """The stored triage circles: id -> the name a key gives it."""
    lowered = [c.lower() for c in CHOICES]
    query = Circle.select(Circle.id, Circle.name).where(pw.fn.lower(Circle.name).in_(lowered))
    return {int(i): _choice(str(name)) for i, name in query.tuples()}


def _members(
    table: type[ContactPoint] | type[Position],
    circles: dict[int, str],
    columns: tuple[pw.Node, ...],
    condition: pw.Expression,
) -> pw.Select:
    """Rows of `table` (contact points or positions) of the people not archived in these
    circles, beside their circle. The circles' members come first: SQLite's own order (the
    table, then its people's circles) took five times as long at 100,000 people."""
    archived = Person.select(Person.id).where(Person.archived)
    return (
        PersonCircle.select(PersonCircle.circle, *columns)
        .join(table, pw.JOIN.CROSS)  # SQLite keeps a cross join's order
        .where(
            (table.person == PersonCircle.person)
            & PersonCircle.circle.in_(list(circles))
            & PersonCircle.person.not_in(archived)
            & condition
        )
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


def _surname(family: str, display_name: str) -> str:
    if family.strip():
        return family.strip()
    words = display_name.split()
    return words[-1] if len(words) > 1 else ""


def _domain(email: str) -> str:
    return email.strip().rpartition("@")[2].casefold()


def _current_organizations(detail: PersonDetail) -> tuple[str, ...]:
    names = (" ".join(p.organization.split()) for p in detail.positions if p.current)
    return tuple(dict.fromkeys(name for name in names if name))


def _shared(circle: str, count: int, where: str) -> Hint:
    if count == 1:
        return Hint(circle, f"1 person at {where} is in {circle}", count)
    return Hint(circle, f"{count} people at {where} are {circle}", count)


def _choice(circle: str) -> str:
    """The triage circle's own spelling of a stored name."""
    return next(c for c in CHOICES if c.lower() == circle.lower())
