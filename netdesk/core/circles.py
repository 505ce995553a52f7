"""Circles and tags with their member counts, for the sidebar and the settings."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from netdesk.core import store
from netdesk.core.errors import ValidationError
from netdesk.db.models import Circle, Person, PersonCircle, PersonTag, SavedSearch, Tag
from netdesk.values import TagKind, Topic


@dataclass(frozen=True)
class CircleInfo:
    id: int
    name: str
    default_cadence_days: int | None
    members: int


@dataclass(frozen=True)
class TagInfo:
    id: int
    name: str
    kind: TagKind
    members: int


def _members(link: type[PersonCircle] | type[PersonTag], group: pw.Field) -> dict[int, int]:
    """How many people who are not archived are in each circle, or carry each tag."""
    query = (
        link.select(group, pw.fn.count(link.person))
        .join(Person)
        .where(~Person.archived)
        .group_by(group)
        .tuples()
    )
    return {int(group_id): int(n) for group_id, n in query}


def circles() -> list[CircleInfo]:
    counts = _members(PersonCircle, PersonCircle.circle)
    return [
        CircleInfo(c.id, c.name, c.default_cadence_days, counts.get(c.id, 0))
        for c in Circle.select().order_by(Circle.position, Circle.name)
    ]


def set_default_cadence(circle_id: int, days: int | None) -> None:
    if days is not None and not 1 <= days <= 3650:
        raise ValidationError("A cadence must be 1 to 3650 days.", "cadence")
    with store.write():
        Circle.update(default_cadence_days=days).where(Circle.id == circle_id).execute()
        store.changed(Topic.CIRCLES)


def tags(kind: TagKind | None = None) -> list[TagInfo]:
    counts = _members(PersonTag, PersonTag.tag)
    query = Tag.select().order_by(Tag.kind, pw.fn.lower(Tag.name))
    if kind is not None:
        query = query.where(Tag.kind == str(kind))
    return [TagInfo(t.id, t.name, TagKind(t.kind), counts.get(t.id, 0)) for t in query]


def saved_searches() -> list[tuple[int, str, str]]:
    return [(s.id, s.name, s.query) for s in SavedSearch.select().order_by(SavedSearch.name)]


def save_search(name: str, query: str) -> int:
    if not name.strip() or not query.strip():
        raise ValidationError("A smart list needs a name and a search.", "name")
    with store.write():
        SavedSearch.insert(name=name.strip(), query=query.strip()).on_conflict_replace().execute()
        store.changed(Topic.SAVED_SEARCHES)
        return int(SavedSearch.get(SavedSearch.name == name.strip()).id)


def delete_search(search_id: int) -> None:
    with store.write():
        SavedSearch.delete().where(SavedSearch.id == search_id).execute()
        store.changed(Topic.SAVED_SEARCHES)
