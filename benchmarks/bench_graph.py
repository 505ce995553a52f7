"""The network picture over a generated network (View > Network picture…): reading the nodes
and edges (`core.network_graph.read`), laying them out (`core.graph_layout`, on a worker in the
window), and building the scene and painting it once fitted (on the GUI thread), against the
bare reads the picture cannot do without: the people, the circle memberships, the positions,
the relationships and the introductions, as SQLite returns them.

Medians of several runs, in this process on the same database, offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import cached_network
from netdesk import db
from netdesk.core import network_graph
from netdesk.db.models import database

BARE = (
    "SELECT id, display_name FROM person WHERE archived = 0",
    "SELECT c.person_id, c.circle_id FROM person_circle c"
    " JOIN person p ON p.id = c.person_id WHERE p.archived = 0",
    'SELECT o.person_id, o.organization, o.title, o.start, o."end" FROM position o'
    " JOIN person p ON p.id = o.person_id WHERE p.archived = 0",
    "SELECT person_a_id, person_b_id, kind FROM relationship",
    "SELECT met_through_id, id FROM person WHERE met_through_id IS NOT NULL",
)


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # the page cache and Qt's fonts warmed alike for every step
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bare() -> None:
    for sql in BARE:
        database.execute_sql(sql).fetchall()


def run(people: int, runs: int) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from netdesk.ui.dialogs.network_graph_canvas import GraphView

    app = QApplication.instance() or QApplication([])
    db.open(cached_network(people))
    net = network_graph.read()
    layout = net.layout()
    views: list[GraphView] = []

    def draw() -> None:
        """A new picture, as opening it makes one: built, then painted once."""
        view = GraphView()
        view.resize(1200, 800)
        view.show()
        view.show_network(net, layout)
        view.viewport().grab()  # one full paint: every node drawn into its cache
        views.append(view)  # deleted after the timing, not in it

    baseline = median_ms(bare, runs)
    steps = (
        ("read nodes and edges", lambda: network_graph.read()),
        ("layout", lambda: net.layout()),
        ("scene built and painted", draw),
    )
    lines = [
        f"network picture of {len(net.people()):,} people, {len(net.hubs())} hubs,"
        f" {len(net.edges):,} edges; ms, median of {runs}",
        f"{'bare reads':<26} {baseline:>8.1f}",
    ]
    total = 0.0
    for name, fn in steps:
        took = median_ms(fn, runs)
        total += took
        for view in views:
            view.deleteLater()
        views.clear()
        app.processEvents()
        lines.append(f"{name:<26} {took:>8.1f}  ratio {took / baseline:>5.1f}")
    lines.append(f"{'all':<26} {total:>8.1f}  ratio {total / baseline:>5.1f}")
    for view in views:
        view.deleteLater()
    app.processEvents()
    db.close_database()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("\n".join(run(args.people, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
