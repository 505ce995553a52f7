"""Past imports: the list and a batch's snapshot (undo is in `batch_undo`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from netdesk.core import snapshots
from netdesk.core.errors import NotFound
from netdesk.db.models import ImportBatch, Person


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
