"""Window budgets (the goals in benchmarks/README.md), measured in one run against a bare
PySide6 window.

    python benchmarks/bench_window.py [--people 100000] [--runs 5] [--cache /tmp/netdesk-bench]

Each measurement runs in a fresh subprocess:
- shown: from spawning the process to the end of the first paint of the main window (an event
  filter sees the window's first Paint event; a zero timer then fires once that paint pass is
  done), for a bare `QMainWindow` and for netdesk's window over N generated people;
- memory: the process's resident set at that moment;
- search: the median time per keystroke of five-letter searches typed into the search field,
  from the key press to the people model holding the new rows and the table repainted.
The database is generated once (benchmarks/generate.py) and kept in the cache folder.
Prints a table with the ratios and the goals: shown <= 2x bare, search <= 16 ms, memory <= +80 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORDS = ["sofia", "okafo", "fjord", "jazz ", "lisbo", "mateo", "helix"]


# --- children -----------------------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _when_painted(window, callback) -> None:
    """Call `callback` once the window's first paint pass is over."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1400, 860)

    def shown() -> None:
        print(json.dumps({"shown_ns": time.monotonic_ns(), "rss_mb": _rss_mb()}), flush=True)
        app.quit()

    _when_painted(window, shown)
    window.show()
    app.exec()


def _netdesk_window(db_path: Path):
    """What `netdesk --db PATH` does before its event loop (cli.main, app.start), minus the loop."""
    from netdesk import cli
    from netdesk.ui import app as ndapp

    argv = ["--db", str(db_path)]
    assert not cli.is_command(argv)
    started = ndapp.start(cli.window_args(argv))
    if isinstance(started, int):
        raise SystemExit(f"netdesk did not start (exit {started})")
    qapp, window, _instance = started
    window.resize(1400, 860)
    return qapp, window


def child_window(db_path: Path) -> None:
    qapp, window = _netdesk_window(db_path)

    def shown() -> None:
        print(json.dumps({"shown_ns": time.monotonic_ns(), "rss_mb": _rss_mb()}), flush=True)
        window.close()
        qapp.quit()

    _when_painted(window, shown)
    window.show()
    qapp.exec()


def child_search(db_path: Path) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    qapp, window = _netdesk_window(db_path)
    timings: list[float] = []

    def type_words() -> None:
        if window.sidebar_data is None:  # let the sidebar's counting finish first
            QTimer.singleShot(20, type_words)
            return
        field = window.search
        field.setFocus()
        loop = QEventLoop()
        window.people_model.query_applied.connect(loop.quit)
        for word in WORDS:
            if field.text():
                field.clear()
                loop.exec()  # clearing is a search too: let it land
            for letter in word:
                start = time.perf_counter()
                QTest.keyClick(field, letter)
                loop.exec()  # until the model has the new rows
                window.table.viewport().repaint()
                timings.append((time.perf_counter() - start) * 1000)
        QTest.keyClick(field, Qt.Key.Key_Escape)
        result = {"keystrokes_ms": timings, "rss_mb": _rss_mb()}
        print(json.dumps(result), flush=True)
        window.close()
        qapp.quit()

    _when_painted(window, lambda: QTimer.singleShot(0, type_words))
    window.show()
    qapp.exec()


# --- parent -------------------------------------------------------------------------------------


def _run_child(kind: str, db_path: Path | None, platform: str) -> tuple[int, dict]:
    home = Path(tempfile.mkdtemp(prefix="netdesk-bench-home-"))  # settings, logs, lock: fresh
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM=platform,
        NETDESK_HOME=str(home),
        XDG_CONFIG_HOME=str(home),
        NETDESK_START_REMINDERS="0",  # a reminders service starting would share the cores
    )
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
    if db_path is not None:
        command += ["--db", str(db_path)]
    started = time.monotonic_ns()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{kind} child failed:\n{done.stderr}")
    line = [x for x in done.stdout.splitlines() if x.startswith("{")][-1]
    return started, json.loads(line)


def ensure_database(cache: Path, people: int) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    db_path = cache / f"window-{people}.db"
    marker = cache / f"window-{people}.done"
    if db_path.exists() and marker.exists():
        return db_path
    for stale in cache.glob(f"window-{people}.db*"):
        stale.unlink()
    print(f"generating {people:,} people into {db_path} (once)...", flush=True)
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            str(db_path),
            "--people",
            str(people),
        ],
        check=True,
    )
    marker.touch()
    return db_path


def _compile_bytecode() -> None:
    """Byte-compile netdesk first, as pip and PyInstaller do when they install it.

    Where PYTHONDONTWRITEBYTECODE is set (as on CI machines), every child would otherwise
    compile all of netdesk from source on each start: ~60 ms that no installed copy pays.
    """
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parents[1] / "netdesk", quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/netdesk-bench"))
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--child", choices=["bare", "window", "search"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return 0
    if args.child == "window":
        child_window(args.db)
        return 0
    if args.child == "search":
        child_search(args.db)
        return 0

    db_path = ensure_database(args.cache, args.people)
    _compile_bytecode()
    bare_ms, window_ms, bare_rss, window_rss = [], [], [], []
    for _ in range(args.runs):  # alternate, so drifting machine load hits both alike
        started, result = _run_child("bare", None, args.platform)
        bare_ms.append((result["shown_ns"] - started) / 1e6)
        bare_rss.append(result["rss_mb"])
        started, result = _run_child("window", db_path, args.platform)
        window_ms.append((result["shown_ns"] - started) / 1e6)
        window_rss.append(result["rss_mb"])
    keystrokes: list[float] = []
    search_rss = []
    for _ in range(max(1, args.runs // 2)):
        _, result = _run_child("search", db_path, args.platform)
        keystrokes += result["keystrokes_ms"]
        search_rss.append(result["rss_mb"])

    shown_bare, shown_window = statistics.median(bare_ms), statistics.median(window_ms)
    rss_bare, rss_window = statistics.median(bare_rss), statistics.median(window_rss)
    key_median = statistics.median(keystrokes)
    key_p90 = sorted(keystrokes)[int(0.9 * (len(keystrokes) - 1))]
    rows = [
        (
            "window shown (ms, median)",
            f"{shown_bare:.0f}",
            f"{shown_window:.0f}",
            f"{shown_window / shown_bare:.2f}x",
            "<= 2x",
            shown_window <= 2 * shown_bare,
        ),
        (
            "memory at shown (MB RSS)",
            f"{rss_bare:.0f}",
            f"{rss_window:.0f}",
            f"+{rss_window - rss_bare:.0f} MB",
            "<= +80 MB",
            rss_window - rss_bare <= 80,
        ),
        (
            "memory after searching",
            f"{rss_bare:.0f}",
            f"{statistics.median(search_rss):.0f}",
            f"+{statistics.median(search_rss) - rss_bare:.0f} MB",
            "<= +80 MB",
            statistics.median(search_rss) - rss_bare <= 80,
        ),
        (
            "keystroke, 5-letter search (ms)",
            "-",
            f"{key_median:.1f}",
            f"p90 {key_p90:.1f}",
            "<= 16 ms",
            key_median <= 16,
        ),
    ]
    print(
        f"\nnetdesk window benchmark: {args.people:,} people, {args.runs} runs each, "
        f"QT_QPA_PLATFORM={args.platform}, {len(keystrokes)} keystrokes"
    )
    print(f"{'metric':34} {'bare':>8} {'netdesk':>9} {'ratio':>12}  {'goal':>10}  ok")
    for name, bare, ours, ratio, goal, ok in rows:
        print(f"{name:34} {bare:>8} {ours:>9} {ratio:>12}  {goal:>10}  {'yes' if ok else 'NO'}")
    print(
        f"\nshown, each run (ms): bare {[round(x) for x in bare_ms]}, "
        f"netdesk {[round(x) for x in window_ms]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
