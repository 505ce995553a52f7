"""Warm paths over a generated network: `core.warm_paths.find` for an organisation, a role and
a single letter (nearly everyone a target), against the bare reads it cannot do without: the
matching positions with their people, and every position of the organisations they were at.

Medians of several runs, in this process on the same database.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import cached_network
from netdesk import db
from netdesk.core import warm_paths
from netdesk.db.models import database

TEXTS = ("Lumen Freight", "Head of Data", "a")

BARE = """
SELECT p.id, p.display_name, p.given, p.last_contact, p.nurture, o.organization, o.start, o.end
FROM position o JOIN person p ON p.id = o.person_id
WHERE p.archived = 0 AND lower(trim(o.organization)) IN (
    SELECT lower(trim(t.organization)) FROM position t
    WHERE t.organization LIKE ? OR t.title LIKE ?)
"""


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # the page cache warmed alike for both
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bare(text: str) -> None:
    pattern = f"%{text}%"
    database.execute_sql(BARE, (pattern, pattern)).fetchall()


def run(people: int, runs: int) -> list[str]:
    db.open(cached_network(people))
    lines = [f"warm paths over {people:,} people; ms, median of {runs}"]
    for text in TEXTS:
        found = len({p.target.person.id for p in warm_paths.find(text, limit=100_000)})
        paths = median_ms(lambda text=text: warm_paths.find(text), runs)
        baseline = median_ms(lambda text=text: bare(text), runs)
        lines.append(
            f"{text!r:<16} {paths:>8.1f}  bare {baseline:>7.1f}  ratio {paths / baseline:>5.1f}"
            f"  ({found:,} targets)"
        )
    db.close_database()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("\n".join(run(args.people, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
