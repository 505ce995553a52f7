"""One reconcile pass (`core.sync.reconcile`) between a generated network and a folder, no server.

At each size (default 2,000 and 20,000 people), on a copy of the cached network and an empty
folder: the first pass (every card written), a pass with nothing changed (median of several),
and a pass after one person's email changed (median of several, a different person each time).
Each against the baseline: reading the account's sync state rows bare (one SQL query), which any
pass has to do to know what the folder held.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import cached_network
from netdesk import db
from netdesk.core.sync import reconcile
from netdesk.db.models import ContactPoint, Person, database

ACCOUNT = "bench"


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bare_state_rows() -> None:
    cursor = database.execute_sql("SELECT * FROM sync_state WHERE account = ?", (ACCOUNT,))
    cursor.fetchall()


def change_one(person_id: int, round_: int) -> None:
    with database.atomic():
        ContactPoint.create(
            person=person_id, kind="email", value=f"bench{round_}@example.com",
            normalized=f"bench{round_}@example.com", search_text="", preferred=False,
        )


def measure(people: int, runs: int, work: Path) -> list[str]:
    path = work / f"reconcile-{people}.db"
    shutil.copy(cached_network(people), path)
    db.open(path)
    folder = work / f"cards-{people}"
    try:
        first = seconds(lambda: reconcile(folder, account=ACCOUNT))
        bare = statistics.median(seconds(bare_state_rows) for _ in range(runs))
        same = statistics.median(
            seconds(lambda: reconcile(folder, account=ACCOUNT)) for _ in range(runs)
        )
        ids = [pid for (pid,) in Person.select(Person.id).where(~Person.archived).tuples()]
        one = []
        for round_ in range(runs):
            change_one(ids[round_ * 7 % len(ids)], round_)
            one.append(seconds(lambda: reconcile(folder, account=ACCOUNT)))
    finally:
        db.close_database()
    return [
        f"reconcile, {people:,} people (baseline: the sync state rows read bare, "
        f"{bare * 1000:.1f} ms)",
        _row("first pass", first, bare),
        _row(f"no change (median of {runs})", same, bare),
        _row(f"one person changed (median of {runs})", statistics.median(one), bare),
    ]


def _row(what: str, took: float, bare: float) -> str:
    return f"  {what:<40}{took * 1000:>10.1f} ms{took / bare:>10.1f}x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="*", default=[2_000, 20_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netdesk-bench-reconcile-") as folder:
        os.environ["NETDESK_HOME"] = str(Path(folder) / "home")  # nothing of the user's touched
        for people in args.people:
            print("\n".join(measure(people, args.runs, Path(folder))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
