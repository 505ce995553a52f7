"""Backups: consistent copies with the online backup API, rotation, listing and restoring."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from netdesk import cli, db
from netdesk.db import backup, migrations
from netdesk.db.backup import Named, Reason
from tests.helpers.database_files import check_database, digest, dump, run_netdesk
from tests.helpers.paths import FIXTURES
from tests.helpers.people import person


def names(db_path: Path) -> list[str]:
    return sorted(p.name for p in (db_path.parent / "backups").iterdir())


def count(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        conn.close()


def test_backup_now_is_a_private_consistent_copy(store, db_path):
    person("Ada Lovelace", email="ada@example.org")
    person("Alan Turing")
    info = backup.backup_now(db_path)
    assert info.path.parent == db_path.parent / "backups"
    assert info.path.name == f"netdesk.db-{info.created:%Y%m%d-%H%M%S}-n1-manual.db"
    assert (info.reason, info.people) == ("manual", 2)
    assert stat.S_IMODE(os.stat(info.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(info.path.parent).st_mode) == 0o700
    check_database(info.path)
    assert dump(info.path) == dump(db_path)
    # a self-contained file: rollback journal, no side files
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert names(db_path) == [info.path.name]


def test_two_backups_in_one_second_get_distinct_names(store, db_path):
    first = backup.backup_now(db_path)
    second = backup.backup_now(db_path, "pre-import")
    third = backup.backup_now(db_path)
    assert len({first.path, second.path, third.path}) == 3
    listed = backup.list_backups(db_path)
    assert [i.path for i in listed] == [third.path, second.path, first.path]


def test_list_counts_people_read_only_and_skips_foreign_files(store, db_path):
    person("Grace Hopper")
    made = backup.backup_now(db_path)
    folder = made.path.parent
    (folder / "notes.txt").write_text("mine")
    (folder / "other-20240101-000000-manual.db").write_bytes(b"another database's copy")
    broken = folder / "netdesk-20240101-000000-daily.db"
    broken.write_bytes(b"garbage")
    before = digest(made.path)
    listed = backup.list_backups(db_path)
    assert [(i.path, i.people) for i in listed] == [(made.path, 1), (broken, None)]
    assert digest(made.path) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [made.path.name, broken.name, "notes.txt", "other-20240101-000000-manual.db"]
    )
    assert backup.newest_good_backup(db_path).path == made.path


def test_backup_if_stale_makes_a_daily_copy_once_a_day(store, db_path):
    person("Linus Torvalds")
    first = backup.backup_if_stale(db_path)
    assert first is not None and first.reason == "daily"
    assert backup.backup_if_stale(db_path) is None
    later = dt.datetime.now() + dt.timedelta(hours=25)
    second = backup.backup_if_stale(db_path, now=later)
    assert second is not None and second.path != first.path


def test_backup_if_stale_never_raises(tmp_path, caplog):
    missing = tmp_path / "nothing.db"
    assert backup.backup_if_stale(missing) is None
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert backup.backup_if_stale(junk) is None  # logged, not raised
    assert "daily backup failed" in caplog.text


def test_before_import_copies_only_when_there_is_something_to_lose(store, db_path):
    assert backup.before_import(db_path) is None
    person("Margaret Hamilton")
    info = backup.before_import(db_path)
    assert info is not None and info.reason == "pre-import" and info.people == 1


def named(day: dt.datetime, reason: str = "daily", seq: int = 1) -> Named:
    return Named(Path(f"/b/netdesk-{day:%Y%m%d-%H%M%S}-{reason}.db"), day, seq, reason)


def test_rotation_keeps_7_daily_4_weekly_and_recent_safety_copies():
    now = dt.datetime(2024, 6, 30, 12, 0)
    daily = [named(now - dt.timedelta(days=d, hours=1)) for d in range(0, 60)]
    earlier_today = named(now - dt.timedelta(hours=3))  # a daily copy, superseded today
    old_import = named(now - dt.timedelta(days=40), "pre-import")
    recent_import = named(now - dt.timedelta(days=10), "pre-import")
    migration = named(now - dt.timedelta(days=90), "pre-migration")
    copies = [*daily, earlier_today, old_import, recent_import, migration]
    keep = backup.kept(copies, now=now)
    daily_kept = sorted((n for n in daily if n.path in keep), key=lambda n: n.created)
    # the 7 newest days...
    assert [n.created.date() for n in daily_kept[-7:]] == [
        (now - dt.timedelta(days=d)).date() for d in range(6, -1, -1)
    ]
    # ...plus the newest of each of the 4 newest weeks (those overlap the days)
    weeks = {n.created.isocalendar()[:2] for n in daily_kept}
    assert len(weeks) == 4
    assert len(daily_kept) <= 7 + 4
    assert earlier_today.path not in keep
    assert recent_import.path in keep  # younger than 14 days
    # the 3 newest safety copies are kept whatever their age
    assert old_import.path in keep and migration.path in keep


def test_a_day_of_many_imports_keeps_ten_of_them():
    now = dt.datetime(2024, 6, 30, 23, 0)
    imports = [named(now - dt.timedelta(minutes=5 * m), "pre-import") for m in range(40)]
    keep = backup.kept(imports, now=now)
    assert keep == {n.path for n in imports[: backup.SAFETY_KEEP_RECENT]}


def test_rotation_drops_old_safety_copies_beyond_the_newest_three():
    now = dt.datetime(2024, 6, 30, 12, 0)
    today = named(now - dt.timedelta(hours=30))
    imports = [named(now - dt.timedelta(days=30, minutes=m), "pre-import") for m in range(6)]
    keep = backup.kept([today, *imports], now=now)
    # imports[0] is also its day's and week's newest copy; the three oldest imports go
    assert keep == {today.path, *(n.path for n in imports[:3])}


def test_rotation_deletes_files_on_disk(store, db_path):
    folder = db_path.parent / "backups"
    backup.backup_now(db_path)
    old = [
        folder / f"netdesk-{day:%Y%m%d}-090000-daily.db"
        for day in (dt.date.today() - dt.timedelta(days=d) for d in range(1, 120, 3))
    ]
    for path in old:
        path.write_bytes(b"")
    removed = backup.rotate(db_path)
    assert removed and all(not p.exists() for p in removed)
    assert len(backup.list_backups(db_path)) <= 1 + 7 + 4


def test_restore_brings_back_the_copy_and_keeps_the_current_one(store, db_path):
    person("Ada Lovelace")
    saved = backup.backup_now(db_path)
    person("Alan Turing")
    done = backup.restore(saved.path, db_path)
    assert done.previous is not None and done.previous.reason == "pre-restore"
    assert done.previous.people == 2 and done.set_aside is None
    # the open connection sees the restored data: the backup API wrote through SQLite
    from netdesk.db.models import Person

    assert [p.display_name for p in Person.select()] == ["Ada Lovelace"]
    assert store.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    check_database(db_path)
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    assert saved.path.exists() and done.previous.path.exists()


@pytest.mark.parametrize("problem", ["corrupt", "newer", "foreign"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(store, db_path, tmp_path, problem):
    person("Ada Lovelace")
    bad = tmp_path / "bad.db"
    if problem == "corrupt":
        good = backup.backup_now(db_path)
        data = bytearray(good.path.read_bytes())
        data[4096 * 3 : 4096 * 5] = os.urandom(8192)
        bad.write_bytes(bytes(data))
    else:
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY)")
        version = migrations.CURRENT_VERSION + 1 if problem == "newer" else 0
        conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
        conn.close()
    before = dump(db_path)
    copies = backup.list_backups(db_path)
    with pytest.raises(backup.BadBackup):
        backup.restore(bad, db_path)
    assert dump(db_path) == before
    assert backup.list_backups(db_path) == copies


def test_restore_over_a_damaged_database_sets_it_aside_only_when_asked(tmp_path):
    db_path = tmp_path / "netdesk.db"
    db.open(db_path)
    person("Ada Lovelace")
    saved = backup.backup_now(db_path)
    db.close_database()
    damaged = os.urandom(4096)
    db_path.write_bytes(b"SQLite format 3\x00" + damaged)
    with pytest.raises(backup.CurrentDatabaseDamaged):
        backup.restore(saved.path, db_path)
    assert db_path.read_bytes()[16:] == damaged
    done = backup.restore(saved.path, db_path, set_aside_damaged=True)
    assert done.previous is None
    assert done.set_aside.name.startswith("netdesk.db.damaged-")
    assert done.set_aside.read_bytes()[16:] == damaged  # moved, byte for byte
    assert count(db_path) == 1


def test_restore_of_an_old_schema_copy_upgrades_it_on_the_way_in(store, db_path, tmp_path):
    old = tmp_path / "old-copy.db"
    old.write_bytes((FIXTURES / "netdesk-v1.db").read_bytes())
    before = digest(old)
    backup.restore(old, db_path)
    assert digest(old) == before  # the copy itself is left alone
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
    conn.close()
    assert count(db_path) == 4
    assert not list(tmp_path.glob(".*restoring*"))


def test_cli_backup_backups_and_restore(capsys, tmp_path):
    db_path = tmp_path / "netdesk.db"
    db.open(db_path)
    person("Ada Lovelace")
    db.close_database()
    assert cli.main(["backup", "--db", str(db_path)]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.exists() and made.parent == tmp_path / "backups"
    assert cli.main(["backups", "--json", "--db", str(db_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(x["path"], x["people"], x["reason"]) for x in listed] == [(str(made), 1, "manual")]
    db.open(db_path)
    person("Alan Turing")
    db.close_database()
    assert cli.main(["restore", made.name, "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "backed up to" in out and "Restored" in out
    assert count(db_path) == 1


def test_cli_refuses_bad_files_with_one_line(capsys, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(5000))
    assert cli.main(["backup", "--db", str(junk)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a netdesk database" in err
    assert cli.main(["restore", str(junk), "--db", str(tmp_path / "new.db")]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert not (tmp_path / "new.db").exists()


def test_upgrade_backup_hook_is_registered_in_a_fresh_process(tmp_path):
    """`db.open` of an old database makes a copy even when nothing imported the backup module."""
    db_path = tmp_path / "netdesk.db"
    db_path.write_bytes((FIXTURES / "netdesk-v1.db").read_bytes())
    result = run_netdesk("list", "--db", str(db_path), home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    [copy] = backup.list_backups(db_path)
    assert copy.reason == Reason.PRE_MIGRATION and copy.people == 4
    assert digest(copy.path) != digest(db_path)
    conn = sqlite3.connect(copy.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_a_copy_cut_short_never_looks_like_a_backup(store, db_path):
    """A process killed mid-copy leaves a hidden .partial file; rotation removes it later."""
    person("Ada Lovelace")
    made = backup.backup_now(db_path)
    folder = made.path.parent
    stale = folder / ".netdesk-20240101-000000-999-pre-import-0.partial"
    fresh = folder / ".netdesk-20240101-000001-998-pre-import-0.partial"
    for path in (stale, fresh):
        path.write_bytes(b"SQLite format 3\x00half a copy")
    old = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(stale, (old, old))
    assert [i.path for i in backup.list_backups(db_path)] == [made.path]
    assert backup.newest_good_backup(db_path).path == made.path
    backup.rotate(db_path)
    assert not stale.exists() and fresh.exists()
