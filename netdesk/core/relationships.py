"""Who knows whom: introductions, family, colleagues."""

from __future__ import annotations

from dataclasses import dataclass

from netdesk.core import store
from netdesk.core.errors import ValidationError
from netdesk.db.models import Person, Relationship
from netdesk.values import RelationshipKind


@dataclass(frozen=True)
class Link:
    id: int
    other_id: int
    other_name: str
    kind: RelationshipKind
    outgoing: bool  # True when this person is person_a (e.g. they introduced the other)
    note: str

    def describe(self) -> str:
        if self.kind is RelationshipKind.INTRODUCED:
            return "introduced you to" if self.outgoing else "introduced by"
        return str(self.kind)


def link(a: int, b: int, kind: RelationshipKind, note: str = "") -> int:
    if a == b:
        raise ValidationError("A relationship needs two different people.", "person")
    with store.write():
        row, _ = Relationship.get_or_create(
            person_a=a, person_b=b, kind=str(kind), defaults={"note": note}
        )
        store.changed("relationships", a, b)
        return int(row.id)


def unlink(relationship_id: int) -> None:
    row = Relationship.get_or_none(Relationship.id == relationship_id)
    if row is None:
        return
    with store.write():
        row.delete_instance()
        store.changed("relationships", row.person_a_id, row.person_b_id)


def links(person_id: int) -> list[Link]:
    out: list[Link] = []
    other = Person.alias()
    query = (
        Relationship.select(Relationship, other.id, other.display_name)
        .join(other, on=(Relationship.person_b == other.id))
        .where(Relationship.person_a == person_id)
    )
    for r in query:
        out.append(
            Link(
                r.id, r.person_b_id, r.person_b.display_name, RelationshipKind(r.kind), True, r.note
            )
        )
    query = (
        Relationship.select(Relationship, other.id, other.display_name)
        .join(other, on=(Relationship.person_a == other.id))
        .where(Relationship.person_b == person_id)
    )
    for r in query:
        out.append(
            Link(
                r.id,
                r.person_a_id,
                r.person_a.display_name,
                RelationshipKind(r.kind),
                False,
                r.note,
            )
        )
    return sorted(out, key=lambda x: (x.kind != RelationshipKind.INTRODUCED, x.other_name))
