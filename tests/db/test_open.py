"""Opening databases: pragmas, permissions, refusing what is not ours without touching it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from netdesk import db
from netdesk.db import migrations
from netdesk.db.errors import DatabaseCorrupt, FolderMissing, NotADatabase, SchemaTooNew


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_wal_and_versioned(store, db_path):
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    assert store.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert store.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert migrations.user_version(store) == migrations.CURRENT_VERSION
    for sidecar in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + sidecar)
        if side.exists():
            assert stat.S_IMODE(os.stat(side).st_mode) & 0o077 == 0


def test_seeded_circles(store):
    from netdesk.core import circles

    names = [c.name for c in circles.circles()]
    assert names[:6] == [
        "Family",
        "Friends of family",
        "Friends",
        "Colleagues",
        "Internship",
        "National service",
    ]
    assert all(c.default_cadence_days for c in circles.circles())


def test_random_bytes_refused_untouched(tmp_path):
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(8192))
    before = digest(path)
    with pytest.raises(NotADatabase):
        db.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["random.db"]


def test_missing_folder(tmp_path):
    with pytest.raises(FolderMissing):
        db.open(tmp_path / "nope" / "x.db")


def test_newer_schema_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {migrations.CURRENT_VERSION + 5}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(SchemaTooNew):
        db.open(path)
    assert digest(path) == before


def test_foreign_sqlite_file_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotADatabase):
        db.open(path)
    assert digest(path) == before


def test_corrupt_database_refused(tmp_path):
    path = tmp_path / "corrupt.db"
    database = db.open(path)
    db.close_database()
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(4096 - 100)  # smash the schema page after the header
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises((DatabaseCorrupt, NotADatabase)):
        db.open(path)
    assert digest(path) == before
    del database


WRITER = """
import sys
from netdesk import db
from netdesk.core import people
from netdesk.core.people import PersonDraft
db.open(sys.argv[1])
for i in range(int(sys.argv[3])):
    people.create(PersonDraft(display_name=f"{sys.argv[2]} {i}"))
"""


def test_two_processes_write_at_once(db_path):
    db.open(db_path)
    db.close_database()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), name, "60"])
        for name in ("Alpha", "Beta")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    db.open(db_path)
    from netdesk.core import search
    from netdesk.db.models import Person

    assert Person.select().count() == 120
    assert len(search.search_ids("alpha")) == 60
    db.close_database()
