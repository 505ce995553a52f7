"""A digest of each person an import created, so undo can tell whether anyone changed them since.

The digest is taken twice from the same canonical values: once from what the import writes,
while it writes it (`of_person`: no read back, which cost a fifth of a big import's writing),
and once from the database when undo asks (`now`). Dates are ISO text and booleans integers,
as SQLite holds them; a photo counts by its length and a hash of all its bytes. Children count
as sets, so a save that deletes and re-inserts the same contact points changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import peewee as pw

from netdesk.core.profile_changes import NOT_COMPARED
from netdesk.db.models import Person, database

# A UID a sync gave the person since is no work of the user's: undoing the import still
# removes them (and the next sync their card).
IGNORED = NOT_COMPARED | {"uid"}
# (field name, column) of every compared person column, in the model's order
PERSON_FIELDS = tuple(
    (f.name, f.column_name) for f in Person._meta.sorted_fields if f.name not in IGNORED
)
DEFAULTS = {
    name: Person._meta.fields[name].default
    for name, _column in PERSON_FIELDS
    if not callable(Person._meta.fields[name].default)
}
# every compared field with its default, and a getter of them in PERSON_FIELDS order (one C
# call per person: this runs once for each card of a big import)
_FILLED = {name: DEFAULTS.get(name) for name, _ in PERSON_FIELDS}
_IN_ORDER = operator.itemgetter(*_FILLED)
POINT_COLUMNS = ("kind", "value", "label", "preferred")
POSITION_COLUMNS = ("organization", "title", "department", "start", '"end"')
# the person columns whose Python value differs from what SQLite gives back
_CONVERTED = tuple(
    i
    for i, (name, _) in enumerate(PERSON_FIELDS)
    if isinstance(Person._meta.fields[name], pw.BooleanField | pw.DateField | pw.BlobField)
)


def canonical(value: Any) -> Any:
    """A value as the database gives it back."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        data = bytes(value)
        return f"{len(data)}:{hashlib.blake2b(data, digest_size=12).hexdigest()}"
    return value


def digest(person: list[Any], children: Sequence[Sequence[tuple[Any, ...]]]) -> str:
    """`person`: the compared columns in PERSON_FIELDS order; `children`: points, positions,
    tag ids and circle ids, each rows of values already canonical."""
    for i in _CONVERTED:
        if person[i] is not None:  # most are: skip the call (None stays None)
            person[i] = canonical(person[i])
    # one text, hashed once: the person, then each kind of child as its sorted rows
    parts = [repr(person)]
    parts += [_rows_text(rows) for rows in children]
    return hashlib.blake2b("\x1e".join(parts).encode(), digest_size=12).hexdigest()


def _rows_text(rows: Sequence[tuple[Any, ...]]) -> str:
    if len(rows) < 2:  # most people have one job and one tag: no sort, no join
        return repr(rows[0]) if rows else ""
    return "\x1f".join(sorted(map(repr, rows)))


def of_person(fields: dict[str, Any], children: Sequence[Sequence[tuple[Any, ...]]]) -> str:
    """The digest of a person about to be written with `fields` (by field name; a field left
    out takes the model's default)."""
    try:
        person = list(_IN_ORDER(fields))  # an import's new people name every field
    except KeyError:
        person = list(_IN_ORDER(_FILLED | fields))
    return digest(person, children)


def now(batch_id: int) -> dict[str, str]:
    """The digest of each person the batch created, as the database holds them now (by id as
    text, as the batch's JSON keeps them)."""
    columns = ", ".join(f'p."{column}"' for _, column in PERSON_FIELDS)
    people = database.execute_sql(
        f"SELECT p.id, {columns} FROM person p WHERE p.import_batch_id = ?", (batch_id,)
    ).fetchall()
    kinds = [
        _children(f"SELECT person_id, {', '.join(POINT_COLUMNS)} FROM contact_point", batch_id),
        _children(f"SELECT person_id, {', '.join(POSITION_COLUMNS)} FROM position", batch_id),
        _children("SELECT person_id, tag_id FROM person_tag", batch_id),
        _children("SELECT person_id, circle_id FROM person_circle", batch_id),
    ]
    return {
        str(pid): digest(values, [kind.get(pid, ()) for kind in kinds]) for pid, *values in people
    }


def _children(select: str, batch_id: int) -> dict[int, list[tuple[Any, ...]]]:
    rows = database.execute_sql(
        f"{select} WHERE person_id IN (SELECT id FROM person WHERE import_batch_id = ?)",
        (batch_id,),
    )
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for pid, *values in rows:
        found[pid].append(tuple(canonical(v) for v in values))
    return found
