"""`netdesk sync` against a local Radicale, against vdirsyncer syncing the same cards alone.

In one run, on one Radicale server (started here, storage in a temporary folder):
- netdesk's first sync of a generated network (default 2,000 people) to an empty address book:
  discovery, the pull, writing every card, the push (`run_sync`); against vdirsyncer alone
  discovering and uploading the same cards (a copy of netdesk's vdir) to a second address book;
- a sync with nothing changed, median of several: netdesk's two vdirsyncer runs, the password
  asked of `netdesk sync password` each time and the reconcile pass; against one `vdirsyncer
  sync` of the second address book (its password in its config).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import cached_network
from netdesk import db
from netdesk.core.sync import accounts, vdirsyncer_config
from netdesk.core.sync.run import run_sync
from netdesk.core.sync.vdirsyncer_run import command as vdirsyncer_command
from tests.helpers.radicale import PASSWORD, USER, Radicale

BASELINE_CONFIG = """\
[general]
status_path = "{root}/status/"

[pair baseline]
a = "baseline_local"
b = "baseline_server"
collections = ["baseline"]
implicit = "create"
conflict_resolution = "a wins"

[storage baseline_local]
type = "filesystem"
path = "{root}/vdir/"
fileext = ".vcf"

[storage baseline_server]
type = "carddav"
url = "{url}"
username = "{user}"
password = "{password}"
"""


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(seconds(fn) for _ in range(runs))


class Baseline:
    """vdirsyncer alone: a copy of the cards, its own config, a second address book."""

    def __init__(self, root: Path, server: Radicale, cards: Path) -> None:
        self.root = root
        shutil.copytree(cards, root / "vdir" / "baseline")
        self.config = root / "vdirsyncer.conf"
        self.config.write_text(
            BASELINE_CONFIG.format(root=root, url=server.url, user=USER, password=PASSWORD)
        )

    def vdirsyncer(self, *args: str) -> None:
        env = {**os.environ, "VDIRSYNCER_CONFIG": str(self.config)}
        subprocess.run([*vdirsyncer_command(), *args], env=env, check=True, capture_output=True)

    def first_sync(self) -> None:
        self.vdirsyncer("discover")
        self.vdirsyncer("sync")


def run(people: int, runs: int, work: Path) -> list[str]:
    server = Radicale(work / "radicale")
    server.start()
    try:
        return _measure(people, runs, work, server)
    finally:
        server.stop()


def _measure(people: int, runs: int, work: Path, server: Radicale) -> list[str]:
    db_path = work / "netdesk.db"
    shutil.copy(cached_network(people), db_path)
    db.open(db_path)
    account, _ = accounts.add(server.url, USER, PASSWORD, name="bench")
    first = seconds(lambda: run_sync(accounts.find()))
    cards = vdirsyncer_config.layout(db_path, account).contacts / "contacts"
    baseline = Baseline(work / "baseline", server, cards)
    first_alone = seconds(baseline.first_sync)
    again = median_seconds(lambda: run_sync(accounts.find()), runs)
    again_alone = median_seconds(lambda: baseline.vdirsyncer("sync"), runs)
    count = len(list(cards.glob("*.vcf")))
    return [
        f"sync with Radicale, {people:,} people ({count:,} cards)",
        f"{'':32}{'netdesk':>10}{'vdirsyncer':>12}{'ratio':>8}",
        _row("first sync (empty server)", first, first_alone),
        _row(f"no change (median of {runs})", again, again_alone),
    ]


def _row(what: str, netdesk: float, alone: float) -> str:
    return f"{what:<32}{netdesk:>9.2f}s{alone:>11.2f}s{netdesk / alone:>7.1f}x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["NETDESK_START_REMINDERS"] = "0"
    with tempfile.TemporaryDirectory(prefix="netdesk-bench-sync-") as folder:
        os.environ["NETDESK_HOME"] = str(Path(folder) / "home")  # the password file, if no keyring
        print("\n".join(run(args.people, args.runs, Path(folder))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
