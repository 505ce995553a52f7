"""The schema ladder: v1 frozen, upgrades keep every row and copy first, newer files untouched."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import peewee as pw
import pytest

from netdesk import db
from netdesk.core import search
from netdesk.db import backup, connection, migrations
from netdesk.db.errors import DatabaseUnavailable, SchemaTooNew
from netdesk.db.models import MODELS
from tests.helpers.database_files import check_database, digest, dump, sidecars, subprocess_env
from tests.helpers.paths import FIXTURES

V1 = FIXTURES / "netdesk-v1.db"


@pytest.fixture
def v1_copy(tmp_path):
    path = tmp_path / "netdesk.db"
    shutil.copyfile(V1, path)
    path.chmod(0o600)
    return path


def schema(path) -> dict[str, list]:
    """Tables with their columns and indexes with their columns, by name."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out: dict[str, list] = {}
        for kind, name, table in conn.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ):
            if kind == "table":
                out[f"table {name}"] = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
            elif kind == "index":
                cols = [r[2] for r in conn.execute(f'PRAGMA index_info("{name}")')]
                out[f"index {name}"] = [table, *cols]
            else:
                out[f"{kind} {name}"] = [table]
        return out
    finally:
        conn.close()


def test_fixture_is_a_sound_v1_database():
    conn = sqlite3.connect(f"{V1.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    check_database(V1)


def test_frozen_v1_ddl_is_what_the_fixture_holds(tmp_path):
    fresh = tmp_path / "v1.db"
    database = pw.SqliteDatabase(str(fresh))
    migrations.upgrade(database, target=1)
    database.close()
    assert schema(fresh) == schema(V1)


def test_upgrade_keeps_every_row_and_makes_a_copy_first(v1_copy):
    before = dump(v1_copy)
    database = db.open(v1_copy)
    try:
        assert migrations.user_version(database) == migrations.CURRENT_VERSION
        after = dump(v1_copy)
        # every v1 row is there with its values; later steps only add columns at the end
        width = {table: len(rows[0]) for table, rows in before.items() if rows}
        assert {t: [r[: width.get(t, len(r))] for r in rows] for t, rows in after.items()} == before
        assert sum(len(rows) for rows in after.values()) > 30
        # the new step's indexes are there and the search index still finds old people
        names = {k.split()[1] for k in schema(v1_copy) if k.startswith("index ")}
        assert {"contact_point_kind_normalized", "person_birthday"} <= names
        assert len(search.search_ids("lovelace")) == 1
        assert len(search.search_ids("chess")) == 2
    finally:
        db.close_database()
    check_database(v1_copy)
    [copy] = backup.list_backups(v1_copy)
    assert copy.reason == "pre-migration" and copy.people == 4
    # the copy is the v1 file as it was: same rows, same schema version
    assert dump(copy.path) == before
    conn = sqlite3.connect(copy.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_no_copy_no_upgrade(v1_copy, monkeypatch):
    original = digest(v1_copy)

    def failing(path, why):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(connection, "_before_upgrade", failing)
    with pytest.raises(DatabaseUnavailable, match="backup copy could not be made"):
        db.open(v1_copy)
    assert digest(v1_copy) == original
    assert sidecars(v1_copy) == []


def test_a_failing_step_leaves_the_database_on_its_old_rung(v1_copy, monkeypatch):
    before = dump(v1_copy)

    def broken(database):
        database.execute_sql('CREATE INDEX "half_done" ON "person" ("given")')
        raise pw.OperationalError("simulated failure half way")

    monkeypatch.setattr(migrations, "STEPS", [migrations.STEPS[0], broken])
    with pytest.raises(Exception, match="simulated failure"):
        db.open(v1_copy)
    db.close_database()
    assert dump(v1_copy) == before
    conn = sqlite3.connect(v1_copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchall()
    conn.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_newer_schema_refused_byte_identical_without_side_files(tmp_path, journal):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, future_column TEXT)")
    conn.execute("INSERT INTO person VALUES (1, 'from the future')")
    conn.execute(f"PRAGMA user_version = {migrations.CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(SchemaTooNew, match="newer netdesk"):
        db.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.db"]  # no copies, no -wal


def test_every_model_column_and_declared_index_exists_after_the_ladder(store, db_path):
    """A model changed without a migration step fails here, not on a user's machine."""
    got = schema(db_path)
    for model in MODELS:
        table = model._meta.table_name
        columns = {row[1] for row in got[f"table {table}"]}
        wanted = {field.column_name for field in model._meta.sorted_fields}
        assert wanted <= columns, f"{table} lacks {wanted - columns}: add a migration step"
        indexed = {tuple(v[1:]) for k, v in got.items() if k.startswith("index ") and v[0] == table}
        for fields, _unique in model._meta.indexes:
            cols = tuple(model._meta.fields[f].column_name for f in fields)
            assert cols in indexed or _covered_by_pk(got, table, cols), (table, cols)
        for field in model._meta.sorted_fields:
            if field.index or field.unique:
                assert (field.column_name,) in indexed, (table, field.name)


def _covered_by_pk(got, table, cols) -> bool:
    pk = [row[1] for row in sorted(got[f"table {table}"], key=lambda r: r[5]) if row[5]]
    return tuple(pk) == cols


def test_fresh_and_upgraded_databases_have_the_same_schema(store, db_path, v1_copy):
    db.close_database()
    db.open(v1_copy)
    db.close_database()
    assert schema(v1_copy) == schema(db_path)


def test_two_processes_upgrading_at_once_both_succeed(v1_copy):
    code = "import sys; from netdesk import db; db.open(sys.argv[1]); print('ok')"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(v1_copy)],
            env=subprocess_env(v1_copy.parent / "home"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    conn = sqlite3.connect(v1_copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
    conn.close()
    assert len(dump(v1_copy, ["person"])["person"]) == 4


def test_every_foreign_key_and_point_lookup_is_still_served_by_an_index(store, db_path):
    """v10 dropped single-column indexes a wider one covers: each lookup they served, and every
    foreign key's child lookup (what a cascading delete asks), still finds an index."""
    got = schema(db_path)
    assert not {f"index {name}" for name in migrations._V10_REDUNDANT_INDEXES} & set(got)
    conn = sqlite3.connect(db_path)
    lookups = [
        "SELECT person_id FROM contact_point WHERE kind = 'email' AND normalized = 'a@b.c'",
    ]
    for model in MODELS:
        for field in model._meta.sorted_fields:
            if isinstance(field, pw.ForeignKeyField):
                table = model._meta.table_name
                lookups.append(f'SELECT 1 FROM "{table}" WHERE "{field.column_name}" = 1')
    for sql in lookups:
        plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "USING" in plan and not plan.startswith("SCAN"), (sql, plan)
    conn.close()
