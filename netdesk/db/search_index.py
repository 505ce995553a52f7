"""The full-text index over people, kept in step with every write.

Triggers on every table that feeds a person's search document only mark that person dirty (one
cheap insert), and `flush()` rebuilds the documents of dirty people in one set-based statement.
Core services flush at the end of each write transaction and search flushes before it queries,
so the index can never be seen stale, and a bulk import pays for indexing once per person.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # peewee loads with the models, not with the schema
    import peewee as pw


# unicode61 with remove_diacritics 2 folds case and accents (José matches jose); the prefix
# indexes make 1-3 letter prefix queries cheap, which is what typing produces.
CREATE_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS person_fts USING fts5(
    name, organization, title, email, phone, notes, tags, interactions,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
)
"""

CREATE_DIRTY = "CREATE TABLE IF NOT EXISTS search_dirty (person_id INTEGER PRIMARY KEY)"

# One row per person: the text each FTS column holds.
CREATE_DOC_VIEW = """
CREATE VIEW IF NOT EXISTS person_search_doc AS
SELECT p.id AS person_id,
  p.display_name || ' ' || p.prefix || ' ' || p.given || ' ' || p.additional || ' ' ||
    p.family || ' ' || p.suffix || ' ' || p.nickname AS name,
  (SELECT group_concat(po.organization || ' ' || po.department, ' ')
     FROM position po WHERE po.person_id = p.id) AS organization,
  (SELECT group_concat(po.title, ' ') FROM position po WHERE po.person_id = p.id) AS title,
  (SELECT group_concat(cp.value || ' ' || cp.search_text, ' ')
     FROM contact_point cp WHERE cp.person_id = p.id AND cp.kind <> 'phone') AS email,
  (SELECT group_concat(cp.value || ' ' || cp.normalized || ' ' || cp.search_text, ' ')
     FROM contact_point cp WHERE cp.person_id = p.id AND cp.kind = 'phone') AS phone,
  p.notes || ' ' || p.why_stand_out || ' ' || p.how_met || ' ' || p.family_notes AS notes,
  coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
     WHERE pt.person_id = p.id), '') || ' ' ||
  coalesce((SELECT group_concat(c.name, ' ') FROM person_circle pc
     JOIN circle c ON c.id = pc.circle_id WHERE pc.person_id = p.id), '') AS tags,
  (SELECT group_concat(i.summary, ' ') FROM participant pa
     JOIN interaction i ON i.id = pa.interaction_id WHERE pa.person_id = p.id) AS interactions
FROM person p
"""


def _mark(table: str, event: str, expr: str) -> str:
    return (
        f"CREATE TRIGGER IF NOT EXISTS search_{table}_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN INSERT OR IGNORE INTO search_dirty(person_id) {expr}; END"
    )


def _person_column_triggers(table: str) -> list[str]:
    return [
        _mark(table, "INSERT", "VALUES (new.person_id)"),
        _mark(table, "DELETE", "VALUES (old.person_id)"),
        _mark(table, "UPDATE", "VALUES (new.person_id)"),
    ]


TRIGGERS = [
    _mark("person", "INSERT", "VALUES (new.id)"),
    _mark("person", "DELETE", "VALUES (old.id)"),
    # photo and bookkeeping columns do not feed the document
    _mark("person", "UPDATE", "VALUES (new.id)").replace(
        "AFTER UPDATE ON person",
        "AFTER UPDATE OF display_name, prefix, given, additional, family, suffix, nickname, "
        "notes, why_stand_out, how_met, family_notes ON person",
    ),
    *_person_column_triggers("contact_point"),
    *_person_column_triggers("position"),
    *_person_column_triggers("person_tag"),
    *_person_column_triggers("person_circle"),
    *_person_column_triggers("participant"),
    _mark(
        "interaction",
        "UPDATE",
        "SELECT person_id FROM participant WHERE interaction_id = new.id",
    ).replace("AFTER UPDATE ON interaction", "AFTER UPDATE OF summary ON interaction"),
    _mark("tag", "UPDATE", "SELECT person_id FROM person_tag WHERE tag_id = new.id"),
    _mark("circle", "UPDATE", "SELECT person_id FROM person_circle WHERE circle_id = new.id"),
]


def create(db: pw.Database) -> None:
    for statement in (CREATE_FTS, CREATE_DIRTY, CREATE_DOC_VIEW, *TRIGGERS):
        db.execute_sql(statement)


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
    rows themselves), and the caller marks the new people dirty in one statement. Both DDL
    statements are part of the transaction, so a failure or a crash leaves the triggers as
    they were."""
    if not db.in_transaction():
        raise RuntimeError("triggers_off() outside a transaction")
    triggers = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'"
    ).fetchall()
    for name, _ in triggers:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in triggers:
        db.execute_sql(sql)


def mark_range(db: pw.Database | pw.DatabaseProxy, first: int, last: int) -> None:
    """Mark people first..last (inclusive) dirty, as the triggers would have."""
    db.execute_sql(
        "INSERT OR IGNORE INTO search_dirty(person_id) SELECT id FROM person"
        " WHERE id BETWEEN ? AND ?",
        (first, last),
    )
