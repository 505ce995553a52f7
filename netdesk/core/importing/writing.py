"""Writing an import's targets: bulk inserts with one prepared statement per table."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from typing import Any

import peewee as pw

from netdesk.core import people
from netdesk.core.importing import fingerprint, search_docs
from netdesk.core.importing.targets import POINT_COLUMNS, PositionState, Target
from netdesk.core.normalize import fold
from netdesk.db import person_changes, search_index
from netdesk.db.models import (
    Circle,
    ContactPoint,
    Person,
    PersonCircle,
    PersonTag,
    Position,
    Tag,
    database,
)
from netdesk.values import TagKind

INSERT_BATCH = 5000  # rows per executemany call


def _insert_values(
    model: type[pw.Model], names: Sequence[str], rows: list[list[Any]], *, or_ignore: bool = False
) -> None:
    """Bulk insert with one prepared statement: peewee's multi-row INSERT spends more time
    building SQL text than SQLite spends storing the rows. Rows are value lists in `names`
    order; columns left out take the model's defaults, as peewee's insert would."""
    if not rows:
        return
    defaults = {
        name: f.default
        for name, f in model._meta.fields.items()
        if name not in names and f.default is not None
    }
    fields = [model._meta.fields[name] for name in [*names, *defaults]]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    sql = f'{verb} INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    fixed = [_sql_value(d() if callable(d) else d) for d in defaults.values()]
    # only date columns need converting; the rest go to sqlite3 as they are
    dated = (pw.DateField, pw.DateTimeField)
    dates = [i for i, f in enumerate(fields[: len(names)]) if isinstance(f, dated)]
    if dates or fixed:
        for row in rows:
            for i in dates:
                if row[i] is not None:
                    row[i] = _sql_value(row[i])
            row += fixed
    cursor = database.cursor()
    for start in range(0, len(rows), INSERT_BATCH):
        cursor.executemany(sql, rows[start : start + INSERT_BATCH])


def _sql_value(value: Any) -> Any:
    """What peewee would store: ISO text for dates (a space between date and time)."""
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _TagCache:
    """Tag and circle ids by folded name, read once, created on first use."""

    def __init__(self) -> None:
        tags = list(Tag.select(Tag.id, Tag.kind, Tag.name))
        circles = list(Circle.select(Circle.id, Circle.name))
        self.ids = {(t.kind, fold(t.name)): t.id for t in tags}
        self.circles = {fold(c.name): c.id for c in circles}
        self.exact: dict[tuple[TagKind, str], int] = {}
        # names as stored, by id: what a new person's search document holds
        self.tag_names = {t.id: t.name for t in tags}
        self.circle_names = {c.id: c.name for c in circles}

    def id(self, kind: TagKind, name: str) -> int:
        exact = (kind, name)  # most imports repeat a few tags: skip folding them again
        if exact not in self.exact:
            key = (str(kind), fold(name))
            if key not in self.ids:
                self.ids[key] = Tag.create(kind=str(kind), name=name).id
                self.tag_names[self.ids[key]] = name
            self.exact[exact] = self.ids[key]
        return self.exact[exact]

    def circle(self, name: str) -> int:
        if fold(name) not in self.circles:
            circle = people.circle_by_name(name)
            self.circles[fold(name)] = circle.id
            self.circle_names[circle.id] = circle.name
        return self.circles[fold(name)]

    def document(self, target: Target, tags: list[list], circles: list[list]) -> tuple:
        """The new person's search document, their tags and circles named in id order."""
        tag_names = [self.tag_names[i] for _, i in sorted(tags)] if tags else []
        circle_names = [self.circle_names[i] for _, i in sorted(circles)] if circles else []
        return search_docs.document(target, tag_names, circle_names)

    def links(self, person_id: int, target: Target) -> tuple[list[list], list[list]]:
        """[person, tag] and [person, circle] rows for what the target gained."""
        tags = [[person_id, self.id(k, n)] for k, n in target.new_tags]
        circles = [[person_id, self.circle(n)] for n in target.new_circles]
        return tags, circles


_POSITION_COLUMNS = ("person", "organization", "title", "department", "start", "end")


def write_new(targets: list[Target], batch_id: int) -> dict[int, str]:
    """Insert new people with ids chosen here: the write lock is held, so max(id)+1 onwards is
    ours, and children can be inserted in bulk without a round trip per person. Returns each new
    person's fingerprint by id, taken from what was written."""
    if not targets:
        return {}
    first = (Person.select(pw.fn.max(Person.id)).scalar() or 0) + 1
    now = _sql_value(dt.datetime.now().replace(microsecond=0))
    columns = list(targets[0].fields)
    names = [*columns, "id", "import_batch", "created", "updated"]
    values = operator.itemgetter(*columns)
    point_names = [*POINT_COLUMNS, "person"]
    rows, points, positions, links, circles, documents = [], [], [], [], [], []
    tags = _TagCache()
    prints: dict[int, str] = {}
    for offset, target in enumerate(targets):
        person_id = target.person_id = first + offset
        rows.append([*values(target.fields), person_id, batch_id, now, now])
        points += [[*p, person_id] for p in target.new_points]
        positions += [_position_row(person_id, p) for p in target.positions]
        tag_links, circle_links = [], []
        if target.new_tags or target.new_circles:
            tag_links, circle_links = tags.links(person_id, target)
            links += tag_links
            circles += circle_links
        prints[person_id] = _fingerprint(target, tag_links, circle_links)
        documents.append(tags.document(target, tag_links, circle_links))
    with search_index.triggers_off(database):
        _insert_values(Person, names, rows)
        _insert_values(ContactPoint, point_names, points)
        _insert_values(Position, _POSITION_COLUMNS, positions)
        _insert_values(PersonTag, ("person", "tag"), links)
        _insert_values(PersonCircle, ("person", "circle"), circles)
        search_index.add_documents(database, documents)
        person_changes.mark_range(database, first, first + len(targets) - 1)
    return prints


def _fingerprint(target: Target, tag_links: list[list], circle_links: list[list]) -> str:
    """The new person's fingerprint, from the values going into the insert (canonical: dates as
    text, booleans as integers)."""
    points = [(p[0], p[2], p[1], int(p[5])) for p in target.new_points]  # kind, value, label, pref
    positions = [
        (p.organization, p.title, p.department, _sql_value(p.start), _sql_value(p.end))
        for p in target.positions
    ]
    tag_ids = [(link[1],) for link in tag_links]
    circle_ids = [(link[1],) for link in circle_links]
    return fingerprint.of_person(target.fields, [points, positions, tag_ids, circle_ids])


def _position_row(person_id: int, p: PositionState) -> list[Any]:
    return [person_id, p.organization, p.title, p.department, p.start, p.end]


def write_updates(targets: list[Target], batch_id: int) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    tags = _TagCache()
    points, positions, links, circles = [], [], [], []
    for target in targets:
        person_id = target.person_id
        assert person_id is not None
        if target.changed:
            values = {c: target.fields[c] for c in target.changed} | {"updated": now}
            Person.update(**values).where(Person.id == person_id).execute()
        points += [[*p, person_id] for p in target.new_points]
        for pos in target.positions:
            if pos.id is None:
                positions.append(_position_row(person_id, pos))
            elif pos.changed:
                Position.update(title=pos.title, department=pos.department, end=pos.end).where(
                    Position.id == pos.id
                ).execute()
        tag_links, circle_links = tags.links(person_id, target)
        links += tag_links
        circles += circle_links
    _insert_values(ContactPoint, [*POINT_COLUMNS, "person"], points)
    _insert_values(Position, _POSITION_COLUMNS, positions)
    _insert_values(PersonTag, ("person", "tag"), links, or_ignore=True)
    _insert_values(PersonCircle, ("person", "circle"), circles, or_ignore=True)
