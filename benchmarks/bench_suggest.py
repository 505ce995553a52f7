"""Ways to help over a generated network: `core.suggestions.suggest()` (Tools > Ways to help…,
`netdesk suggest`, the weekly plan) with hundreds of needs and offers written in the words the
network uses (its titles, organisations and interests, and everyday words such as "data",
"engineer", "role", "advice"), against the bare reads it cannot do without: the fresh needs,
every current position of someone not archived, and the interest and skill tags with their
holders, read as plain tuples.

Measured twice: on the generated network, where many people share a title and organisation,
and on a copy where each current job is worded apart (every organisation numbered). The needs
go into copies of the cached network, so the other benchmarks' data stays as built.
Medians of several runs, in this process on the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import cached_network
from benchmarks.generate import INTERESTS, ORGS, TITLES
from netdesk import db
from netdesk.core import needs, suggestions
from netdesk.db.models import Need, Person, database

COMMON = ("data", "engineer", "role", "advice", "product", "design", "health", "software")
NEED_TEMPLATES = (
    "an intro to a {title} at {org}",
    "a {title} role",
    "advice on {interest}",
    "a {common} {title} job",
    "someone at {org} who knows {interest}",
    "a {common} engineer role",
    "a mentor for {interest} and {common}",
    "a flat in Lisbon",  # matches nothing the network says
)
OFFER_TEMPLATES = (
    "hiring {title}s at {org}",
    "can help with {interest}",
    "advice on {common} careers",
    "intros to people at {org}",
    "reviewing {common} CVs for {title} roles",
)

BARE = (
    (
        "SELECT n.id, n.person_id, n.kind, n.text, n.noted_on FROM need n "
        "JOIN person p ON p.id = n.person_id WHERE n.noted_on >= ? AND NOT p.archived",
        True,
    ),
    (
        "SELECT o.person_id, o.title, o.organization FROM position o JOIN person p "
        'ON p.id = o.person_id WHERE o."end" IS NULL AND NOT p.archived',
        False,
    ),
    ("SELECT t.id, t.name FROM tag t WHERE t.kind IN ('interest', 'skill')", False),
    (
        "SELECT pt.person_id, pt.tag_id FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
        "JOIN person p ON p.id = pt.person_id "
        "WHERE t.kind IN ('interest', 'skill') AND NOT p.archived",
        False,
    ),
)


def fill(text: str, rng: random.Random) -> str:
    return text.format(
        title=rng.choice(TITLES).lower(),
        org=rng.choice(ORGS),
        interest=rng.choice(INTERESTS),
        common=rng.choice(COMMON),
    )


def noted(today: dt.date, rng: random.Random) -> dt.date:
    """Within the last 170 days, or (one in ten) stale: 200 to 400 days ago."""
    fresh = rng.random() < 0.9
    return today - dt.timedelta(days=rng.randint(0, 170) if fresh else rng.randint(200, 400))


def network_with_needs(people: int, wanted: int, offered: int, today: dt.date) -> Path:
    """A copy of the cached network with `wanted` needs and `offered` offers (a tenth of each
    stale), built once per size and day."""
    source = cached_network(people)
    path = source.with_name(f"{people}-needs-{wanted}-{offered}-{today.isoformat()}.db")
    done = path.with_suffix(".done")
    if done.exists():
        return path
    path.unlink(missing_ok=True)
    with sqlite3.connect(source) as original, sqlite3.connect(path) as copy:
        original.backup(copy)
    db.open(path)
    rng = random.Random(7)
    ids = [i for (i,) in Person.select(Person.id).tuples()]
    rows = [
        {
            "person": rng.choice(ids),
            "kind": kind,
            "text": fill(rng.choice(templates), rng),
            "noted_on": noted(today, rng),
        }
        for kind, templates, count in (
            ("need", NEED_TEMPLATES, wanted),
            ("offer", OFFER_TEMPLATES, offered),
        )
        for _ in range(count)
    ]
    with database.atomic():
        Need.delete().execute()
        Need.insert_many(rows).execute()
    db.close_database()
    done.touch()
    return path


def with_jobs_apart(shared: Path) -> Path:
    """A copy where no two people share a current job's wording (each organisation gets its
    holder's number), as in a network whose people work at many different places."""
    path = shared.with_name(shared.stem + "-apart.db")
    done = path.with_suffix(".done")
    if done.exists():
        return path
    path.unlink(missing_ok=True)
    with sqlite3.connect(shared) as original, sqlite3.connect(path) as copy:
        original.backup(copy)
        copy.execute(
            "UPDATE position SET organization = organization || ' ' || person_id "
            'WHERE "end" IS NULL'
        )
    done.touch()
    return path


def median_s(fn: Callable[[], object], runs: int) -> float:
    fn()  # the page cache warmed alike for both
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare(today: dt.date) -> None:
    since = (today - dt.timedelta(days=needs.stale_days())).isoformat()
    for sql, dated in BARE:
        database.execute_sql(sql, (since,) if dated else ()).fetchall()


def run(people: int, wanted: int, offered: int, runs: int) -> list[str]:
    today = dt.date.today()
    shared = network_with_needs(people, wanted, offered, today)
    lines = [
        f"ways to help over {people:,} people, {wanted} needs, {offered} offers; "
        f"s, median of {runs}"
    ]
    for label, path in (("shared jobs", shared), ("one job each", with_jobs_apart(shared))):
        db.open(path)
        found = suggestions.suggest(today)
        took = median_s(lambda: suggestions.suggest(today), runs)
        baseline = median_s(lambda: bare(today), runs)
        db.close_database()
        lines.append(
            f"{label:<13} {took:>6.2f}  bare {baseline:>5.2f}  ratio {took / baseline:>5.1f}"
            f"  ({len(found):,} suggestions for {len({s.need_id for s in found})} needs)"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=400)
    parser.add_argument("--offers", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("\n".join(run(args.people, args.needs, args.offers, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
