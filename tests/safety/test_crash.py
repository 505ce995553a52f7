"""Crash safety: an import killed with SIGKILL at random moments never damages the database.

A 10,000-card import runs in a subprocess (`python -m netdesk import FILE --db X`) and is killed
at 20 seeded moments within its measured duration: 10 inside its write transaction, 5 around its
commit (when pages reach the -wal), 5 anywhere.
After each kill the database must pass integrity_check and foreign_key_check, hold all of that
import or none of it, and keep every row stored before byte for byte.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from netdesk import db
from netdesk.core import favours, interactions
from netdesk.core.interactions import InteractionDraft
from netdesk.values import FavourDirection
from tests.helpers.database_files import dump, report, subprocess_env, vcards
from tests.helpers.paths import REPO
from tests.helpers.people import person

pytestmark = pytest.mark.slow

TRIALS = 20
CARDS = 10_000
SEED = 20240607
TAG = "crash"


@dataclass
class Calibration:
    """Moments of one uninterrupted run, in seconds from spawning the process."""

    duration: float  # until it exited
    txn_start: float  # its write transaction began (the database became locked)
    commit_start: float  # the -wal began to grow: pages reach the file at commit
    txn_end: float  # the lock was released
    added: dict[str, int]  # rows a complete import adds, per table


def make_base(path: Path) -> None:
    """A database with people, interactions and favours stored before the import."""
    db.open(path)
    try:
        ids = [
            person(f"Existing Person {n}", email=f"existing{n}@example.net", org="Before Ltd")
            for n in range(25)
        ]
        for n, pid in enumerate(ids[:10]):
            interactions.log(
                InteractionDraft(
                    when=dt.date(2024, 1, 1 + n), summary=f"Coffee {n}", people=[pid, ids[-1]]
                )
            )
            favours.add(pid, FavourDirection.GIVEN, f"Introduction {n}", dt.date(2024, 2, 1 + n))
    finally:
        db.close_database()


def start_import(vcf: Path, db_path: Path, home: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "netdesk", "import", str(vcf), "--db", str(db_path)],
        cwd=REPO,
        env=subprocess_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def write_locked(path: Path) -> bool:
    """Whether another connection holds the write lock (probe without waiting)."""
    conn = sqlite3.connect(path, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def calibrate(base: Path, vcf: Path, work: Path, home: Path) -> Calibration:
    """Run the import once, watching when it holds the write lock and when it commits."""
    shutil.copyfile(base, work)
    wal = work.with_name(work.name + "-wal")
    started = time.monotonic()
    proc = start_import(vcf, work, home)
    txn_start = commit_start = txn_end = None
    while proc.poll() is None:
        now = time.monotonic() - started
        if commit_start is None and wal.exists() and wal.stat().st_size > 0:
            commit_start = now
        if txn_end is None and work.exists():
            locked = write_locked(work)
            if locked and txn_start is None:
                txn_start = now
            elif not locked and txn_start is not None:
                txn_end = now
        time.sleep(0.002)
    duration = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr.read().decode()
    assert txn_start is not None and commit_start is not None
    before, after = dump(base), dump(work)
    added = {table: len(after[table]) - len(before[table]) for table in before}
    assert added["person"] == CARDS and added["import_batch"] == 1
    return Calibration(duration, txn_start, commit_start, txn_end or duration, added)


@dataclass(frozen=True)
class Kill:
    """When to kill: `delay` seconds after `after` (spawn, write lock seen, or -wal growing)."""

    after: str
    delay: float


def kill_plan(cal: Calibration) -> list[Kill]:
    """Seeded moments: 10 inside the write transaction, 5 around its commit, 5 anywhere.

    Start-up time varies between runs by more than a commit lasts, so the first two kinds are
    timed from the moment the trial itself is seen locking or writing the -wal.
    """
    rng = random.Random(SEED)
    in_txn = [Kill("lock", rng.uniform(0, cal.txn_end - cal.txn_start)) for _ in range(10)]
    commit_len = cal.txn_end - cal.commit_start
    commit = [Kill("wal", rng.uniform(0, commit_len + 0.02)) for _ in range(5)]
    anywhere = [Kill("spawn", rng.uniform(0.05, cal.duration)) for _ in range(TRIALS - 15)]
    return in_txn + commit + anywhere


def wait_for(proc: subprocess.Popen, work: Path, event: str) -> None:
    wal = work.with_name(work.name + "-wal")
    while proc.poll() is None:
        if event == "spawn":
            return
        if event == "wal" and wal.exists() and wal.stat().st_size > 0:
            return
        if event == "lock" and write_locked(work):
            return
        time.sleep(0.001)


def check_after_kill(work: Path, before: dict[str, list], added: dict[str, int]) -> str:
    """Raise AssertionError unless the database is sound; returns "none" or "all"."""
    # A read-write connection recovers the WAL exactly as the next netdesk start would.
    conn = sqlite3.connect(work)
    try:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    after = dump(work)
    grown = {table: len(after[table]) - len(before[table]) for table in before}
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), f"rows stored before changed in {table}"
    if all(n == 0 for n in grown.values()):
        return "none"
    assert grown == added, f"a partial import: {grown}"
    return "all"


def test_import_killed_at_random_moments_leaves_none_or_all(tmp_path):
    home = tmp_path / "home"
    base, work = tmp_path / "base.db", tmp_path / "work.db"
    vcf = tmp_path / "cards.vcf"
    vcf.write_bytes(vcards(CARDS, seed=SEED, tag=TAG))
    make_base(base)
    before = dump(base)
    cal = calibrate(base, vcf, work, home)

    outcomes: list[str] = []
    failures: list[str] = []
    wrote_before_kill = 0  # kills that left pages in the -wal
    for number, kill in enumerate(kill_plan(cal)):
        for side in work.parent.glob(work.name + "*"):
            side.unlink()
        shutil.copyfile(base, work)
        wal = work.with_name(work.name + "-wal")
        proc = start_import(vcf, work, home)
        wait_for(proc, work, kill.after)
        time.sleep(kill.delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if wal.exists() and wal.stat().st_size > 0:
            wrote_before_kill += 1
        try:
            outcomes.append(check_after_kill(work, before, cal.added))
        except AssertionError as exc:
            failures.append(f"trial {number} ({kill}): {exc}")
            shutil.copyfile(work, tmp_path / f"failed-{number}.db")

    report(
        "crash",
        {
            "trials": TRIALS,
            "clean": TRIALS - len(failures),
            "none": outcomes.count("none"),
            "all": outcomes.count("all"),
            "killed_while_writing": wrote_before_kill,
            "import_seconds": round(cal.duration, 2),
            "transaction_seconds": [round(cal.txn_start, 2), round(cal.txn_end, 2)],
            "commit_started": round(cal.commit_start, 2),
            "cpus": os.cpu_count(),
        },
    )
    assert not failures, failures
    assert len(outcomes) == TRIALS
