"""Concurrency: the window, the reminders service and command-line imports write at once.

For NETDESK_CONCURRENCY_SECONDS (default 30) three kinds of process write to one database: a
"window" doing core writes in a loop, a "reminders" process claiming ReminderLog rows, and
`python -m netdesk import` of 200-card files, one after another. No process may see "database
is locked" or "busy", and every write a process saw commit must be in the database at the end.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netdesk import db
from tests.helpers.database_files import check_database, report, run_netdesk, subprocess_env, vcards
from tests.helpers.paths import REPO

pytestmark = pytest.mark.slow

SECONDS = float(os.environ.get("NETDESK_CONCURRENCY_SECONDS", "30"))
CARDS_PER_IMPORT = 200
LOCKED_WORDS = ("locked", "busy")


def start_writer(role: str, db_path: Path, log: Path, home: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.safety.writers", role, str(db_path), str(SECONDS), str(log)],
        cwd=REPO,
        env=subprocess_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def stored(entry: dict, summaries: set[str], claims: set[int]) -> bool:
    """Whether a logged write is in the database (an error counts as lost)."""
    if entry["kind"] == "interaction":
        return entry["key"] in summaries
    if entry["kind"] == "claim":
        return entry["key"] in claims
    return entry["kind"] == "update"  # checked below: the last update must be the stored one


def test_window_reminders_and_imports_write_at_once_without_loss(tmp_path):
    home = tmp_path / "home"
    db_path = tmp_path / "netdesk.db"
    db.open(db_path)
    db.close_database()

    logs = {role: tmp_path / f"{role}.jsonl" for role in ("store", "reminders")}
    writers = {role: start_writer(role, db_path, log, home) for role, log in logs.items()}
    imports: list[tuple[str, subprocess.CompletedProcess[str]]] = []
    deadline = time.monotonic() + SECONDS
    number = 0
    while time.monotonic() < deadline:
        number += 1
        tag = f"imp{number}x"
        vcf = tmp_path / f"batch-{number}.vcf"
        vcf.write_bytes(vcards(CARDS_PER_IMPORT, seed=number, tag=tag))
        imports.append((tag, run_netdesk("import", str(vcf), "--db", str(db_path), home=home)))
    outputs = {role: proc.communicate(timeout=SECONDS + 120) for role, proc in writers.items()}

    problems: list[str] = []
    for role, proc in writers.items():
        _out, err = outputs[role]
        if proc.returncode != 0 or any(w in err.lower() for w in LOCKED_WORDS):
            problems.append(f"{role} exited {proc.returncode}: {err.strip()[-500:]}")
    for tag, result in imports:
        if result.returncode != 0 or any(w in result.stderr.lower() for w in LOCKED_WORDS):
            problems.append(f"import {tag} exited {result.returncode}: {result.stderr.strip()}")

    check_database(db_path)
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    attempted = lost = 0
    try:
        store_log, reminder_log = read_log(logs["store"]), read_log(logs["reminders"])
        summaries = {r[0] for r in conn.execute("SELECT summary FROM interaction")}
        claims = {r[0] for r in conn.execute("SELECT ref FROM reminder_log")}
        for entry in store_log + reminder_log:
            if entry["kind"] == "person":
                continue
            attempted += 1
            lost += not stored(entry, summaries, claims)
        updates = [e for e in store_log if e["kind"] == "update"]
        if updates:
            pid = updates[-1]["person"]
            (notes,) = conn.execute("SELECT notes FROM person WHERE id = ?", (pid,)).fetchone()
            if notes != f"update {updates[-1]['key']}":
                lost += 1
                problems.append(f"the last committed update is missing: {notes!r}")
        for tag, result in imports:
            attempted += 1
            (count,) = conn.execute(
                "SELECT count(*) FROM person WHERE uid LIKE ?", (f"urn:uuid:{tag}-%",)
            ).fetchone()
            if result.returncode != 0 or count != CARDS_PER_IMPORT:
                lost += 1
                problems.append(f"import {tag}: {count} of {CARDS_PER_IMPORT} people stored")
    finally:
        conn.close()

    figures = {
        "seconds": SECONDS,
        "attempted": attempted,
        "lost": lost,
        "store_writes": sum(1 for e in store_log if e["kind"] in ("update", "interaction")),
        "reminder_claims": sum(1 for e in reminder_log if e["kind"] == "claim"),
        "imports": len(imports),
        "imported_people": len(imports) * CARDS_PER_IMPORT,
    }
    report("concurrency", figures)
    assert not problems, problems
    assert lost == 0
    assert figures["store_writes"] > 0 and figures["reminder_claims"] > 0 and imports
