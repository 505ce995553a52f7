"""Who knows whom: introductions, family, partners, friends, colleagues, mentors.

A link is stored once, from person a to person b, and read from both sides: Maren's links say
she introduced you to Amara, Amara's that Maren introduced her. Who introduced someone is also
kept on the person (`Person.met_through`, the editor's "Met through"); `links` shows it as an
introduction on both people, and removing or changing that introduction clears it there too.

For the window's Undo: `added` says whether a link is new, `take_back` removes just that row,
`remove_keeping` returns what `put_back` needs to restore a removed link (and its met_through).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class Removed:
    """A link as it was before `remove_keeping` took it away."""

    row: dict[str, Any] | None  # the stored link's columns; None for a met_through only
    met_through: tuple[int, int] | None  # (introduced, introducer) it cleared on the person


def added(a: int, b: int, kind: RelationshipKind, note: str = "") -> int:
    """`link`, returning 0 when that link was stored already (nothing to take back)."""
    with store.write():
        there = Relationship.select().where(
            (Relationship.person_a == a)
            & (Relationship.person_b == b)
            & (Relationship.kind == kind)
        )
        new = not there.exists()
        relationship_id = link(a, b, kind, note)
        return relationship_id if new else 0


def take_back(relationship_id: int) -> None:
    """Remove a link `added` made: only its row (adding it set no met_through)."""
    with store.write():
        row = Relationship.get_or_none(Relationship.id == relationship_id)
        if row is not None:
            row.delete_instance()
            store.changed(Topic.RELATIONSHIPS, row.person_a_id, row.person_b_id)


def remove_keeping(person_id: int, link_: Link) -> Removed:
    """`remove`, returning what `put_back` needs to restore it."""
    with store.write():
        row = Relationship.get_or_none(Relationship.id == link_.id) if link_.id else None
        kept = {f: getattr(row, f) for f in ("id", "kind", "note")} if row else None
        if row is not None and kept is not None:
            kept.update(person_a=row.person_a_id, person_b=row.person_b_id)
        cleared = None
        if link_.kind is RelationshipKind.INTRODUCED:
            introducer, introduced = _ends(person_id, link_)
            had = Person.select().where(
                (Person.id == introduced) & (Person.met_through == introducer)
            )
            cleared = (introduced, introducer) if had.exists() else None
        remove(person_id, link_)
        return Removed(kept, cleared)


def put_back(removed: Removed) -> int:
    """Restore a removed link (under its id while that is free); the stored link's id, or 0."""
    relationship_id = 0
    with store.write():
        if removed.row is not None:
            row = dict(removed.row)
            if Relationship.get_or_none(Relationship.id == row["id"]) is not None:
                del row["id"]  # taken by a link made since
            relationship_id = int(Relationship.insert(row).on_conflict_ignore().execute() or 0)
            store.changed(Topic.RELATIONSHIPS, row["person_a"], row["person_b"])
        if removed.met_through is not None:
            introduced, introducer = removed.met_through
            Person.update(met_through=introducer).where(
                (Person.id == introduced) & Person.met_through.is_null()
            ).execute()
            store.changed(Topic.PEOPLE, introduced, introducer)
            store.changed(Topic.RELATIONSHIPS, introduced, introducer)
    return relationship_id


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
