"""The full-text index over people, kept in step with every write.

Triggers on every table that feeds a person's search document only mark that person dirty (one
cheap insert), and `flush()` rebuilds the documents of dirty people in one set-based statement.
Core services flush at the end of each write transaction and search flushes before it queries,
so the index can never be seen stale. A bulk import of new people indexes them directly from the
values it inserts (`add_documents`), with the triggers off.
The table, the document view and the triggers are part of the schema in `migrations.py`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # peewee loads with the models, not with the schema
    import peewee as pw


def flush(db: pw.Database | pw.DatabaseProxy) -> int:
    """Rebuild the documents of people marked dirty; returns how many were rebuilt."""
    cursor = db.execute_sql("SELECT count(*) FROM search_dirty")
    (pending,) = cursor.fetchone()
    if not pending:
        return 0
    with db.atomic():
        db.execute_sql("DELETE FROM person_fts WHERE rowid IN (SELECT person_id FROM search_dirty)")
        db.execute_sql(
            "INSERT INTO person_fts(rowid, name, organization, title, email, phone, notes, tags,"
            " interactions) SELECT person_id, name, organization, title, email, phone, notes,"
            " tags, interactions FROM person_search_doc"
            " WHERE person_id IN (SELECT person_id FROM search_dirty)"
        )
        db.execute_sql("DELETE FROM search_dirty")
    return int(pending)


def rebuild(db: pw.Database | pw.DatabaseProxy) -> None:
    """Re-index everyone (after a restore or a repair)."""
    with db.atomic():
        db.execute_sql("DELETE FROM person_fts")
        db.execute_sql("INSERT OR IGNORE INTO search_dirty(person_id) SELECT id FROM person")
        flush(db)


@contextlib.contextmanager
def triggers_off(db: pw.Database | pw.DatabaseProxy) -> Iterator[None]:
    """For a bulk insert of new people inside a write transaction: the marking triggers are
    dropped and recreated around it (one trigger program per inserted row costs more than the
    rows themselves), and the caller indexes the new people itself (`add_documents`). Both DDL
    statements are part of the transaction, so a failure or a crash leaves the triggers as
    they were."""
    if not db.in_transaction():
        raise RuntimeError("triggers_off() outside a transaction")
    triggers = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        " AND (name LIKE 'search_%' OR name LIKE 'person_change_%')"  # both only mark people
    ).fetchall()
    for name, _ in triggers:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in triggers:
        db.execute_sql(sql)


def add_documents(db: pw.Database | pw.DatabaseProxy, documents: list[tuple]) -> None:
    """Index people just inserted (with the marking triggers off) from documents the caller
    built exactly as the `person_search_doc` view would: (person id, *the view's columns)."""
    db.cursor().executemany(
        "INSERT INTO person_fts(rowid, name, organization, title, email, phone, notes, tags,"
        " interactions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        documents,
    )
