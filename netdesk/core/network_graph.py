"""The network as a picture's data: you, your circles and organisations as hubs, your people
around them, and the links between them.

Read in six set-based queries (circles, people, circle memberships, positions, relationships,
introductions kept as "met through"); archived people, and circles nobody is in, are left
out. An organisation is a hub when two or more people share it (names compared folded, so
"Lumen" and "lumen " are one), the `MAX_ORGANISATIONS` largest only; any other is said in its
people's details, so a long tail of small employers does not bury the picture. Runs on any
thread; nothing here knows Qt.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from netdesk.core import graph_layout
from netdesk.core.normalize import fold
from netdesk.db.models import Circle, Person, PersonCircle, Position, Relationship, database
from netdesk.values import RelationshipKind

YOU = "you"
MAX_ORGANISATIONS = 40  # the largest shared organisations are hubs; more would bury the picture


class NodeKind(enum.StrEnum):
    YOU = "you"
    CIRCLE = "circle"
    ORGANISATION = "organisation"
    PERSON = "person"


class EdgeKind(enum.StrEnum):
    YOURS = "yours"  # you and one of your circles
    MEMBER = "member"  # a person in a circle
    WORKS_AT = "works at"  # a current position at an organisation
    WORKED_AT = "worked at"  # only past ones there
    RELATIONSHIP = "relationship"  # a typed link between two people; the label names the kind
    INTRODUCED = "introduced"  # the source introduced you to the target


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    kind: NodeKind
    label: str
    person_id: int = 0
    work: str = ""  # a person's current role, else where they were last
    circles: tuple[str, ...] = ()  # a person's circles, by name
    hubs: tuple[str, ...] = ()  # a person's hub keys: circles first, then organisations
    members: int = 0  # a hub's people

    def describe(self) -> str:
        """Name, organisation and circles, one a line, as a hover shows them."""
        lines = [self.label]
        if self.work:
            lines.append(self.work)
        if self.circles:
            lines.append(", ".join(self.circles))
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    label: str = ""  # a relationship's kind: "friend", "family"...


@dataclass(slots=True)
class Network:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    shared_organisations: int = 0  # organisations of two or more people, hubs or not

    def people(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind is NodeKind.PERSON]

    def hubs(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind in _HUB_KINDS]

    def layout(
        self, seed: int = 1, before: graph_layout.Layout | None = None
    ) -> graph_layout.Layout:
        """Where each node goes: the people clustered around their first hub; given the
        layout drawn `before` a change, what was drawn stays put."""
        return graph_layout.layout(
            YOU,
            [hub.key for hub in self.hubs()],
            {person.key: person.hubs for person in self.people()},
            seed=seed,
            before=before,
        )


_HUB_KINDS = (NodeKind.CIRCLE, NodeKind.ORGANISATION)


def person_key(person_id: int) -> str:
    return f"person:{person_id}"


def circle_key(circle_id: int) -> str:
    return f"circle:{circle_id}"


def organisation_key(name: str) -> str:
    return f"organisation:{fold(name)}"


def read() -> Network:
    """Everyone who is not archived, their hubs and their links."""
    names = {int(pid): str(name) for pid, name in _rows(_people())}
    circles = _circle_names()
    memberships = _memberships(circles)
    jobs = _Jobs(_rows(_positions()))
    net = Network()
    net.nodes[YOU] = Node(YOU, NodeKind.YOU, "You")
    members = Counter(key for keys in memberships.values() for key in keys)
    for circle_id, name in circles.items():
        key = circle_key(circle_id)
        if not members[key]:
            continue  # a circle nobody is in yet (a new store has a few) says nothing
        net.nodes[key] = Node(key, NodeKind.CIRCLE, name, members=members[key])
        net.edges.append(Edge(YOU, key, EdgeKind.YOURS))
    net.shared_organisations = jobs.shared
    for key, (label, people) in jobs.hubs().items():
        net.nodes[key] = Node(key, NodeKind.ORGANISATION, label, members=people)
    for pid, name in names.items():
        _add_person(net, pid, name, memberships.get(pid, []), jobs)
    net.edges += _relationships(names)
    return net


def _add_person(net: Network, pid: int, name: str, circles: list[str], jobs: _Jobs) -> None:
    key = person_key(pid)
    places = jobs.hub_links(pid)
    net.nodes[key] = Node(
        key,
        NodeKind.PERSON,
        name,
        person_id=pid,
        work=jobs.describe(pid),
        circles=tuple(net.nodes[c].label for c in circles),
        hubs=(*circles, *(org for org, _current in places)),
    )
    net.edges += [Edge(key, c, EdgeKind.MEMBER) for c in circles]
    net.edges += [
        Edge(key, org, EdgeKind.WORKS_AT if current else EdgeKind.WORKED_AT)
        for org, current in places
    ]


# --- the queries ------------------------------------------------------------------------------


def _rows(query: pw.Select) -> Iterable[tuple[Any, ...]]:
    """The rows as SQLite gives them (peewee's per-value conversion is not needed here)."""
    return database.execute(query)


def _people() -> pw.Select:
    return (
        Person.select(Person.id, Person.display_name)
        .where(~Person.archived)
        .order_by(Person.sort_name, Person.id)
    )


def _circle_names() -> dict[int, str]:
    query = Circle.select(Circle.id, Circle.name).order_by(Circle.position, Circle.name)
    return {int(cid): str(name) for cid, name in _rows(query)}


def _memberships(circles: dict[int, str]) -> dict[int, list[str]]:
    """Each person's circle keys, in the circles' own order."""
    order = {cid: n for n, cid in enumerate(circles)}
    query = (
        PersonCircle.select(PersonCircle.person, PersonCircle.circle)
        .join(Person)
        .where(~Person.archived)
    )
    found: dict[int, list[int]] = defaultdict(list)
    for pid, cid in _rows(query):
        found[int(pid)].append(int(cid))
    return {
        pid: [circle_key(c) for c in sorted(cids, key=order.__getitem__)]
        for pid, cids in found.items()
    }


def _positions() -> pw.Select:
    return (
        Position.select(
            Position.person, Position.organization, Position.title, Position.start, Position.end
        )
        .join(Person)
        .where(~Person.archived)
        .order_by(
            Position.person,
            Position.end.is_null(False),  # current ones first
            Position.end.desc(),
            Position.start.desc(nulls="LAST"),
        )
    )


def _relationships(names: dict[int, str]) -> list[Edge]:
    """Typed links and introductions (stored, or kept as "met through"), each pair once."""
    seen: set[tuple[int, int, str]] = set()
    edges: list[Edge] = []

    def add(a: int, b: int, kind: str) -> None:
        if a in names and b in names and a != b and (a, b, kind) not in seen:
            seen.add((a, b, kind))
            if kind == RelationshipKind.INTRODUCED:
                edges.append(Edge(person_key(a), person_key(b), EdgeKind.INTRODUCED))
            else:
                edges.append(Edge(person_key(a), person_key(b), EdgeKind.RELATIONSHIP, kind))

    query = Relationship.select(Relationship.person_a, Relationship.person_b, Relationship.kind)
    for a, b, kind in _rows(query.order_by(Relationship.id)):
        add(int(a), int(b), str(kind))
    met = Person.select(Person.met_through, Person.id).where(Person.met_through.is_null(False))
    for introducer, introduced in _rows(met.order_by(Person.id)):
        add(int(introducer), int(introduced), str(RelationshipKind.INTRODUCED))
    return edges


class _Jobs:
    """Everyone's positions (each person's current ones first, the latest start first)."""

    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self.of: dict[int, list[tuple[str, str, bool]]] = defaultdict(list)  # org, title, now
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        people: dict[str, set[int]] = defaultdict(set)
        for pid, org, title, _start, end in rows:
            org, title = str(org).strip(), str(title).strip()
            self.of[int(pid)].append((org, title, end is None))
            if org:
                key = organisation_key(org)
                spellings[key][org] += 1
                people[key].add(int(pid))
        shared = [(key, len(who)) for key, who in people.items() if len(who) >= 2]
        self.shared = len(shared)
        shared.sort(key=lambda item: (-item[1], item[0]))
        self._hubs = {
            key: (spellings[key].most_common(1)[0][0], count)
            for key, count in sorted(shared[:MAX_ORGANISATIONS])
        }

    def hubs(self) -> dict[str, tuple[str, int]]:
        """Organisation hubs: key -> (the commonest spelling, how many people)."""
        return self._hubs

    def hub_links(self, pid: int) -> list[tuple[str, bool]]:
        """The person's organisation hubs, current ones first, each once."""
        found: dict[str, bool] = {}
        for org, _title, now in self.of.get(pid, ()):
            key = organisation_key(org) if org else ""
            if key in self._hubs:
                found[key] = found.get(key, False) or now
        return sorted(found.items(), key=lambda item: not item[1])

    def describe(self, pid: int) -> str:
        """ "Data Lead at Lumen", or where they were last: "was at Fjordlight"."""
        places = [p for p in self.of.get(pid, ()) if p[0] or p[1]]
        if not places:
            return ""
        org, title, now = places[0]
        if not now:
            return f"was at {org}" if org else f"was {title}"
        if org and title:
            return f"{title} at {org}"
        return org or title
