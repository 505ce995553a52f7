"""Backups that keep a good copy: a damaged database is never copied as good, a clock that ran
ahead never pushes out newer copies, and two databases with one stem keep their own copies."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest

from netdesk import cli, db
from netdesk.core import recovery
from netdesk.db import backup
from netdesk.db.backup import Named
from tests.helpers.database_files import digest, sidecars
from tests.helpers.people import person


def make_db(path: Path, people: int) -> None:
    db.open(path)
    try:
        for n in range(people):
            person(f"Person {n}", email=f"person{n}@example.org", org="Acme", notes="x" * 200)
    finally:
        db.close_database()


def damage_middle(path: Path) -> None:
    """Random bytes over two pages in the middle of the file (closed, so no -wal holds pages)."""
    data = bytearray(path.read_bytes())
    page = 4096
    start = (len(data) // page // 2) * page
    data[start : start + 2 * page] = random.Random(7).randbytes(2 * page)
    path.write_bytes(bytes(data))
    for side in sidecars(path):
        (path.parent / side).unlink()


def copies(db_path: Path) -> list[Path]:
    return [info.path for info in backup.list_backups(db_path)]


# ----------------------------------------------------------------------------- damaged database


def test_a_damaged_database_is_never_backed_up_and_the_good_copy_stays(tmp_path, capsys):
    db_path = tmp_path / "netdesk.db"
    make_db(db_path, 300)
    good = backup.backup_now(db_path)
    damage_middle(db_path)
    damaged = digest(db_path)
    for _ in range(11):
        assert cli.main(["backup", "--db", str(db_path)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "netdesk.db is damaged" in err and "not backed up" in err
    with pytest.raises(backup.DamagedSource):
        backup.backup_now(db_path, backup.Reason.DAILY)
    assert backup.backup_if_stale(db_path, now=dt.datetime.now() + dt.timedelta(days=2)) is None
    assert copies(db_path) == [good.path]
    assert digest(db_path) == damaged
    offered = recovery.options(db_path)
    assert offered is not None and offered.problem is recovery.Problem.DAMAGED
    assert offered.backup is not None and offered.backup.path == good.path


def test_nothing_is_imported_into_a_damaged_database(tmp_path, capsys):
    db_path = tmp_path / "netdesk.db"
    make_db(db_path, 300)
    damage_middle(db_path)
    with pytest.raises(backup.DamagedSource):
        backup.before_import(db_path)
    damaged = digest(db_path)
    vcf = tmp_path / "one.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nN:Hopper;Grace;;;\nEND:VCARD\n")
    assert cli.main(["import", str(vcf), "--db", str(db_path)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert digest(db_path) == damaged
    assert copies(db_path) == []


def test_rotation_keeps_the_newest_good_copy_among_damaged_ones(store, db_path):
    """Damaged copies an earlier netdesk made (or a failing disk spoilt) never push it out."""
    person("Ada Lovelace")
    good = backup.backup_now(db_path, backup.Reason.DAILY)
    folder = good.path.parent
    later = dt.datetime.now()
    for n in range(12):
        day = later + dt.timedelta(days=n + 1)
        bad = folder / f"netdesk.db-{day:%Y%m%d-%H%M%S}-n{n + 2}-daily.db"
        shutil.copyfile(good.path, bad)
        damage_middle(bad)
    backup.rotate(db_path, now=later + dt.timedelta(days=13))
    assert good.path.exists()
    assert backup.newest_good_backup(db_path).path == good.path


def named(day: dt.datetime, reason: str, sequence: int) -> Named:
    return Named(
        Path(f"/b/netdesk.db-{day:%Y%m%d-%H%M%S}-n{sequence}-{reason}.db"), day, sequence, reason
    )


def test_rotation_keeps_the_newest_copy_of_each_reason():
    now = dt.datetime(2024, 6, 30, 12, 0)
    migration = named(now - dt.timedelta(days=90), "pre-migration", 1)
    imports = [named(now - dt.timedelta(days=30, hours=h), "pre-import", 10 - h) for h in range(5)]
    daily = [named(now - dt.timedelta(days=d), "daily", 50 - d) for d in range(35)]
    keep = backup.kept([migration, *imports, *daily], now=now)
    assert migration.path in keep


# ----------------------------------------------------------------------------- the clock


def test_copies_made_while_the_clock_ran_ahead_do_not_push_out_new_ones(store, db_path, capsys):
    person("Ada Lovelace")
    ahead = dt.datetime.now() + dt.timedelta(days=400)
    for n in range(12):
        when = ahead + dt.timedelta(days=n)
        backup.backup_now(db_path, backup.Reason.DAILY, now=when)
        backup.backup_now(db_path, backup.Reason.PRE_IMPORT, now=when)
        backup.backup_now(db_path, backup.Reason.MANUAL, now=when)
    # the clock is right again
    assert cli.main(["backup", "--db", str(db_path)]) == 0
    printed = Path(capsys.readouterr().out.strip())
    assert printed.exists()
    pre_import = backup.before_import(db_path)
    assert pre_import is not None and pre_import.path.exists()
    assert printed.exists()
    assert backup.newest_backup(db_path).path == pre_import.path
    assert copies(db_path)[:2] == [pre_import.path, printed]


def test_a_newest_copy_dated_in_the_future_is_not_a_fresh_daily_copy(store, db_path):
    person("Ada Lovelace")
    backup.backup_now(db_path, now=dt.datetime.now() + dt.timedelta(days=400))
    daily = backup.backup_if_stale(db_path)
    assert daily is not None and daily.reason == "daily" and daily.path.exists()
    assert backup.backup_if_stale(db_path) is None


def test_the_copy_just_made_survives_rotation_whatever_its_date(store, db_path):
    person("Ada Lovelace")
    ahead = dt.datetime.now() + dt.timedelta(days=400)
    for n in range(20):
        backup.backup_now(db_path, backup.Reason.PRE_IMPORT, now=ahead + dt.timedelta(hours=n))
    made = backup.backup_now(db_path, backup.Reason.PRE_IMPORT)
    assert made.path.exists()
    assert made.sequence == 21


# ----------------------------------------------------------------------------- two databases


def test_two_databases_with_one_stem_keep_their_own_copies(tmp_path, capsys):
    main, other = tmp_path / "netdesk.db", tmp_path / "netdesk.sqlite"
    make_db(main, 1)
    make_db(other, 2)
    mine = backup.backup_now(main)
    start = dt.datetime.now() - dt.timedelta(days=60)
    for n in range(40):
        backup.backup_now(other, backup.Reason.DAILY, now=start + dt.timedelta(days=n))
    assert mine.path.exists()
    assert copies(main) == [mine.path]
    assert mine.path not in copies(other) and len(copies(other)) > 1
    assert cli.main(["backups", "--json", "--db", str(main)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(x["path"], x["people"]) for x in listed] == [(str(mine.path), 1)]


def test_copies_named_the_old_way_stay_listed_and_restorable(tmp_path, capsys):
    main, other = tmp_path / "netdesk.db", tmp_path / "netdesk.sqlite"
    make_db(main, 1)
    make_db(other, 2)
    made = backup.backup_now(main)
    old = made.path.with_name("netdesk-20240131-093000-daily.db")
    old_second = made.path.with_name("netdesk-20240131-093000-2-manual.db")
    made.path.rename(old)
    shutil.copyfile(old, old_second)
    newer = backup.backup_now(main)
    assert copies(main) == [newer.path, old_second, old]
    assert copies(other) == []
    backup.rotate(main)
    assert old.exists() and old_second.exists()
    db.open(main)
    person("Alan Turing")
    db.close_database()
    assert cli.main(["restore", old.name, "--db", str(main)]) == 0
    assert "Restored netdesk-20240131-093000-daily.db" in capsys.readouterr().out
    assert backup.count_people(main) == 1
