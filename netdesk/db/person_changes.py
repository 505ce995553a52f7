"""Which people changed since a moment: a sequence number per person, kept by triggers.

Every write to something a person's synced card holds (their row's card columns, contact
points, jobs, circles and circle names, tags and tag names, needs and offers) sets that
person's `seq` in `person_change` to the next value of the one-row `person_change_counter`.
A reader takes the counter and the people above its own last mark in one transaction: a change
committed after that read gets a higher number, so nothing falls between two reads. Bulk inserts
that drop the triggers (`search_index.triggers_off`) mark their new people with `mark_range`.
The tables and triggers are part of the schema in `migrations.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # peewee loads with the models, not with the schema
    import peewee as pw


def high_water(db: pw.Database | pw.DatabaseProxy) -> int:
    """The number of the latest change (0 before any)."""
    row = db.execute_sql("SELECT seq FROM person_change_counter").fetchone()
    return int(row[0]) if row else 0


def changed_since(db: pw.Database | pw.DatabaseProxy, seq: int) -> set[int]:
    """The people changed after change number `seq` (deleted people included)."""
    cursor = db.execute_sql("SELECT person_id FROM person_change WHERE seq > ?", (seq,))
    return {int(person_id) for (person_id,) in cursor}


def mark(db: pw.Database | pw.DatabaseProxy, person_ids: list[int]) -> None:
    """Mark people changed again (a reader that could not act on their change yet)."""
    db.execute_sql("UPDATE person_change_counter SET seq = seq + 1")
    for person_id in person_ids:
        db.execute_sql(
            "INSERT OR REPLACE INTO person_change(person_id, seq)"
            " SELECT ?, seq FROM person_change_counter",
            (person_id,),
        )


def mark_range(db: pw.Database | pw.DatabaseProxy, first: int, last: int) -> None:
    """Mark people first..last (inclusive) changed, as the triggers would have (one number for
    them all: they changed together)."""
    db.execute_sql("UPDATE person_change_counter SET seq = seq + 1")
    db.execute_sql(
        "INSERT OR REPLACE INTO person_change(person_id, seq)"
        " SELECT p.id, c.seq FROM person p, person_change_counter c WHERE p.id BETWEEN ? AND ?",
        (first, last),
    )
