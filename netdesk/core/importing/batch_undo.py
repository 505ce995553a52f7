"""Undoing an import without eating the work done since.

At apply time the batch keeps (`record`) the profiles of the people it updated, before and after,
and a fingerprint of every person it created. `undo` then:
- takes the updated people back only where they still hold what the import wrote
  (`profile_changes.move`); a field someone changed since is left and reported;
- deletes the people it created, unless later work depends on them: an interaction, favour,
  follow-up or relationship added since, someone introduced through them, or an edit (their
  fingerprint changed). Then it raises `LaterWork` with the reason; `force=True` goes ahead after
  a backup.
Batches stored before fingerprints existed keep only the "before" snapshot: their updated people
lose only the contact points still marked as the import's, and nothing else is checked.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import peewee as pw

from netdesk.core import job_changes, profile_changes, snapshots, store
from netdesk.core.errors import CoreError, NotFound
from netdesk.core.importing import fingerprint
from netdesk.core.snapshots import Snapshot
from netdesk.db import backup
from netdesk.db.connection import current_path
from netdesk.db.models import (
    ContactPoint,
    Favour,
    ImportBatch,
    Need,
    Participant,
    Person,
    Relationship,
    Reminder,
    database,
)
from netdesk.values import Topic

SHOWN_NAMES = 3
PRE_UNDO = "pre-undo"  # the backup before an undo that deletes later work


class AlreadyUndone(CoreError):
    """That import was undone before."""


class LaterWork(CoreError):
    """Undoing would delete work done since the import; `undo(..., force=True)` goes ahead."""


@dataclass(frozen=True)
class UndoResult:
    removed: int  # people the import had created
    restored: int  # people the import had updated, taken back
    kept: str = ""  # one sentence on what was left because it changed since, or ""


# --- what the batch keeps -----------------------------------------------------------------------


def record(before: Snapshot, batch_id: int, created: dict[int, str] | None = None) -> str:
    """The JSON a batch keeps, once its writes are done: the updated people's profiles before
    (`before`) and now, and fingerprints of the people it created (`created`, as the writer
    took them; read from the database when not given)."""
    after = snapshots.capture_profile(before.person_ids)
    if created is None:
        prints = fingerprint.now(batch_id)
    else:
        prints = {str(pid): print_ for pid, print_ in created.items()}
    return json.dumps(
        {
            "person_ids": before.person_ids,
            "tables": before.tables,
            "met_through_refs": before.met_through_refs,
            "after": after.tables,
            "fingerprints": prints,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _person_fields() -> str:
    """The SQL text of one person's compared columns. The photo is stood for by its length and
    32 bytes from its middle: reading every photo whole cost a fifth of a big import, and any new
    picture differs there."""
    parts = []
    for f in Person._meta.sorted_fields:
        if f.name == "photo":
            parts.append(
                "ifnull(length(photo) || ':' || hex(substr(photo, length(photo) / 2, 32)), '')"
            )
        elif f.name not in profile_changes.NOT_COMPARED:
            parts.append(f'quote("{f.column_name}")')
    return " || ',' || ".join(parts)


def _children(table: str, columns: str) -> str:
    return f"(SELECT group_concat({columns}, char(31)) FROM {table} WHERE person_id = p.id)"


# One row per person the batch created: their fields, then each kind of child as one text
# (in no particular order: the digest sorts them).
_FINGERPRINT_SQL = (
    f"SELECT p.id, {_person_fields()}, "
    + _children(
        "contact_point",
        "quote(kind) || ',' || quote(value) || ',' || quote(label) || ',' || preferred",
    )
    + ", "
    + _children(
        "position",
        "quote(organization) || ',' || quote(title) || ',' || quote(department) || ',' || "
        "quote(start) || ',' || quote(\"end\")",
    )
    + ", "
    + _children("person_circle", "circle_id")
    + ", "
    + _children("person_tag", "tag_id")
    + " FROM person p WHERE p.import_batch_id = ?"
)


def _fingerprints(data: dict[str, Any], batch_id: int) -> tuple[dict | None, dict[str, str]]:
    """The created people's fingerprints the batch kept, and the same taken now; (None, {})
    for a batch kept before fingerprints existed."""
    if "fingerprints" in data:
        return data["fingerprints"], fingerprint.now(batch_id)
    if "created" in data:  # kept by an earlier version, digested in SQL
        return data["created"], legacy_fingerprints(batch_id)
    return None, {}


def legacy_fingerprints(batch_id: int) -> dict[str, str]:
    """A digest of each created person's profile as earlier versions took it, by id (as text,
    for JSON): batches they kept are checked against it."""
    rows = database.execute_sql(_FINGERPRINT_SQL, (batch_id,))
    return {str(pid): _digest(fields, children) for pid, fields, *children in rows}


def _digest(fields: str, children: list[str | None]) -> str:
    digest = hashlib.blake2b(fields.encode(), digest_size=12)
    for part in children:  # each kind of child: its rows in a fixed order
        digest.update(b"\x1e")
        if part:
            digest.update("\x1f".join(sorted(part.split("\x1f"))).encode())
    return digest.hexdigest()


# --- undo ---------------------------------------------------------------------------------------


def undo(batch_id: int, *, force: bool = False) -> UndoResult:
    """Remove the people the batch created and take back its changes to the people it updated;
    raises LaterWork (nothing changed) when that would delete work done since, unless `force`,
    which makes a backup first."""
    batch = _batch(batch_id)
    if batch.format == "ics":  # a calendar's meetings: taken back by the calendar import
        from netdesk.core import calendar_import

        return UndoResult(*calendar_import.undo_batch(batch, force=force))
    if force and later_work(batch):
        backup.backup_now(current_path(), PRE_UNDO)
    with store.write():
        reason = later_work(batch)  # again under the write lock: nobody adds any now
        if reason and not force:
            raise LaterWork(reason)
        data = json.loads(batch.snapshot or "{}")
        outcome = _take_back_updates(batch_id, data if isinstance(data, dict) else {})
        created = _created(batch_id)
        snapshots.delete_people(created)
        job_changes.forget_import(batch_id)  # what it proposed and nobody decided goes with it
        ImportBatch.update(undone=True).where(ImportBatch.id == batch_id).execute()
        store.changed(Topic.IMPORTS)
        store.changed(Topic.PEOPLE, *created, *outcome.moved)
    return UndoResult(len(created), len(outcome.moved), outcome.describe())


def _batch(batch_id: int) -> ImportBatch:
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise NotFound(f"There is no import {batch_id}.")
    if batch.undone:
        raise AlreadyUndone(f"Import {batch_id} ({batch.source}) was already undone.")
    return batch


def _take_back_updates(batch_id: int, data: dict[str, Any]) -> profile_changes.Outcome:
    before = Snapshot.from_json(json.dumps(data))
    if "after" not in data:  # kept before this was recorded: only its marked points are known
        ContactPoint.delete().where(ContactPoint.import_batch == batch_id).execute()
        return profile_changes.Outcome()
    after = Snapshot(person_ids=before.person_ids, tables=data["after"])
    return profile_changes.move(after, before)


def _created(batch_id: int) -> list[int]:
    query = Person.select(Person.id).where(Person.import_batch == batch_id).tuples()
    return [r[0] for r in query]


# --- later work ---------------------------------------------------------------------------------


def later_work(batch: ImportBatch) -> str:
    """Why undoing this batch would lose work done since (one sentence), or ""."""
    created = _created(batch.id)
    if not created:
        return ""
    found: dict[int, list[str]] = defaultdict(list)
    for one, many, column in LATER_WORK:
        for pid, count in _count_by(column, batch.id):
            found[pid].append(f"1 {one}" if count == 1 else f"{count} {many}")
    data = json.loads(batch.snapshot or "{}")
    kept, now = _fingerprints(data if isinstance(data, dict) else {}, batch.id)
    for pid in created if kept is not None else ():
        if now.get(str(pid)) != kept.get(str(pid)):  # type: ignore[union-attr]
            found[pid].append("edits")
    if not found:
        return ""
    return (
        f"Undoing import {batch.id} ({batch.source}) would delete people with work added "
        f"since: {_list(found)}."
    )


# Later work that hangs off a person: (one, many, the column pointing at the person). Event
# capture's undo asks the same of the people it created.
LATER_WORK = (
    ("interaction", "interactions", Participant.person),
    ("favour", "favours", Favour.person),
    ("need or offer", "needs and offers", Need.person),
    ("follow-up", "follow-ups", Reminder.person),
    ("relationship", "relationships", Relationship.person_a),
    ("relationship", "relationships", Relationship.person_b),
    ("person introduced through them", "people introduced through them", Person.met_through),
)


def _count_by(column: pw.Field, batch_id: int) -> list[tuple[int, int]]:
    """(person, rows) for the batch's people that rows of `column` point at; people introduced
    through them count only when the batch did not create them too (those go as well)."""
    created = Person.select(Person.id).where(Person.import_batch == batch_id)
    condition = column.in_(created)
    if column is Person.met_through:
        condition &= Person.import_batch.is_null() | (Person.import_batch != batch_id)
    query = column.model.select(column, pw.fn.count(1)).where(condition).group_by(column)
    return [(int(pid), int(count)) for pid, count in query.tuples()]


def _list(found: dict[int, list[str]]) -> str:
    shown = list(found)[:SHOWN_NAMES]
    names = dict(Person.select(Person.id, Person.display_name).where(Person.id.in_(shown)).tuples())
    text = "; ".join(f"{names.get(pid, pid)} ({', '.join(found[pid])})" for pid in shown)
    if len(found) > SHOWN_NAMES:
        text += f" and {len(found) - SHOWN_NAMES} more"
    return text
