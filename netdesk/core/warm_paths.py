"""Warm paths: who can introduce you to someone at an organisation, or in a role.

TEXT names the targets: people with a current or past position at an organisation containing
TEXT, or whose title holds every word of TEXT, ignoring case. Everyone in the store is someone
you know, so each target has a one-hop path, You → them, as warm as your contact with them. A
two-hop path, You → someone → them, goes through a person linked to the target by a typed
relationship, an introduction, time at the same organisation or a shared circle.

A path is as warm as the product of its steps: your contact with the first person (how recently
you spoke, whether you nurture them) and the link to the target (its kind; time together with
dates that overlap beats time at the same place with dates unknown). A target who has left the
organisation counts a little less than one who is there now. Each target keeps its best few
paths; the order is the ranking and no number is shown.

Targets and the people linked to them are found set-based in SQL; the ranking is Python. The
people of a large organisation or circle are walked warmest first, so only the few that can
make a target's best paths are looked at.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from netdesk.core.errors import ValidationError
from netdesk.core.health import ago
from netdesk.db.models import Circle, Person, PersonCircle, Position, Relationship, database
from netdesk.values import RelationshipKind

PER_TARGET = 3  # each target's best paths
LIMIT = 20  # paths in all
PAST_POSITION = 0.75  # someone who has left is a less direct way in
NURTURE_BONUS = 0.2

# Your contact with someone, by the days since you last spoke (the first bound that holds).
RECENCY = ((30, 0.8), (90, 0.65), (365, 0.45))
OLD_CONTACT, NO_CONTACT = 0.25, 0.1

# How much a link between two people carries an introduction.
RELATIONSHIP_STRENGTH = {
    RelationshipKind.PARTNER: 0.95,
    RelationshipKind.FAMILY: 0.9,
    RelationshipKind.FRIEND: 0.85,
    RelationshipKind.MENTOR: 0.8,
    RelationshipKind.INTRODUCED: 0.75,
    # you introduced them: they have met, perhaps only through your email
    RelationshipKind.INTRODUCED_BY_ME: 0.6,
    RelationshipKind.COLLEAGUE: 0.7,
    RelationshipKind.OTHER: 0.5,
}
WORKED_TOGETHER = 0.7  # the same organisation with dates that overlap
SAME_PLACE_UNDATED = 0.45  # the same organisation, dates unknown
SHARED_CIRCLE = 0.25


@dataclass(frozen=True, slots=True)
class Known:
    """Someone in the store, with what makes your contact with them warm."""

    id: int
    name: str
    given: str
    last_contact: dt.date | None
    nurture: bool

    @property
    def first_name(self) -> str:
        return self.given or (self.name.split() or [self.name])[0]


@dataclass(frozen=True, slots=True)
class Target:
    person: Known
    organization: str
    title: str
    start: dt.date | None
    end: dt.date | None  # None: there now

    @property
    def current(self) -> bool:
        return self.end is None

    def describe(self) -> str:
        """ "Jamal is a Data Lead at Lumen", "Jamal was a Data Lead at Lumen (until 2021)"."""
        who = self.person.first_name
        at = f" at {self.organization}" if self.organization else ""
        if self.title:
            role = f"{_article(self.title)} {self.title}{at}"
            text = f"{who} is {role}" if self.current else f"{who} was {role}"
        else:
            text = f"{who} works{at}" if self.current else f"{who} worked{at}"
        if not self.current and self.end is not None:
            text += f" (until {self.end.year})"
        return text

    def as_json(self) -> dict[str, object]:
        return {
            "person_id": self.person.id,
            "name": self.person.name,
            "organization": self.organization,
            "title": self.title,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "current": self.current,
            "description": self.describe(),
        }


@dataclass(frozen=True, slots=True)
class Link:
    kind: str  # what the link is: "contact", "worked together", "friend", "shared circle"...
    strength: float
    why: str  # in words, as the step shows it


@dataclass(frozen=True, slots=True)
class Step:
    person: Known
    link: Link

    def as_json(self) -> dict[str, object]:
        return {
            "person_id": self.person.id,
            "name": self.person.name,
            "link": self.link.kind,
            "why": self.link.why,
        }


@dataclass(frozen=True, slots=True)
class WarmPath:
    target: Target
    steps: tuple[Step, ...]  # the first is someone you know directly, the last the target
    score: float = field(compare=False)  # for ranking only; never shown

    @property
    def sentence(self) -> str:
        """ "You → Ana Souza (you spoke 3 weeks ago) → Jamal Reyes (worked together at
        Fjordlight, 2019–2021) — Jamal is a Data Lead at Lumen"."""
        hops = " → ".join(f"{s.person.name} ({s.link.why})" for s in self.steps)
        return f"You → {hops} — {self.target.describe()}"

    @property
    def score_reason(self) -> str:
        """Why the path ranks where it does, in words."""
        first, target = self.steps[0], self.target
        if len(self.steps) == 1:
            text = f"you know {first.person.name} directly: {first.link.why}"
        else:
            link = self.steps[-1].link
            text = (
                f"one step through {first.person.name} ({first.link.why}), "
                f"who is linked to {target.person.name}: {link.why}"
            )
        if not target.current:
            text += f"; {target.person.first_name} has since moved on"
        return text

    def as_json(self) -> dict[str, object]:
        return {
            "target": self.target.as_json(),
            "score_reason": self.score_reason,
            "steps": [step.as_json() for step in self.steps],
        }


def find(
    text: str,
    *,
    limit: int = LIMIT,
    per_target: int = PER_TARGET,
    today: dt.date | None = None,
    check: Callable[[], None] = lambda: None,
) -> list[WarmPath]:
    """The warmest paths to the people matching `text`, best first (runs on any thread).

    `check` is called between targets and may raise to stop (a worker's cancel)."""
    words = text.split()
    if not words:
        raise ValidationError("Type an organisation or a role to look for.", "text")
    today = today or dt.date.today()
    matching = _matching(" ".join(words), words) & ~Person.archived
    targets = _best_positions(_target_positions(matching))
    if not targets:
        return []
    target_ids = Position.select(Position.person).join(Person).where(matching)
    links = _Links(targets, target_ids, today, per_target)
    paths: list[WarmPath] = []
    for target in targets.values():
        check()
        paths += links.best_paths(target)
    paths.sort(key=lambda p: (-p.score, p.target.person.name, p.steps[0].person.name))
    return paths[:limit]


# --- finding the targets ----------------------------------------------------------------------


def _known_columns() -> tuple[pw.Field, ...]:
    return (Person.id, Person.display_name, Person.given, Person.last_contact, Person.nurture)


def _known(row: tuple[Any, ...]) -> Known:
    pid, name, given, last_contact, nurture = row
    return Known(int(pid), str(name), str(given), _day(last_contact), bool(nurture))


def _rows(query: pw.Select) -> Iterable[tuple[Any, ...]]:
    """The query's rows as SQLite gives them: peewee's conversion of each value cost more than
    the ranking (dates are read by `_day`, once per distinct text)."""
    return database.execute(query)


@functools.lru_cache(maxsize=4096)
def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _matching(text: str, words: list[str]) -> pw.Expression:
    title = _contains(Position.title, words[0])
    for word in words[1:]:
        title &= _contains(Position.title, word)
    return _contains(Position.organization, text) | title


def _contains(column: pw.Field, text: str) -> pw.Expression:
    """`column` contains `text`, case-insensitively. SQLite's LIKE folds ASCII letters only, so
    text with others is also tried as typed in lower, upper and title case ("KŌWHAI" finds
    "Kōwhai Trust")."""
    found = column.contains(text)
    if not text.isascii():
        for form in dict.fromkeys((text.lower(), text.upper(), text.title())):
            found |= column.contains(form)
    return found


def _target_positions(matching: pw.Expression) -> list[Target]:
    query = (
        Position.select(
            *_known_columns(), Position.organization, Position.title, Position.start, Position.end
        )
        .join(Person)
        .where(matching)
    )
    return [
        Target(_known(row[:5]), str(org), str(title), _day(start), _day(end))
        for *row, org, title, start, end in _rows(query)
    ]


def _best_positions(found: Iterable[Target]) -> dict[int, Target]:
    """One position per target: a current one before a past one, the latest start first."""
    best: dict[int, Target] = {}
    for target in found:
        kept = best.get(target.person.id)
        if kept is None or _position_rank(target) > _position_rank(kept):
            best[target.person.id] = target
    return best


def _position_rank(target: Target) -> tuple[bool, dt.date, dt.date]:
    return (target.current, target.end or dt.date.max, target.start or dt.date.min)


# --- how warm a contact and a link are ------------------------------------------------------


def contact(person: Known, today: dt.date) -> Link:
    """Your own contact with someone: how recently you spoke, and whether you nurture it."""
    if person.last_contact is None:
        strength, why = NO_CONTACT, "no conversation logged"
    else:
        days = (today - person.last_contact).days
        strength = next((s for bound, s in RECENCY if days <= bound), OLD_CONTACT)
        why = f"you spoke {ago(person.last_contact, today)}"
    if person.nurture:
        strength += NURTURE_BONUS
        why += "; you nurture this relationship"
    return Link("contact", strength, why)


def _years(start: dt.date, end: dt.date | None) -> str:
    if end is None:
        return f"since {start.year}"
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


@dataclass(frozen=True, slots=True)
class _Span:
    """Someone's time at an organisation."""

    person: Known
    organization: str
    start: dt.date | None
    end: dt.date | None  # None: there now

    @property
    def key(self) -> str:
        return self.organization.casefold()


def work_link(a: _Span, b: _Span, today: dt.date) -> Link | None:
    """Two people's time at one organisation as a link, or None when their dates rule it out.

    An open end is "there now"; an unknown start could be any time before the end, so a link
    resting on one is the weaker kind."""
    ends = [e for e in (a.end, b.end) if e is not None]
    end = min(ends) if ends else None
    starts = [s for s in (a.start, b.start) if s is not None]
    start = max(starts) if starts else None
    if start is not None and start > (end or today):
        return None
    org = b.organization
    if a.start is None or b.start is None or start is None:
        return Link("same organisation", SAME_PLACE_UNDATED, f"both at {org}, dates unknown")
    verb = "worked" if end is not None else "work"
    return Link(
        "worked together", WORKED_TOGETHER, f"{verb} together at {org}, {_years(start, end)}"
    )


def relationship_link(kind: RelationshipKind, a: Known, b: Known, middle: Known) -> Link:
    """A stored relationship from a to b, said from the middle person's side."""
    other = b if middle.id == a.id else a
    strength = RELATIONSHIP_STRENGTH[kind]
    if kind is RelationshipKind.INTRODUCED:
        return introduction(a, b)
    if kind is RelationshipKind.MENTOR:
        return Link("mentor", strength, f"{a.first_name} mentors {b.first_name}")
    said = {
        RelationshipKind.PARTNER: f"{middle.first_name}'s partner",
        RelationshipKind.FAMILY: f"family of {middle.first_name}",
        RelationshipKind.FRIEND: f"a friend of {middle.first_name}",
        RelationshipKind.COLLEAGUE: f"a colleague of {middle.first_name}",
        RelationshipKind.INTRODUCED_BY_ME: (
            f"you introduced {other.first_name} to {middle.first_name}"
        ),
    }.get(kind, f"{other.first_name} knows {middle.first_name}")
    return Link(str(kind), strength, said)


def introduction(introducer: Known, introduced: Known) -> Link:
    strength = RELATIONSHIP_STRENGTH[RelationshipKind.INTRODUCED]
    why = f"{introducer.first_name} introduced you to {introduced.first_name}"
    return Link("introduction", strength, why)


def _article(title: str) -> str:
    return "an" if title[:1].lower() in {"a", "e", "i", "o", "u"} else "a"


# --- the links to the targets ---------------------------------------------------------------


_Workplaces = defaultdict[str, list[_Span]]  # organisation (folded) -> times there


class _Links:
    """Everyone linked to the targets, read in four set-based queries."""

    def __init__(
        self, targets: dict[int, Target], target_ids: pw.Select, today: dt.date, per_target: int
    ) -> None:
        self.targets, self.today, self.per_target = targets, today, per_target
        self._ids = target_ids  # a subquery: no list of ids is sent to SQLite
        self._contacts: dict[int, Link] = {}
        self.related = self._relationships()
        self.spans, self.dated, self.undated = self._colleagues()
        self.circles, self.members = self._circles()

    def contact(self, person: Known) -> Link:
        link = self._contacts.get(person.id)
        if link is None:
            link = self._contacts[person.id] = contact(person, self.today)
        return link

    def warmth(self, person: Known) -> float:
        return self.contact(person).strength

    def best_paths(self, target: Target) -> list[WarmPath]:
        """The target's best paths: the direct one and the warmest through someone else that
        are warmer than it (an introduction helps only where your own link is colder)."""
        factor = 1.0 if target.current else PAST_POSITION
        mine = self.contact(target.person)
        direct = WarmPath(target, (Step(target.person, mine),), mine.strength * factor)
        best: dict[int, WarmPath] = {}
        for middle, link in self._candidates(target):
            first = self.contact(middle)
            score = first.strength * link.strength * factor
            if score > direct.score and (middle.id not in best or score > best[middle.id].score):
                steps = (Step(middle, first), Step(target.person, link))
                best[middle.id] = WarmPath(target, steps, score)
        found = [direct, *best.values()]
        found.sort(key=lambda p: (-p.score, p.steps[0].person.name))
        return found[: self.per_target]

    def _candidates(self, target: Target) -> Iterator[tuple[Known, Link]]:
        person = target.person
        yield from self.related.get(person.id, ())
        theirs = self.spans.get(person.id, [])
        dated = {span.key for span in theirs if span.start is not None}
        undated = {span.key for span in theirs} - dated
        # walked apart: a walk's bound is the strongest link it can give, and most people of
        # an organisation whose dates are unknown can only give the weaker one
        overlapping = [self.dated[key] for key in dated]
        weaker = [self.undated[key] for key in dated | undated] + [self.dated[k] for k in undated]
        yield from self._warmest(self._work_links(person, theirs, overlapping), WORKED_TOGETHER)
        yield from self._warmest(self._work_links(person, theirs, weaker), SAME_PLACE_UNDATED)
        circle_links = (
            (member, Link("shared circle", SHARED_CIRCLE, f"both in your circle {name}"))
            for circle_id, name in self.circles.get(person.id, ())
            for member in self.members[circle_id]
            if member.id != person.id
        )
        yield from self._warmest(circle_links, SHARED_CIRCLE)

    def _warmest(
        self, links: Iterable[tuple[Known, Link]], strongest: float
    ) -> Iterator[tuple[Known, Link]]:
        """The links of people walked warmest first, stopping once no later one can make the
        target's best few: a large organisation or circle costs only its first few people."""
        kept: dict[int, float] = {}  # the best score through each person so far
        for middle, link in links:
            warmth = self.warmth(middle)
            if len(kept) >= self.per_target:
                enough = sorted(kept.values(), reverse=True)[self.per_target - 1]
                if warmth * strongest <= enough:
                    return
            kept[middle.id] = max(kept.get(middle.id, 0.0), warmth * link.strength)
            yield middle, link

    def _work_links(
        self, target: Known, theirs: list[_Span], workplaces: list[list[_Span]]
    ) -> Iterator[tuple[Known, Link]]:
        """The people of these workplaces (each warmest first) merged warmest first, with their
        time there beside the target's."""
        for span in heapq.merge(*workplaces, key=self._order):
            if span.person.id == target.id:
                continue
            links = [work_link(span, mine, self.today) for mine in theirs if mine.key == span.key]
            link = max((x for x in links if x), key=lambda x: x.strength, default=None)
            if link is not None:
                yield span.person, link

    def _order(self, span: _Span) -> tuple[float, str]:
        """Warmest first, then by name, as the paths are ranked."""
        return (-self.warmth(span.person), span.person.name)

    # --- the queries --------------------------------------------------------------------------

    def _relationships(self) -> dict[int, list[tuple[Known, Link]]]:
        """Typed relationships and introductions (stored, or kept as "met through")."""
        out: dict[int, list[tuple[Known, Link]]] = defaultdict(list)
        a, b = Person.alias(), Person.alias()
        query = (
            Relationship.select(Relationship.kind, *_aliased(a), *_aliased(b))
            .join(a, on=Relationship.person_a == a.id)
            .switch(Relationship)
            .join(b, on=Relationship.person_b == b.id)
            .where(
                (Relationship.person_a.in_(self._ids) | Relationship.person_b.in_(self._ids))
                & ~a.archived
                & ~b.archived
            )
        )
        for kind, *row in _rows(query):
            first, second = _known(row[:5]), _known(row[5:])
            for target, middle in ((first, second), (second, first)):
                if target.id in self.targets:
                    out[target.id].append(
                        (middle, relationship_link(RelationshipKind(kind), first, second, middle))
                    )
        introducer = Person.alias()
        met = (
            Person.select(*_known_columns(), *_aliased(introducer))
            .join(introducer, on=Person.met_through == introducer.id)
            .where(
                (Person.id.in_(self._ids) | Person.met_through.in_(self._ids))
                & ~Person.archived
                & ~introducer.archived
            )
        )
        for row in _rows(met):
            introduced, by = _known(row[:5]), _known(row[5:])
            link = introduction(by, introduced)
            for target, middle in ((introduced, by), (by, introduced)):
                if target.id in self.targets:
                    out[target.id].append((middle, link))
        return out

    def _colleagues(self) -> tuple[dict[int, list[_Span]], _Workplaces, _Workplaces]:
        """The targets' own times at organisations, and everyone's time at those organisations,
        warmest first: those with a start date, and those without."""
        lowered = pw.fn.lower(pw.fn.trim(Position.organization))
        orgs = Position.select(lowered).where(
            Position.person.in_(self._ids) & (Position.organization != "")
        )
        query = (
            Position.select(*_known_columns(), Position.organization, Position.start, Position.end)
            .join(Person)
            .where(lowered.in_(orgs) & ~Person.archived)
        )
        spans: dict[int, list[_Span]] = defaultdict(list)
        dated: _Workplaces = defaultdict(list)
        undated: _Workplaces = defaultdict(list)
        for *row, org, start, end in _rows(query):
            span = _Span(_known(row), str(org).strip(), _day(start), _day(end))
            (undated if span.start is None else dated)[span.key].append(span)
            if span.person.id in self.targets:
                spans[span.person.id].append(span)
        for people in (*dated.values(), *undated.values()):
            people.sort(key=self._order)
        return spans, dated, undated

    def _circles(self) -> tuple[dict[int, list[tuple[int, str]]], dict[int, list[Known]]]:
        """Per target its circles; per circle its people, warmest first."""
        theirs = PersonCircle.select(PersonCircle.circle).where(PersonCircle.person.in_(self._ids))
        query = (
            PersonCircle.select(PersonCircle.circle, Circle.name, *_known_columns())
            .join_from(PersonCircle, Circle)
            .join_from(PersonCircle, Person)
            .where(PersonCircle.circle.in_(theirs) & ~Person.archived)
        )
        circles: dict[int, list[tuple[int, str]]] = defaultdict(list)
        members: dict[int, list[Known]] = defaultdict(list)
        for circle_id, name, *row in _rows(query):
            who = _known(row)
            members[circle_id].append(who)
            if who.id in self.targets:
                circles[who.id].append((circle_id, str(name)))
        for people in members.values():
            people.sort(key=lambda k: (-self.warmth(k), k.name))
        return circles, members


def _aliased(alias: pw.ModelAlias) -> tuple[pw.Field, ...]:
    return (alias.id, alias.display_name, alias.given, alias.last_contact, alias.nurture)
