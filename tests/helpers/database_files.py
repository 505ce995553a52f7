"""Database files seen from outside: netdesk run in a subprocess, dumps and digests to compare,
sidecar files, a read-only folder, generated vCards, and figures for the report."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.helpers.paths import REPO

# What a user stored, in a stable order: every table that holds their data (not the search
# index, whose internal layout may legitimately change), each row as a tuple.
DUMP_TABLES = [
    "person",
    "contact_point",
    "position",
    "circle",
    "person_circle",
    "tag",
    "person_tag",
    "interaction",
    "participant",
    "event",
    "favour",
    "relationship",
    "reminder",
    "reminder_log",
    "dismissed_duplicate",
    "saved_search",
    "setting",
    "import_batch",
]


def subprocess_env(home: Path | None = None) -> dict[str, str]:
    """The environment for a `python -m netdesk` child: this checkout, offscreen, a private home."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    if home is not None:
        env["NETDESK_HOME"] = str(home)
    return env


def run_netdesk(
    *args: str, home: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args],
        capture_output=True,
        text=True,
        env=subprocess_env(home),
        cwd=REPO,
        timeout=timeout,
        check=False,
    )


def readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def dump(path: Path, tables: list[str] = DUMP_TABLES, where: str = "") -> dict[str, list]:
    """Every row of the user's tables, ordered by rowid / primary key."""
    conn = readonly(path)
    try:
        out = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            order = "rowid" if table not in ("person_circle", "person_tag") else "1, 2"
            sql = f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{table}"'
            out[table] = conn.execute(f"{sql} {where} ORDER BY {order}").fetchall()
        return out
    finally:
        conn.close()


def dump_people(path: Path, person_ids: list[int]) -> list[tuple]:
    """The given people with their contact points, positions, circles and tags, in a stable form."""
    conn = readonly(path)
    try:
        marks = ",".join("?" * len(person_ids))
        rows: list[tuple] = []
        for table, key in [
            ("person", "id"),
            ("contact_point", "person_id"),
            ("position", "person_id"),
            ("person_circle", "person_id"),
            ("person_tag", "person_id"),
            ("favour", "person_id"),
            ("participant", "person_id"),
        ]:
            for row in conn.execute(
                f'SELECT * FROM "{table}" WHERE "{key}" IN ({marks}) ORDER BY 1, 2',
                person_ids,
            ):
                rows.append((table, *row))
        return rows
    finally:
        conn.close()


def check_database(path: Path) -> None:
    """The file passes integrity_check and foreign_key_check."""
    conn = readonly(path)
    try:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a folder or file read-only for the block.

    The suite runs as root, which ignores permission bits, so root uses `chattr +i` (immutable:
    the kernel refuses every write, root's too, and `os.access` says so, as for a read-only
    mount); another user loses the write bits, which does the same.
    """
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        undo = ["chattr", "-i", str(path)]
    else:
        mode = path.stat().st_mode
        path.chmod(mode & 0o555)
        undo = ["chmod", oct(mode & 0o7777)[2:], str(path)]
    try:
        assert not os.access(path, os.W_OK)
        yield
    finally:
        subprocess.run(undo, check=True)


# ---------------------------------------------------------------------------- vCards

GIVEN = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances"]
FAMILY = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Allen"]
ORGS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"]


def vcards(count: int, *, seed: int, tag: str) -> bytes:
    """`count` distinct vCard 3.0 cards; every name and email carries `tag` so runs differ."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        family = f"{family}{tag}{n}"
        out.append(
            "BEGIN:VCARD\nVERSION:3.0\n"
            f"N:{family};{given};;;\nFN:{given} {family}\n"
            f"ORG:{rng.choice(ORGS)}\nTITLE:Engineer {rng.randint(1, 9)}\n"
            f"EMAIL;TYPE=work:{given.lower()}.{family.lower()}@example.org\n"
            f"TEL;TYPE=cell:+44 7{seed % 1000:03d} {n:06d}\n"
            f"UID:urn:uuid:{tag}-{seed}-{n}\n"
            f"NOTE:Generated card {n} of {count}\n"
            "END:VCARD\n"
        )
    return "".join(out).encode()


def report(name: str, figures: dict[str, object]) -> None:
    """Print figures for the closing note; also append them to $NETDESK_SAFETY_SUMMARY if set."""
    line = json.dumps({"test": name, **figures}, sort_keys=True)
    print(f"\n[safety figures] {line}")
    target = os.environ.get("NETDESK_SAFETY_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
