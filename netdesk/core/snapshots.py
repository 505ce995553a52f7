"""Snapshots of people: every row that belongs to them, captured as JSON and put back verbatim.

A snapshot powers Undo in the window and of an import.
`capture(ids)` reads each person's row (photo as base64), contact points, positions, circle and tag
links, participations with their interactions and events, favours, relationships, reminders,
reminder log, dismissed duplicate pairs, and the other people whose "met through" points at them;
`capture_profile(ids)` only what an edit or an import changes (see `core.profile_changes`).
`restore(snapshot)` deletes the current rows of those people in one write and re-inserts the
snapshot's rows under their original ids. Interactions and events may be shared with people outside
the snapshot, so they are only inserted when missing. Other processes write to the same file, so
undo goes through `restore_if_unchanged`, which refuses (and says what changed) when the people
are no longer as the change left them.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from netdesk.core import interactions, store
from netdesk.core.errors import CoreError
from netdesk.db.models import (
    BaseModel,
    Circle,
    ContactPoint,
    DismissedDuplicate,
    Event,
    Favour,
    ImportBatch,
    Interaction,
    Need,
    Participant,
    Person,
    PersonCircle,
    PersonTag,
    Position,
    Relationship,
    Reminder,
    ReminderLog,
    Tag,
)
from netdesk.values import Topic

CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit

# Tables whose rows hang off one person through a `person` column.
_OWNED: list[type[BaseModel]] = [
    ContactPoint,
    Position,
    PersonCircle,
    PersonTag,
    Participant,
    Favour,
    Need,
    Reminder,
    ReminderLog,
]
# Tables linking two people; a row is kept when either side is in the snapshot.
_PAIRED: list[tuple[type[BaseModel], pw.Field, pw.Field]] = [
    (Relationship, Relationship.person_a, Relationship.person_b),
    (DismissedDuplicate, DismissedDuplicate.person_a, DismissedDuplicate.person_b),
]
_MODELS: dict[str, type[BaseModel]] = {
    m._meta.table_name: m
    for m in [
        Person,
        Circle,
        Tag,
        Interaction,
        Event,
        *_OWNED,
        Relationship,
        DismissedDuplicate,
    ]
}


# The tables `capture_profile` reads.
PROFILE_TABLES = (
    "person",
    "contact_point",
    "position",
    "person_circle",
    "person_tag",
    "circle",
    "tag",
)


class ChangedMeanwhile(CoreError):
    """The people changed after the snapshot was taken; restoring it would lose that."""


class SnapshotConflict(CoreError):
    """The snapshot cannot be put back because its ids were taken by someone else."""


@dataclass
class Snapshot:
    """Rows of some people, by table name, in a JSON-friendly form."""

    person_ids: list[int]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # (other person, person in the snapshot) pairs: others introduced through these people
    met_through_refs: list[list[int]] = field(default_factory=list)

    def rows(self, model: type[BaseModel]) -> list[dict[str, Any]]:
        return self.tables.get(model._meta.table_name, [])

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        data = json.loads(text or "{}")
        if not isinstance(data, dict):  # an ImportBatch that changed nobody stores "[]"
            return cls(person_ids=[])
        return cls(
            person_ids=[int(i) for i in data.get("person_ids", [])],
            tables=data.get("tables", {}),
            met_through_refs=data.get("met_through_refs", []),
        )


# --- encoding -----------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def decode_row(model: type[BaseModel], row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    fields = model._meta.fields
    for name, value in row.items():
        f = fields.get(name)
        if value is not None and f is not None:
            if isinstance(f, pw.BlobField):
                value = base64.b64decode(value)
            elif isinstance(f, pw.DateTimeField):
                value = dt.datetime.fromisoformat(value)
            elif isinstance(f, pw.DateField):
                value = dt.date.fromisoformat(value)
        out[name] = value
    return out


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _dump(query: Any) -> list[dict[str, Any]]:
    return [{k: _encode(v) for k, v in row.items()} for row in query.dicts()]


# --- capture ------------------------------------------------------------------------------------


def capture(person_ids: Iterable[int]) -> Snapshot:
    """Every row of these people (missing ids are ignored)."""
    ids = list(dict.fromkeys(int(i) for i in person_ids))
    snap = Snapshot(person_ids=ids)
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in _MODELS}
    for chunk in _chunks(ids):
        tables["person"] += _dump(Person.select().where(Person.id.in_(chunk)))
        for model in _OWNED:
            rows = _dump(model.select().where(model.person.in_(chunk)))
            tables[model._meta.table_name] += rows
        for model, a, b in _PAIRED:
            rows = _dump(model.select().where(a.in_(chunk) | b.in_(chunk)))
            tables[model._meta.table_name] += rows
        refs = Person.select(Person.id, Person.met_through).where(
            Person.met_through.in_(chunk) & Person.id.not_in(chunk)
        )
        snap.met_through_refs += [[r.id, r.met_through_id] for r in refs]
    interaction_ids = {int(r["interaction"]) for r in tables["participant"]}
    circle_ids = {int(r["circle"]) for r in tables["person_circle"]}
    tag_ids = {int(r["tag"]) for r in tables["person_tag"]}
    for chunk in _chunks(sorted(interaction_ids)):
        tables["interaction"] += _dump(Interaction.select().where(Interaction.id.in_(chunk)))
        tables["event"] += _dump(Event.select().where(Event.interaction.in_(chunk)))
    for chunk in _chunks(sorted(circle_ids)):
        tables["circle"] += _dump(Circle.select().where(Circle.id.in_(chunk)))
    for chunk in _chunks(sorted(tag_ids)):
        tables["tag"] += _dump(Tag.select().where(Tag.id.in_(chunk)))
    snap.tables = {name: rows for name, rows in tables.items() if rows}
    return snap


def capture_profile(person_ids: Iterable[int]) -> Snapshot:
    """What an edit or an import can change about these people: their row, contact points,
    positions, circles and tags (with the circle and tag rows they name)."""
    ids = list(dict.fromkeys(int(i) for i in person_ids))
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in PROFILE_TABLES}
    for chunk in _chunks(ids):
        tables["person"] += _dump(Person.select().where(Person.id.in_(chunk)))
        for model in (ContactPoint, Position, PersonCircle, PersonTag):
            tables[model._meta.table_name] += _dump(model.select().where(model.person.in_(chunk)))
    circle_ids = sorted({int(r["circle"]) for r in tables["person_circle"]})
    tag_ids = sorted({int(r["tag"]) for r in tables["person_tag"]})
    for chunk in _chunks(circle_ids):
        tables["circle"] += _dump(Circle.select().where(Circle.id.in_(chunk)))
    for chunk in _chunks(tag_ids):
        tables["tag"] += _dump(Tag.select().where(Tag.id.in_(chunk)))
    return Snapshot(person_ids=ids, tables={k: v for k, v in tables.items() if v})


# --- restore ------------------------------------------------------------------------------------


def restore_if_unchanged(expected: Snapshot, target: Snapshot) -> None:
    """Put `target` back, but only while the people are still exactly as `expected` holds them:
    another window or process may have written since, and restoring would erase that."""
    with store.write():
        changed = differences(expected, capture(expected.person_ids))
        if changed:
            raise ChangedMeanwhile(
                f"Nothing was undone: {_names(expected, target)} changed meanwhile "
                f"({', '.join(changed)}), and undoing would lose that."
            )
        restore(target)


# What a user calls the rows of each table, for saying what changed meanwhile.
_WORDS = {
    "person": "details",
    "contact_point": "contact details",
    "position": "work",
    "person_circle": "circles",
    "circle": "circles",
    "person_tag": "tags",
    "tag": "tags",
    "participant": "interactions",
    "interaction": "interactions",
    "event": "events",
    "favour": "favours",
    "need": "needs and offers",
    "relationship": "relationships",
    "reminder": "follow-ups",
    "dismissed_duplicate": "duplicate decisions",
}


def differences(a: Snapshot, b: Snapshot) -> list[str]:
    """What differs between two snapshots of the same people, in words ([] when nothing does).
    The reminder log is left out: the reminders process writes it on its own."""
    words: list[str] = []
    for table, word in _WORDS.items():
        same = _canonical(a.tables.get(table, [])) == _canonical(b.tables.get(table, []))
        if not same and word not in words:
            words.append(word)
    if sorted(map(tuple, a.met_through_refs)) != sorted(map(tuple, b.met_through_refs)):
        words.append("introductions")
    return words


def only_profiles_differ(a: Snapshot, b: Snapshot) -> bool:
    """True when both snapshots hold the same people and differ at most in their profiles (an
    edit, archive, circles or tags), not in what hangs off them."""
    if {r["id"] for r in a.rows(Person)} != {r["id"] for r in b.rows(Person)}:
        return False
    profile_words = {_WORDS[table] for table in PROFILE_TABLES}
    return all(word in profile_words for word in differences(a, b))


def _canonical(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


def _names(*snaps: Snapshot) -> str:
    names = dict.fromkeys(r["display_name"] for snap in snaps for r in snap.rows(Person))
    return ", ".join(names) or "those people"


def restore(snapshot: Snapshot) -> None:
    """Put the snapshot's people back exactly as captured, in one transaction."""
    ids = snapshot.person_ids
    with store.write():
        _check_same_people(snapshot)
        delete_people(ids)
        circle_map = _ensure_named(snapshot, Circle, lambda r: (r["name"].lower(),))
        tag_map = _ensure_named(snapshot, Tag, lambda r: (r["kind"], r["name"].lower()))
        _insert_people(snapshot)
        _insert_owned(snapshot, circle_map, tag_map)
        _insert_paired(snapshot)
        _restore_met_through(snapshot)
        interactions.refresh_last_contact(ids)
        for topic in store.WHOLE_PERSON:
            store.changed(topic, *ids)


def delete_people(person_ids: Iterable[int]) -> None:
    """Delete people and (by cascade) everything that hangs off them."""
    ids = list(person_ids)
    with store.write():
        for chunk in _chunks(ids):
            Person.delete().where(Person.id.in_(chunk)).execute()
        store.changed(Topic.PEOPLE, *ids)


def _existing(model: type[BaseModel], ids: Iterable[int]) -> set[int]:
    wanted = sorted({int(i) for i in ids})
    found: set[int] = set()
    for chunk in _chunks(wanted):
        found.update(r[0] for r in model.select(model.id).where(model.id.in_(chunk)).tuples())
    return found


def _check_same_people(snapshot: Snapshot) -> None:
    """Refuse when an id of the snapshot now belongs to somebody else (SQLite reuses freed ids)."""
    created = {int(r["id"]): r.get("created") for r in snapshot.rows(Person)}
    for chunk in _chunks(sorted(created)):
        query = Person.select(Person.id, Person.created).where(Person.id.in_(chunk)).tuples()
        for person_id, when in query:
            if _encode(when) != created[person_id]:
                raise SnapshotConflict(
                    "Undo is not possible any more: someone added since took that person's place."
                )


def _ensure_named(snapshot: Snapshot, model: type[BaseModel], key: Any) -> dict[int, int]:
    """Map each snapshot circle/tag id to a live one: same id, else same name, else re-create."""
    rows = snapshot.rows(model)
    live = _existing(model, (r["id"] for r in rows))
    by_name: dict[tuple[Any, ...], int] = {}
    if len(live) < len(rows):
        for row in model.select().dicts():
            by_name.setdefault(key(row), int(row["id"]))
    mapping: dict[int, int] = {}
    for raw in rows:
        old = int(raw["id"])
        if old in live:
            mapping[old] = old
        elif key(raw) in by_name:
            mapping[old] = by_name[key(raw)]
        else:
            model.insert(**decode_row(model, raw)).execute()
            mapping[old] = old
    return mapping


def _insert_rows(
    model: type[BaseModel],
    rows: list[dict[str, Any]],
    *,
    ignore: bool = False,
    shared: bool = False,
) -> None:
    """Insert rows under their ids. `shared` rows (interactions, events) that still exist are left
    as they are; other rows whose id was taken since get a fresh id rather than being lost;
    `ignore` skips rows that repeat a unique key (a link that is already there)."""
    if not rows:
        return
    taken = _existing(model, (r["id"] for r in rows if r.get("id") is not None))
    prepared = []
    for row in rows:
        if row.get("id") in taken:
            if shared:
                continue
            row = {k: v for k, v in row.items() if k != "id"}
        prepared.append(row)
    if not prepared:
        return
    width = max(len(r) for r in prepared)
    size = max(1, 30_000 // max(1, width))
    # Rows with and without ids cannot share one multi-row INSERT.
    for has_id in (True, False):
        group = [r for r in prepared if ("id" in r) == has_id]
        for start in range(0, len(group), size):
            query = model.insert_many(group[start : start + size])
            if ignore:
                query = query.on_conflict_ignore()
            query.execute()


def _insert_people(snapshot: Snapshot) -> None:
    in_snapshot = {int(r["id"]) for r in snapshot.rows(Person)}
    rows = [decode_row(Person, r) for r in snapshot.rows(Person)]
    outside = {r["met_through"] for r in rows if r.get("met_through") not in (None, *in_snapshot)}
    live = _existing(Person, outside)
    batches = _existing(ImportBatch, (r["import_batch"] for r in rows if r.get("import_batch")))
    for row in rows:
        through = row.get("met_through")
        if through is not None and through not in in_snapshot and through not in live:
            row["met_through"] = None
        if row.get("import_batch") is not None and row["import_batch"] not in batches:
            row["import_batch"] = None
    # met_through may point at a person later in the same list: insert without it, then set it.
    links = {r["id"]: r.get("met_through") for r in rows}
    _insert_rows(Person, [{**r, "met_through": None} for r in rows])
    for person_id, through in links.items():
        if through is not None:
            Person.update(met_through=through).where(Person.id == person_id).execute()


def _insert_owned(snapshot: Snapshot, circle_map: dict[int, int], tag_map: dict[int, int]) -> None:
    for shared in (Interaction, Event):
        rows = [decode_row(shared, r) for r in snapshot.rows(shared)]
        _insert_rows(shared, rows, shared=True)
    live_events = _existing(Event, (r["event"] for r in snapshot.rows(Reminder) if r["event"]))
    batch_ids = {r["import_batch"] for r in snapshot.rows(ContactPoint) if r["import_batch"]}
    live_batches = _existing(ImportBatch, batch_ids)
    for model in _OWNED:
        rows = []
        for raw in snapshot.rows(model):
            row = decode_row(model, raw)
            if model is PersonCircle:
                row["circle"] = circle_map.get(row["circle"], row["circle"])
            elif model is PersonTag:
                row["tag"] = tag_map.get(row["tag"], row["tag"])
            elif model is Reminder and row.get("event") not in live_events:
                row["event"] = None
            elif model is ContactPoint and row.get("import_batch") not in live_batches:
                row["import_batch"] = None
            rows.append(row)
        # link rows and reminder log entries may already be there
        _insert_rows(model, rows, ignore=model in (PersonCircle, PersonTag, ReminderLog))


def _insert_paired(snapshot: Snapshot) -> None:
    in_snapshot = set(snapshot.person_ids)
    for model, _a, _b in _PAIRED:
        rows = [decode_row(model, r) for r in snapshot.rows(model)]
        ends = {r[k] for r in rows for k in ("person_a", "person_b")} - in_snapshot
        live = _existing(Person, ends) | in_snapshot
        rows = [r for r in rows if r["person_a"] in live and r["person_b"] in live]
        _insert_rows(model, rows, ignore=True)


def _restore_met_through(snapshot: Snapshot) -> None:
    for other, target in snapshot.met_through_refs:
        Person.update(met_through=target).where(
            (Person.id == other) & Person.met_through.is_null()
        ).execute()
