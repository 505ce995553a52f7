"""The Network page over a generated network.

Times, in this process on the same database (medians of several runs):
- the page's numbers as its worker computes them (`core.network_summary.load`: relationship
  health's summary with the sentences of the first people drifting, the circles' ids and the
  recent events), against the bare queries they need: every person's rhythm, base date and nurture
  flag, the circle memberships, the contacts per month and the recent events' attendees;
- the people behind the biggest mark (everyone on track), as a click asks for them, against
  the bare query of the same rows' rhythms;
- the GUI thread while the page counts on the window's workers: the longest gap between the
  ticks of a 5 ms timer from the count's start until the page has drawn its numbers (applying
  them is GUI work, so it is inside the gap), beside the longest gap of the same timer idle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_health import bare_summary, median_ms
from benchmarks.common import cached_network
from netdesk import db
from netdesk.core import keep_in_touch, network_summary
from netdesk.core.health import HealthState
from netdesk.db.models import database

TICK_MS = 5


def bare_page(today: dt.date) -> None:
    bare_summary(today)
    database.execute_sql(
        "SELECT e.id, e.name, e.date, count(pa.id) FROM event e LEFT JOIN participant pa "
        "ON pa.interaction_id = e.interaction_id GROUP BY e.id"
    ).fetchall()


def bare_mark() -> None:
    database.execute_sql(
        f"SELECT p.id, {keep_in_touch.CADENCE_SQL}, {keep_in_touch.BASE_SQL} FROM person p "
        "WHERE p.archived = 0 ORDER BY p.sort_name"
    ).fetchall()


def gui_gaps(runs: int) -> dict[str, float]:
    """The GUI thread's longest gap between ticks per run, counting and idle (median and
    worst of `runs`), the ms to count and draw, and the ms drawing."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from netdesk.qt.workers import Workers
    from netdesk.ui.views.network_page import NetworkPage

    app = QApplication.instance() or QApplication([])
    workers = Workers()
    page = NetworkPage(workers)
    page.resize(1100, 800)
    page.show()
    drawing: list[float] = []
    show = page.show_summary

    def timed_show(summary: network_summary.NetworkSummary) -> None:
        start = time.perf_counter()
        show(summary)
        app.processEvents()  # the layout and paint it causes
        drawing.append((time.perf_counter() - start) * 1000)

    page.show_summary = timed_show  # type: ignore[method-assign]

    def longest_gap(start_work: bool) -> tuple[float, float]:
        clock, ticks = QElapsedTimer(), []
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(TICK_MS)
        timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
        loop = QEventLoop()
        page.loaded.connect(loop.quit)
        clock.start()
        timer.start()
        if start_work:
            page.refresh()
        else:
            QTimer.singleShot(1000, loop.quit)
        loop.exec()
        total = clock.elapsed()
        timer.stop()
        page.loaded.disconnect(loop.quit)
        marks = [0, *ticks, total]
        return max(b - a for a, b in itertools.pairwise(marks)), total

    idle = [longest_gap(False)[0] for _ in range(runs)]
    busy = [longest_gap(True) for _ in range(runs)]
    workers.shutdown()
    gaps = [gap for gap, _ in busy]
    return {
        "busy": statistics.median(gaps),
        "busy_worst": max(gaps),
        "idle": statistics.median(idle),
        "idle_worst": max(idle),
        "total": statistics.median(total for _, total in busy),
        "drawing": statistics.median(drawing),
    }


def run(people: int, runs: int) -> list[str]:
    db.open(cached_network(people))
    today = dt.date.today()
    found = network_summary.load(today)
    lines = [
        f"network page over {people:,} people "
        f"({found.health.states.get(HealthState.DRIFTING, 0):,} drifting, "
        f"{len(found.health.circles)} circles, {len(found.events)} recent events); "
        f"ms, median of {runs}"
    ]
    bare = median_ms(lambda: bare_page(today), runs)
    page = median_ms(lambda: network_summary.load(today), runs)
    lines.append(f"page numbers   {page:>8.1f}  bare {bare:>8.1f}  ratio {page / bare:>5.2f}")
    on_track = network_summary.HealthMark(HealthState.ON_TRACK)
    shown = len(network_summary.people_behind(on_track, today))
    mark_bare = median_ms(bare_mark, runs)
    mark = median_ms(lambda: network_summary.people_behind(on_track, today), runs)
    lines.append(
        f"biggest mark   {mark:>8.1f}  bare {mark_bare:>8.1f}  ratio {mark / mark_bare:>5.2f}"
        f"  ({shown:,} people on track)"
    )
    gui = gui_gaps(runs)
    lines += [
        f"GUI thread     longest gap between {TICK_MS} ms ticks, median (worst) of {runs}: "
        f"{gui['busy']:.1f} ({gui['busy_worst']:.1f}) while counting, "
        f"{gui['idle']:.1f} ({gui['idle_worst']:.1f}) idle",
        f"  counted and drawn in {gui['total']:.0f}; "
        f"drawing on the GUI thread {gui['drawing']:.1f}",
    ]
    db.close_database()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print("\n".join(run(args.people, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
