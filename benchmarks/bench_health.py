"""Relationship health over a generated network.

Times, in this process on the same database (medians of several runs):
- the health summary `netdesk health` prints (`core.health.summary`), against the bare queries
  it needs: every person's rhythm, base date and nurture flag, the circle memberships, and the
  contacts per month;
- the people list's first page sorted by health (`core.listing.fetch`, both directions),
  against the bare query ordering the same people by their rhythm alone, and beside the list
  sorted by next due;
- one person's health as the pane reads it (`core.health.for_person`), against the bare read
  of their interactions of the last twelve months.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import cached_network
from netdesk import db
from netdesk.core import health, keep_in_touch, listing
from netdesk.db.models import database

PAGE = 64  # the people model's page


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm the page cache alike for every path
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bare_summary(today: dt.date) -> None:
    since = health.month_starts(today)[0].isoformat()
    for sql, params in (
        (
            f"SELECT p.id, {keep_in_touch.CADENCE_SQL}, {keep_in_touch.BASE_SQL}, p.nurture "
            "FROM person p WHERE p.archived = 0",
            (),
        ),
        ("SELECT person_id, circle_id FROM person_circle", ()),
        (
            'SELECT substr("when", 1, 7), count(*) FROM interaction '
            'WHERE "when" >= ? AND "when" <= ? GROUP BY 1',
            (since, today.isoformat()),
        ),
    ):
        database.execute_sql(sql, params).fetchall()


def bare_sort() -> None:
    sql = (
        f"SELECT p.id FROM person p WHERE p.archived = 0 "
        f"ORDER BY {keep_in_touch.CADENCE_SQL}, p.sort_name LIMIT {PAGE}"
    )
    database.execute_sql(sql).fetchall()


def bare_person(person_id: int, today: dt.date) -> None:
    since = health.month_starts(today)[0].isoformat()
    database.execute_sql(
        'SELECT i."when" FROM participant pa JOIN interaction i ON i.id = pa.interaction_id '
        'WHERE pa.person_id = ? AND i."when" >= ?',
        (person_id, since),
    ).fetchall()


def page(sort: listing.Sort, today: dt.date, descending: bool = False) -> None:
    listing.fetch(listing.ListQuery(sort=sort, descending=descending, today=today), 0, PAGE)


def run(people: int, runs: int, seed: int) -> list[str]:
    db.open(cached_network(people))
    today = dt.date.today()
    found = health.summary(today)
    counts = ", ".join(f"{found.states.get(s, 0):,} {health.LABELS[s]}" for s in health.STATES)
    lines = [f"health over {people:,} people ({counts}); ms, median of {runs}"]
    summary_bare = median_ms(lambda: bare_summary(today), runs)
    summary = median_ms(lambda: health.summary(today), runs)
    lines.append(
        f"summary        {summary:>8.1f}  bare {summary_bare:>8.1f}  "
        f"ratio {summary / summary_bare:>5.2f}  ({len(found.drifting):,} drifting, with sentences)"
    )
    sort_bare = median_ms(bare_sort, runs)
    by_health = median_ms(lambda: page(listing.Sort.HEALTH, today), runs)
    backwards = median_ms(lambda: page(listing.Sort.HEALTH, today, descending=True), runs)
    by_due = median_ms(lambda: page(listing.Sort.NEXT_DUE, today), runs)
    lines += [
        f"sort by health {by_health:>8.1f}  bare {sort_bare:>8.1f}  "
        f"ratio {by_health / sort_bare:>5.2f}",
        f"  descending   {backwards:>8.1f}  bare {sort_bare:>8.1f}  "
        f"ratio {backwards / sort_bare:>5.2f}",
        f"  (by next due {by_due:>8.1f}: health is {by_health / by_due:.2f}x)",
    ]
    ids = [r[0] for r in database.execute_sql("SELECT id FROM person").fetchall()]
    sample = random.Random(seed).sample(ids, min(len(ids), 200))
    person_bare = median_ms(lambda: [bare_person(i, today) for i in sample], runs) / len(sample)
    person = median_ms(lambda: [health.for_person(i, today) for i in sample], runs) / len(sample)
    lines.append(
        f"one person     {person:>8.3f}  bare {person_bare:>8.3f}  "
        f"ratio {person / person_bare:>5.2f}"
    )
    db.close_database()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    print("\n".join(run(args.people, args.runs, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
