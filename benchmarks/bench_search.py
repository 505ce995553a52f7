"""Search while typing, and the due computation, over a generated network.

For each prefix length 1..5, times `core.search.search_ids` and the list page the window shows
(`core.listing.fetch`, first 100 rows) side by side with the bare FTS5 query they wrap
(`MATCH ... ORDER BY rank LIMIT 100`), all in this process on the same database. Reports medians
and the ratio to the bare query. Goal: search median <= 5 ms and <= 2x bare (typing stays
within a frame).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import cached_network
from netdesk import db
from netdesk.core import due, listing, search
from netdesk.db.models import Person, database

PAGE = 100


def prefixes(rng: random.Random, count: int) -> dict[int, list[str]]:
    names = [n for (n,) in Person.select(Person.display_name).tuples()]
    words = [w.lower() for n in rng.sample(names, min(len(names), 2000)) for w in n.split()]
    words = [w for w in words if len(w) >= 5]
    return {n: [w[:n] for w in rng.sample(words, count)] for n in range(1, 6)}


def timed(fn, queries: list[str]) -> list[float]:
    out = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - start) * 1000)
    return out


def bare(q: str) -> list:
    match = search.fts_query(q)
    sql = "SELECT rowid FROM person_fts WHERE person_fts MATCH ? ORDER BY rank LIMIT ?"
    return database.execute_sql(sql, (match, PAGE)).fetchall()


def run(people: int, queries: int, seed: int) -> list[str]:
    path = cached_network(people)
    db.open(path)
    rng = random.Random(seed)
    by_length = prefixes(rng, queries)
    for q in by_length[3][:5]:  # warm the page cache for every path alike
        bare(q), search.search_ids(q, PAGE), listing.fetch(listing.ListQuery(search=q), 0, PAGE)
    lines = [
        f"search over {people:,} people, {queries} queries per length (ms, median)",
        f"{'letters':>7} {'bare FTS5':>10} {'search_ids':>11} {'ratio':>6} "
        f"{'list page':>10} {'ratio':>6}",
    ]
    all_bare, all_search, all_page = [], [], []
    for length, qs in by_length.items():
        b = timed(bare, qs)
        s = timed(lambda q: search.search_ids(q, PAGE), qs)
        p = timed(lambda q: listing.fetch(listing.ListQuery(search=q), 0, PAGE), qs)
        all_bare += b
        all_search += s
        all_page += p
        mb, ms, mp = statistics.median(b), statistics.median(s), statistics.median(p)
        lines.append(
            f"{length:>7} {mb:>10.2f} {ms:>11.2f} {ms / mb:>6.2f} {mp:>10.2f} {mp / mb:>6.2f}"
        )
    mb, ms, mp = (statistics.median(x) for x in (all_bare, all_search, all_page))
    lines.append(f"{'all':>7} {mb:>10.2f} {ms:>11.2f} {ms / mb:>6.2f} {mp:>10.2f} {mp / mb:>6.2f}")
    today = dt.date.today()
    start = time.perf_counter()
    items = due.compute(today)
    elapsed = (time.perf_counter() - start) * 1000
    lines.append(f"due computation: {elapsed:.1f} ms for {len(items):,} items")
    db.close_database()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    print("\n".join(run(args.people, args.queries, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
