"""Run netdesk's benchmarks and print their tables.

    python benchmarks/run.py                 # every benchmark, default sizes
    python benchmarks/run.py search window   # only some
    python benchmarks/run.py --people 20000 search

Each benchmark measures its baseline in the same run and reports ratios against it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = {
    "search": ("bench_search.py", "--people"),
    "import": ("bench_import.py", None),
    "preview": ("bench_preview.py", None),
    "window": ("bench_window.py", "--people"),
    "reminders": ("bench_reminders.py", "--people"),
    "health": ("bench_health.py", "--people"),
    "network": ("bench_network.py", "--people"),
    "paths": ("bench_paths.py", "--people"),
    "graph": ("bench_graph.py", "--people"),
    "suggest": ("bench_suggest.py", "--people"),
    "fuzz": ("bench_fuzz.py", None),
    "sync": ("bench_sync.py", None),  # 2,000 people against a local server, whatever --people
    "reconcile": ("bench_reconcile.py", "--people"),  # default: 2,000 and 20,000 people
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []], default=[])
    parser.add_argument("--people", type=int, default=None, help="network size where it applies")
    args = parser.parse_args()
    failed = 0
    for name in args.names or list(BENCHMARKS):
        script, people_flag = BENCHMARKS[name]
        if not (HERE / script).exists():
            print(f"== {name}: {script} not present", flush=True)
            continue
        command = [sys.executable, str(HERE / script)]
        if args.people and people_flag:
            command += [people_flag, str(args.people)]
        print(f"== {name}", flush=True)
        failed |= subprocess.run(command, cwd=HERE.parent).returncode
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
