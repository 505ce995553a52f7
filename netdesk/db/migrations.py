"""The schema ladder: `PRAGMA user_version` says which rung a database is on.

Rung 1 is frozen below as the exact DDL netdesk 0.1 created (its tables, indexes, the full-text
index, its view and triggers, and the seeded circles), so a database made today and one made by
0.1 take the same path upwards. Never edit a step that has shipped: change the schema by
appending a step, and change `models.py` to match (tests/safety/test_migrations.py checks that
every model column and declared index exists after the ladder runs).

Each step runs in its own IMMEDIATE transaction and bumps `user_version` inside it, so a crash
leaves the database on the old rung or the new one, never between. `netdesk.db.connection` takes
a backup copy of an existing database before any step runs, and refuses a database from a newer
netdesk untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # peewee loads with the models, not with the schema
    import peewee as pw


SEED_CIRCLES: list[tuple[str, int | None]] = [
    ("Family", 14),
    ("Friends of family", 90),
    ("Friends", 30),
    ("Colleagues", 60),
    ("Internship", 90),
    ("National service", 90),
    ("School", 120),
    ("Community", 90),
]

# Generated once from a fresh 0.1 database's sqlite_master (FTS shadow tables and automatic
# indexes left out: SQLite makes those itself), in creation order.
V1_SCHEMA: tuple[str, ...] = (
    """
CREATE TABLE "circle" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "default_cadence_days" INTEGER,
    "position" INTEGER NOT NULL
)
""",
    'CREATE UNIQUE INDEX "circle_name" ON "circle" ("name")',
    """
CREATE TABLE "import_batch" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "created" DATETIME NOT NULL,
    "cards" INTEGER NOT NULL,
    "created_count" INTEGER NOT NULL,
    "updated_count" INTEGER NOT NULL,
    "skipped_count" INTEGER NOT NULL,
    "undone" INTEGER NOT NULL,
    "snapshot" TEXT NOT NULL
)
""",
    """
CREATE TABLE "person" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "display_name" TEXT NOT NULL,
    "sort_name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "given" TEXT NOT NULL,
    "additional" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "photo" BLOB,
    "birthday_month" INTEGER,
    "birthday_day" INTEGER,
    "birthday_year" INTEGER,
    "how_met" TEXT NOT NULL,
    "met_on" DATE,
    "met_through_id" INTEGER,
    "why_stand_out" TEXT NOT NULL,
    "family_notes" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "nurture" INTEGER NOT NULL,
    "cadence_days" INTEGER,
    "archived" INTEGER NOT NULL,
    "last_contact" DATE,
    "uid" TEXT,
    "vcard_extra" TEXT NOT NULL,
    "import_batch_id" INTEGER,
    "created" DATETIME NOT NULL,
    "updated" DATETIME NOT NULL,
    FOREIGN KEY ("met_through_id") REFERENCES "person" ("id") ON DELETE SET NULL,
    FOREIGN KEY ("import_batch_id") REFERENCES "import_batch" ("id") ON DELETE SET NULL
)
""",
    'CREATE INDEX "person_sort_name" ON "person" ("sort_name")',
    'CREATE INDEX "person_met_through_id" ON "person" ("met_through_id")',
    'CREATE INDEX "person_nurture" ON "person" ("nurture")',
    'CREATE INDEX "person_archived" ON "person" ("archived")',
    'CREATE INDEX "person_last_contact" ON "person" ("last_contact")',
    'CREATE INDEX "person_uid" ON "person" ("uid")',
    'CREATE INDEX "person_import_batch_id" ON "person" ("import_batch_id")',
    """
CREATE TABLE "contact_point" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "person_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "preferred" INTEGER NOT NULL,
    "import_batch_id" INTEGER,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("import_batch_id") REFERENCES "import_batch" ("id") ON DELETE SET NULL
)
""",
    'CREATE INDEX "contact_point_person_id" ON "contact_point" ("person_id")',
    'CREATE INDEX "contact_point_normalized" ON "contact_point" ("normalized")',
    'CREATE INDEX "contact_point_import_batch_id" ON "contact_point" ("import_batch_id")',
    """
CREATE TABLE "dismissed_duplicate" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "person_a_id" INTEGER NOT NULL,
    "person_b_id" INTEGER NOT NULL,
    FOREIGN KEY ("person_a_id") REFERENCES "person" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("person_b_id") REFERENCES "person" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "dismissed_duplicate_person_a_id" ON "dismissed_duplicate" ("person_a_id")',
    'CREATE INDEX "dismissed_duplicate_person_b_id" ON "dismissed_duplicate" ("person_b_id")',
    """
CREATE UNIQUE INDEX "dismissed_duplicate_person_a_id_person_b_id"
    ON "dismissed_duplicate" ("person_a_id", "person_b_id")
""",
    """
CREATE TABLE "interaction" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "when" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "follow_up" DATE,
    "follow_up_done" INTEGER NOT NULL,
    "created" DATETIME NOT NULL
)
""",
    'CREATE INDEX "interaction_when" ON "interaction" ("when")',
    'CREATE INDEX "interaction_follow_up" ON "interaction" ("follow_up")',
    """
CREATE TABLE "event" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "place" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "interaction_id" INTEGER NOT NULL,
    FOREIGN KEY ("interaction_id") REFERENCES "interaction" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "event_date" ON "event" ("date")',
    'CREATE UNIQUE INDEX "event_interaction_id" ON "event" ("interaction_id")',
    """
CREATE TABLE "favour" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "person_id" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "due" DATE,
    "status" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "favour_person_id" ON "favour" ("person_id")',
    """
CREATE TABLE "participant" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "interaction_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    FOREIGN KEY ("interaction_id") REFERENCES "interaction" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "participant_interaction_id" ON "participant" ("interaction_id")',
    'CREATE INDEX "participant_person_id" ON "participant" ("person_id")',
    """
CREATE UNIQUE INDEX "participant_interaction_id_person_id"
    ON "participant" ("interaction_id", "person_id")
""",
    """
CREATE INDEX "participant_person_id_interaction_id"
    ON "participant" ("person_id", "interaction_id")
""",
    """
CREATE TABLE "person_circle" (
    "person_id" INTEGER NOT NULL,
    "circle_id" INTEGER NOT NULL,
    PRIMARY KEY ("person_id", "circle_id"),
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("circle_id") REFERENCES "circle" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "person_circle_person_id" ON "person_circle" ("person_id")',
    'CREATE INDEX "person_circle_circle_id" ON "person_circle" ("circle_id")',
    """
CREATE INDEX "person_circle_circle_id_person_id" ON "person_circle" ("circle_id", "person_id")
""",
    """
CREATE TABLE "tag" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL
)
""",
    'CREATE UNIQUE INDEX "tag_kind_name" ON "tag" ("kind", "name")',
    """
CREATE TABLE "person_tag" (
    "person_id" INTEGER NOT NULL,
    "tag_id" INTEGER NOT NULL,
    PRIMARY KEY ("person_id", "tag_id"),
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "person_tag_person_id" ON "person_tag" ("person_id")',
    'CREATE INDEX "person_tag_tag_id" ON "person_tag" ("tag_id")',
    'CREATE INDEX "person_tag_tag_id_person_id" ON "person_tag" ("tag_id", "person_id")',
    """
CREATE TABLE "position" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "person_id" INTEGER NOT NULL,
    "organization" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "start" DATE,
    "end" DATE,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "position_person_id" ON "position" ("person_id")',
    """
CREATE TABLE "relationship" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "person_a_id" INTEGER NOT NULL,
    "person_b_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    FOREIGN KEY ("person_a_id") REFERENCES "person" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("person_b_id") REFERENCES "person" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "relationship_person_a_id" ON "relationship" ("person_a_id")',
    'CREATE INDEX "relationship_person_b_id" ON "relationship" ("person_b_id")',
    """
CREATE UNIQUE INDEX "relationship_person_a_id_person_b_id_kind"
    ON "relationship" ("person_a_id", "person_b_id", "kind")
""",
    """
CREATE TABLE "reminder" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "person_id" INTEGER NOT NULL,
    "due" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "done" INTEGER NOT NULL,
    "event_id" INTEGER,
    "created" DATETIME NOT NULL,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("event_id") REFERENCES "event" ("id") ON DELETE SET NULL
)
""",
    'CREATE INDEX "reminder_person_id" ON "reminder" ("person_id")',
    'CREATE INDEX "reminder_due" ON "reminder" ("due")',
    'CREATE INDEX "reminder_event_id" ON "reminder" ("event_id")',
    """
CREATE TABLE "reminder_log" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "person_id" INTEGER NOT NULL,
    "due" DATE NOT NULL,
    "ref" INTEGER NOT NULL,
    "notified_at" DATETIME,
    "snoozed_until" DATETIME,
    "dismissed_at" DATETIME,
    FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE
)
""",
    'CREATE INDEX "reminder_log_person_id" ON "reminder_log" ("person_id")',
    """
CREATE UNIQUE INDEX "reminder_log_kind_person_id_due_ref"
    ON "reminder_log" ("kind", "person_id", "due", "ref")
""",
    """
CREATE TABLE "saved_search" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL
)
""",
    'CREATE UNIQUE INDEX "saved_search_name" ON "saved_search" ("name")',
    """
CREATE TABLE "setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
)
""",
    """
CREATE VIRTUAL TABLE person_fts USING fts5(
    name, organization, title, email, phone, notes, tags, interactions,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
)
""",
    "CREATE TABLE search_dirty (person_id INTEGER PRIMARY KEY)",
    """
CREATE VIEW person_search_doc AS
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
""",
    """
CREATE TRIGGER search_person_insert AFTER INSERT ON person
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.id);
END
""",
    """
CREATE TRIGGER search_person_delete AFTER DELETE ON person
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (old.id);
END
""",
    """
CREATE TRIGGER search_person_update AFTER UPDATE OF display_name, prefix, given,
    additional, family, suffix, nickname, notes, why_stand_out, how_met, family_notes ON
    person
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.id);
END
""",
    """
CREATE TRIGGER search_contact_point_insert AFTER INSERT ON contact_point
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_contact_point_delete AFTER DELETE ON contact_point
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (old.person_id);
END
""",
    """
CREATE TRIGGER search_contact_point_update AFTER UPDATE ON contact_point
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_position_insert AFTER INSERT ON position
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_position_delete AFTER DELETE ON position
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (old.person_id);
END
""",
    """
CREATE TRIGGER search_position_update AFTER UPDATE ON position
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_person_tag_insert AFTER INSERT ON person_tag
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_person_tag_delete AFTER DELETE ON person_tag
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (old.person_id);
END
""",
    """
CREATE TRIGGER search_person_tag_update AFTER UPDATE ON person_tag
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_person_circle_insert AFTER INSERT ON person_circle
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_person_circle_delete AFTER DELETE ON person_circle
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (old.person_id);
END
""",
    """
CREATE TRIGGER search_person_circle_update AFTER UPDATE ON person_circle
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_participant_insert AFTER INSERT ON participant
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_participant_delete AFTER DELETE ON participant
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (old.person_id);
END
""",
    """
CREATE TRIGGER search_participant_update AFTER UPDATE ON participant
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) VALUES (new.person_id);
END
""",
    """
CREATE TRIGGER search_interaction_update AFTER UPDATE OF summary ON interaction
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) SELECT person_id FROM participant
    WHERE interaction_id = new.id;
END
""",
    """
CREATE TRIGGER search_tag_update AFTER UPDATE ON tag
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) SELECT person_id FROM person_tag WHERE
    tag_id = new.id;
END
""",
    """
CREATE TRIGGER search_circle_update AFTER UPDATE ON circle
BEGIN
    INSERT OR IGNORE INTO search_dirty(person_id) SELECT person_id FROM person_circle
    WHERE circle_id = new.id;
END
""",
)


def _v1_initial(db: pw.Database) -> None:
    for statement in V1_SCHEMA:
        db.execute_sql(statement)
    for position, (name, cadence) in enumerate(SEED_CIRCLES):
        db.execute_sql(
            'INSERT INTO "circle" ("name", "default_cadence_days", "position") VALUES (?, ?, ?)',
            (name, cadence, position),
        )


def _v2_lookup_indexes(db: pw.Database) -> None:
    """Indexes for the queries that grew with the app.

    Matching and dedupe look contact points up by (kind, normalized): an import of 10,000 cards
    asks that once per email and phone. Birthday lists filter people by month and day.
    """
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "contact_point_kind_normalized"'
        ' ON "contact_point" ("kind", "normalized")'
    )
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "person_birthday"'
        ' ON "person" ("birthday_month", "birthday_day")'
    )


def _v3_connections(db: pw.Database) -> None:
    """When a network (LinkedIn) says you connected: kept apart from when you met, so an
    address book of old connections does not count as people met recently."""
    db.execute_sql('ALTER TABLE "person" ADD COLUMN "connected_on" DATE')
    db.execute_sql('ALTER TABLE "person" ADD COLUMN "connected_via" TEXT NOT NULL DEFAULT \'\'')


def _v4_needs(db: pw.Database) -> None:
    """What people are looking for and can help with, each dated so that a need can go stale."""
    db.execute_sql(
        'CREATE TABLE "need" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL,'
        ' "kind" TEXT NOT NULL, "text" TEXT NOT NULL, "noted_on" DATE NOT NULL,'
        ' FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)'
    )
    db.execute_sql('CREATE INDEX "need_person_id" ON "need" ("person_id")')


def _v5_event_uid(db: pw.Database) -> None:
    """A calendar event's UID, so importing the same calendar again finds its events."""
    db.execute_sql('ALTER TABLE "event" ADD COLUMN "uid" TEXT')
    db.execute_sql('CREATE INDEX "event_uid" ON "event" ("uid")')


def _v6_job_changes(db: pw.Database) -> None:
    """Job and email changes an import found for known people, waiting for the user's word."""
    db.execute_sql(
        'CREATE TABLE "job_change" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "person_id" INTEGER NOT NULL, "field" TEXT NOT NULL, "old_value" TEXT NOT NULL,'
        ' "new_value" TEXT NOT NULL, "new_organization" TEXT NOT NULL, "new_title" TEXT NOT NULL,'
        ' "source" TEXT NOT NULL, "seen_on" DATE NOT NULL, "status" TEXT NOT NULL,'
        ' "decided" DATETIME, "undo" TEXT NOT NULL, "import_batch_id" INTEGER,'
        ' "created" DATETIME NOT NULL,'
        ' FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE,'
        ' FOREIGN KEY ("import_batch_id") REFERENCES "import_batch" ("id") ON DELETE SET NULL)'
    )
    db.execute_sql('CREATE INDEX "job_change_person_id" ON "job_change" ("person_id")')
    db.execute_sql('CREATE INDEX "job_change_status" ON "job_change" ("status")')
    db.execute_sql(
        'CREATE INDEX "job_change_import_batch_id" ON "job_change" ("import_batch_id")'
    )
    db.execute_sql(
        'CREATE INDEX "job_change_person_id_field" ON "job_change" ("person_id", "field")'
    )


def _v7_sync(db: pw.Database) -> None:
    """Syncing with a folder of cards: each card's last agreed text (the merge base), the
    conflicts waiting for the user, and the to-dos written as tasks."""
    db.execute_sql(
        'CREATE TABLE "sync_state" ("id" INTEGER NOT NULL PRIMARY KEY, "account" TEXT NOT NULL,'
        ' "uid" TEXT NOT NULL, "href" TEXT NOT NULL, "person_id" INTEGER, "base" TEXT NOT NULL,'
        ' "base_hash" TEXT NOT NULL, "synced_at" DATETIME NOT NULL,'
        ' FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE SET NULL)'
    )
    db.execute_sql('CREATE INDEX "sync_state_person_id" ON "sync_state" ("person_id")')
    db.execute_sql(
        'CREATE UNIQUE INDEX "sync_state_account_uid" ON "sync_state" ("account", "uid")'
    )
    db.execute_sql(
        'CREATE TABLE "sync_conflict" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "account" TEXT NOT NULL, "person_id" INTEGER NOT NULL, "field" TEXT NOT NULL,'
        ' "local_value" TEXT NOT NULL, "remote_value" TEXT NOT NULL, "kind" TEXT NOT NULL,'
        ' "created" DATETIME NOT NULL,'
        ' FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)'
    )
    db.execute_sql('CREATE INDEX "sync_conflict_person_id" ON "sync_conflict" ("person_id")')
    db.execute_sql(
        'CREATE INDEX "sync_conflict_person_id_field" ON "sync_conflict" ("person_id", "field")'
    )
    db.execute_sql(
        'CREATE TABLE "sync_task" ("id" INTEGER NOT NULL PRIMARY KEY, "account" TEXT NOT NULL,'
        ' "uid" TEXT NOT NULL, "kind" TEXT NOT NULL, "ref" INTEGER NOT NULL,'
        ' "due" DATE NOT NULL, "done" INTEGER NOT NULL)'
    )
    db.execute_sql('CREATE UNIQUE INDEX "sync_task_account_uid" ON "sync_task" ("account", "uid")')
    db.execute_sql(
        'CREATE INDEX "sync_task_account_kind_ref" ON "sync_task" ("account", "kind", "ref")'
    )


def _v8_they_started(db: pw.Database) -> None:
    """Whether the other person started a conversation: "they last reached out in March"."""
    db.execute_sql(
        'ALTER TABLE "interaction" ADD COLUMN "they_started" INTEGER NOT NULL DEFAULT 0'
    )


# The tables beside `person` (and `circle`, `tag` for their names) whose rows a synced card
# holds, with the column naming the person: `_v9_person_changes` marks that person.
_V9_CARD_SOURCES: tuple[tuple[str, str], ...] = (
    ("contact_point", "person_id"),
    ("position", "person_id"),
    ("person_circle", "person_id"),
    ("person_tag", "person_id"),
    ("need", "person_id"),
)
_V9_PERSON_CARD_COLUMNS = (
    "display_name, prefix, given, additional, family, suffix, nickname, photo, birthday_month,"
    " birthday_day, birthday_year, how_met, met_on, why_stand_out, family_notes, notes, nurture,"
    " cadence_days, archived, vcard_extra"
)
_V9_MARK = """
    UPDATE person_change_counter SET seq = seq + 1;
    INSERT OR REPLACE INTO person_change(person_id, seq)
        SELECT {who}, c.seq FROM person_change_counter c{where};"""


def _v9_trigger(name: str, event: str, table: str, *marks: str) -> str:
    body = "".join(marks)
    return f'CREATE TRIGGER "person_change_{name}" AFTER {event} ON "{table}"\nBEGIN{body}\nEND'


def _v9_triggers() -> list[str]:
    mark = _V9_MARK.format
    out = [
        _v9_trigger("person_insert", "INSERT", "person", mark(who="new.id", where="")),
        _v9_trigger("person_delete", "DELETE", "person", mark(who="old.id", where="")),
        _v9_trigger(
            "person_update", f"UPDATE OF {_V9_PERSON_CARD_COLUMNS}", "person",
            mark(who="new.id", where=""),
        ),
        _v9_trigger(
            "circle_update", "UPDATE OF name, position", "circle",
            mark(who="pc.person_id", where=", person_circle pc WHERE pc.circle_id = new.id"),
        ),
        _v9_trigger(
            "tag_update", "UPDATE OF name, kind", "tag",
            mark(who="pt.person_id", where=", person_tag pt WHERE pt.tag_id = new.id"),
        ),
    ]
    for table, column in _V9_CARD_SOURCES:
        out += [
            _v9_trigger(f"{table}_insert", "INSERT", table, mark(who=f"new.{column}", where="")),
            _v9_trigger(f"{table}_delete", "DELETE", table, mark(who=f"old.{column}", where="")),
            _v9_trigger(  # a row moved to another person (a merge) changes both
                f"{table}_update", "UPDATE", table,
                mark(who=f"new.{column}", where=""),
                mark(who=f"old.{column}", where=f" WHERE old.{column} IS NOT new.{column}"),
            ),
        ]
    return out


def _v9_person_changes(db: pw.Database) -> None:
    """A change number per person, so a sync pass renders only the cards that changed since
    its last (`person_changes.py`). Everyone starts changed: the first pass after the upgrade
    compares every card once."""
    db.execute_sql(
        "CREATE TABLE person_change (person_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL)"
    )
    db.execute_sql("CREATE INDEX person_change_seq ON person_change (seq)")
    db.execute_sql(
        "CREATE TABLE person_change_counter (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " seq INTEGER NOT NULL)"
    )
    db.execute_sql("INSERT INTO person_change_counter (id, seq) VALUES (1, 1)")
    db.execute_sql("INSERT INTO person_change (person_id, seq) SELECT id, 1 FROM person")
    db.execute_sql(
        "CREATE TABLE sync_mark (account TEXT NOT NULL PRIMARY KEY, seq INTEGER NOT NULL)"
    )
    for statement in _v9_triggers():
        db.execute_sql(statement)


# Each is the leading column of another index on its table, which serves every lookup it
# served; the index itself only cost time on every insert (a tenth of a big import's writing).
_V10_REDUNDANT_INDEXES = (
    "contact_point_normalized",  # lookups always name the kind: (kind, normalized)
    "participant_interaction_id",  # (interaction_id, person_id)
    "participant_person_id",  # (person_id, interaction_id)
    "person_circle_person_id",  # the primary key (person_id, circle_id)
    "person_circle_circle_id",  # (circle_id, person_id)
    "person_tag_person_id",  # the primary key (person_id, tag_id)
    "person_tag_tag_id",  # (tag_id, person_id)
)


def _v10_redundant_indexes(db: pw.Database) -> None:
    """Drop the single-column indexes that a wider index already covers."""
    for name in _V10_REDUNDANT_INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


STEPS: list[Callable[[pw.Database], None]] = [
    _v1_initial,
    _v2_lookup_indexes,
    _v3_connections,
    _v4_needs,
    _v5_event_uid,
    _v6_job_changes,
    _v7_sync,
    _v8_they_started,
    _v9_person_changes,
    _v10_redundant_indexes,
]
CURRENT_VERSION = len(STEPS)


def user_version(db: pw.Database) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def upgrade(db: pw.Database, target: int = CURRENT_VERSION) -> int:
    """Run every step above the database's version up to `target`; returns the version reached.

    Each step and its version bump commit together; two processes upgrading at once queue on
    the IMMEDIATE lock and the second finds nothing left to do.
    """
    version = user_version(db)
    while version < target:
        with db.atomic():
            # Read again under the write lock: another process may have climbed meanwhile.
            version = user_version(db)
            if version >= target:
                break
            STEPS[version](db)
            version += 1
            db.execute_sql(f"PRAGMA user_version = {version}")
    return version
