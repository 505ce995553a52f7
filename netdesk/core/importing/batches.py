"""Past imports: the list, a batch's snapshot, and undo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from netdesk.core import snapshots, store
from netdesk.core.errors import CoreError, NotFound
from netdesk.db.models import ContactPoint, ImportBatch, Person


class AlreadyUndone(CoreError):
    """That import was undone before."""


@dataclass(frozen=True)
class BatchInfo:
    id: int
    source: str
    format: str
    created: dt.datetime
    cards: int
    created_count: int
    updated_count: int
    skipped_count: int
    undone: bool
    people: int  # people still in the store who came from this batch


@dataclass(frozen=True)
class UndoResult:
    removed: int  # people the import had created
    restored: int  # people put back as they were before the import


def undo(batch_id: int) -> UndoResult:
    """Remove the people and points a batch created and restore the people it changed."""
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise NotFound(f"There is no import {batch_id}.")
    if batch.undone:
        raise AlreadyUndone(f"Import {batch_id} ({batch.source}) was already undone.")
    with store.write():
        restored = snapshots.restore_profile(snapshots.Snapshot.from_json(batch.snapshot or "{}"))
        ContactPoint.delete().where(ContactPoint.import_batch == batch_id).execute()
        created = [
            r[0] for r in Person.select(Person.id).where(Person.import_batch == batch_id).tuples()
        ]
        snapshots.delete_people(created)
        ImportBatch.update(undone=True).where(ImportBatch.id == batch_id).execute()
        store.changed("imports")
        store.changed("people", *created, *restored)
    return UndoResult(len(created), len(restored))


def batches() -> list[BatchInfo]:
    """Every import, newest first."""
    alive = dict(
        Person.select(Person.import_batch, pw.fn.count(Person.id))
        .where(Person.import_batch.is_null(False))
        .group_by(Person.import_batch)
        .tuples()
    )
    return [
        BatchInfo(
            b.id,
            b.source,
            b.format,
            b.created,
            b.cards,
            b.created_count,
            b.updated_count,
            b.skipped_count,
            b.undone,
            alive.get(b.id, 0),
        )
        for b in ImportBatch.select().order_by(ImportBatch.id.desc())
    ]


def batch_snapshot(batch_id: int) -> snapshots.Snapshot:
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise NotFound(f"There is no import {batch_id}.")
    return snapshots.Snapshot.from_json(batch.snapshot or "{}")
