"""Who knows whom: introductions, family, partners, friends, colleagues, mentors.

A link is stored once, from person a to person b, and read from both sides: Maren's links say
she introduced you to Amara, Amara's that Maren introduced her. Who introduced someone is also
kept on the person (`Person.met_through`, the editor's "Met through"); `links` shows it as an
introduction on both people, and removing or changing that introduction clears it there too.
"""

from __future__ import annotations

from dataclasses import dataclass

from netdesk.core import store
from netdesk.core.errors import ValidationError
from netdesk.db.models import Person, Relationship
from netdesk.values import RelationshipKind, Topic


@dataclass(frozen=True)
class Link:
    id: int  # the stored link, or 0 for an introduction kept only as `met_through`
    other_id: int
    other_name: str
    kind: RelationshipKind
    outgoing: bool  # True when this person is person_a (e.g. they introduced the other)
    note: str

    def describe(self) -> str:
        if self.kind is RelationshipKind.INTRODUCED:
            return "introduced you to" if self.outgoing else "introduced by"
        if self.kind is RelationshipKind.INTRODUCED_BY_ME:
            return "introduced by you to"
        return str(self.kind)


def link(a: int, b: int, kind: RelationshipKind, note: str = "") -> int:
    """Link a to b (for a directed kind: a introduced you to b, a mentors b); the link's id."""
    if a == b:
        raise ValidationError("A relationship needs two different people.", "person")
    with store.write():
        row, _ = Relationship.get_or_create(
            person_a=a, person_b=b, kind=str(kind), defaults={"note": note}
        )
        store.changed(Topic.RELATIONSHIPS, a, b)
        return int(row.id)


def unlink(relationship_id: int) -> None:
    row = Relationship.get_or_none(Relationship.id == relationship_id)
    if row is None:
        return
    with store.write():
        row.delete_instance()
        if row.kind == RelationshipKind.INTRODUCED:
            _forget_met_through(row.person_b_id, row.person_a_id)
        store.changed(Topic.RELATIONSHIPS, row.person_a_id, row.person_b_id)


def remove(person_id: int, link_: Link) -> None:
    """Remove a link as `person_id`'s links show it."""
    with store.write():
        if link_.id:
            unlink(link_.id)
        elif link_.kind is RelationshipKind.INTRODUCED:
            introducer, introduced = _ends(person_id, link_)
            _forget_met_through(introduced, introducer)
        store.changed(Topic.RELATIONSHIPS, person_id, link_.other_id)


def change(person_id: int, link_: Link, kind: RelationshipKind, outgoing: bool) -> int:
    """Make `link_` (as `person_id`'s links show it) a link of another kind or direction."""
    with store.write():
        remove(person_id, link_)
        a, b = (person_id, link_.other_id) if outgoing else (link_.other_id, person_id)
        return link(a, b, kind, link_.note)


def _ends(person_id: int, link_: Link) -> tuple[int, int]:
    return (person_id, link_.other_id) if link_.outgoing else (link_.other_id, person_id)


def _forget_met_through(introduced: int, introducer: int) -> None:
    Person.update(met_through=None).where(
        (Person.id == introduced) & (Person.met_through == introducer)
    ).execute()
    store.changed(Topic.PEOPLE, introduced)


def links(person_id: int) -> list[Link]:
    """Everyone linked to this person, from either side; introductions first."""
    out = _stored(person_id, outgoing=True) + _stored(person_id, outgoing=False)
    stored = {(x.other_id, x.outgoing) for x in out if x.kind is RelationshipKind.INTRODUCED}
    out += [x for x in _met_through(person_id) if (x.other_id, x.outgoing) not in stored]
    return sorted(out, key=lambda x: (x.kind != RelationshipKind.INTRODUCED, x.other_name))


def _stored(person_id: int, *, outgoing: bool) -> list[Link]:
    other = Person.alias()
    this_side, other_side = (
        (Relationship.person_a, Relationship.person_b)
        if outgoing
        else (Relationship.person_b, Relationship.person_a)
    )
    query = (
        Relationship.select(
            Relationship.id, Relationship.kind, Relationship.note, other.id, other.display_name
        )
        .join(other, on=(other_side == other.id))
        .where(this_side == person_id)
        .tuples()
    )
    return [
        Link(int(rid), int(oid), str(name), RelationshipKind(kind), outgoing, str(note))
        for rid, kind, note, oid, name in query
    ]


def _met_through(person_id: int) -> list[Link]:
    """Introductions kept as `met_through`: by whom this person was met, and whom they
    introduced you to."""
    introducer = Person.alias()
    by = (
        Person.select(introducer.id, introducer.display_name)
        .join(introducer, on=(Person.met_through == introducer.id))
        .where(Person.id == person_id)
        .tuples()
    )
    to = Person.select(Person.id, Person.display_name).where(Person.met_through == person_id)
    kind = RelationshipKind.INTRODUCED
    return [Link(0, int(i), str(n), kind, False, "") for i, n in by] + [
        Link(0, int(i), str(n), kind, True, "") for i, n in to.tuples()
    ]
