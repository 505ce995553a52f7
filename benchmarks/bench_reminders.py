"""The reminders service at rest: CPU, wake-ups and memory over a quiet minute, against its
budget (the goals in benchmarks/README.md).

    python benchmarks/bench_reminders.py [--people 10000] [--seconds 60]

Starts the real `python -m netdesk.reminders` (offscreen, log notifier, no session bus) on a copy
of a generated network, and a bare `QApplication` that does nothing, measured the same way:
- startup: CPU seconds from spawn until the process is ready (the service's first pass over all
  people is in here: it claims everything due and notifies one summary);
- idle: CPU seconds and voluntary context switches (wake-ups) over `--seconds` of quiet;
- memory: resident set at the end of the quiet period;
- reload: CPU seconds of one extra pass, asked for over the service's socket (what the window's
  `notify_reload()` and the 15 minute timer cost).
Goal: idle CPU under 0.2 s per minute and memory close to the bare QApplication.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TICKS = os.sysconf("SC_CLK_TCK")
BARE = (
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication([])\n"
    "app.setQuitOnLastWindowClosed(False)\n"
    "print('ready', flush=True)\n"
    "app.exec()\n"
)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def wakeups(pid: int) -> int:
    """Voluntary context switches of every thread: each is the process going back to sleep."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for line in (task / "status").read_text().splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                total += int(line.split()[1])
    return total


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_for(what: str, check, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.02)
    raise TimeoutError(f"timed out waiting for {what}")


def copy_network(people: int, folder: Path) -> Path:
    from benchmarks.common import cached_network

    source = cached_network(people)
    target = folder / "bench.db"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)  # the service writes its ReminderLog: keep the cached network pristine
        dst.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('quiet_start', '\"\"')")
    return target


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NETDESK_HOME=str(home))
    env["PYTHONPATH"] = str(REPO)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


def measure(proc: subprocess.Popen, ready, seconds: float, started: float) -> dict[str, float]:
    wait_for("ready", ready)
    ready_at = time.monotonic()
    time.sleep(1.0)  # let the first pass's garbage and deferred deletes settle
    cpu0, wake0 = cpu_seconds(proc.pid), wakeups(proc.pid)
    time.sleep(seconds)
    return {
        "startup_s": ready_at - started,
        "startup_cpu": cpu0,
        "idle_cpu": cpu_seconds(proc.pid) - cpu0,
        "idle_wakeups": wakeups(proc.pid) - wake0,
        "rss": rss_mb(proc.pid),
    }


def run_bare(home: Path, seconds: float) -> dict[str, float]:
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", BARE], env=environment(home), stdout=subprocess.PIPE, text=True
    )
    try:
        return measure(proc, lambda: proc.stdout.readline().strip() == "ready", seconds, started)
    finally:
        proc.terminate()
        proc.wait()


def run_service(db_path: Path, home: Path, seconds: float) -> dict[str, float]:
    from netdesk.system import paths

    log_file = home / "logs" / "reminders.log"
    # The command login starts (system/autostart), so the figures are what a user gets.
    command = [*paths.installed_command("netdesk-reminders"), "--db", str(db_path)]
    started = time.monotonic()
    proc = subprocess.Popen(
        [*command, "--notifier", "log"], env=environment(home), cwd=REPO, stderr=subprocess.PIPE
    )

    def ready() -> bool:
        assert proc.poll() is None, proc.stderr.read().decode()
        return log_file.exists() and "reminders service ready" in log_file.read_text()

    try:
        figures = measure(proc, ready, seconds, started)
        figures["reload_cpu"] = reload_cost(proc, home, log_file)
        return figures
    finally:
        proc.terminate()
        proc.wait()


def reload_cost(proc: subprocess.Popen, home: Path, log_file: Path) -> float:
    """CPU of one pass over everyone, asked for the way the window asks (a JSON line)."""
    os.environ["NETDESK_HOME"] = str(home)
    from netdesk.system import paths

    path = Path(tempfile.gettempdir()) / paths.runtime_name("reminders")
    before = cpu_seconds(proc.pid)
    marker = log_file.stat().st_size
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(str(path))
        client.sendall(b'{"cmd": "show"}\n')  # a pass, then a status note: logged when done
    wait_for("the pass", lambda: log_file.stat().st_size > marker)
    time.sleep(0.2)
    return cpu_seconds(proc.pid) - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netdesk-bench-reminders-") as tmp:
        folder = Path(tmp)
        db_path = copy_network(args.people, folder)
        bare = run_bare(folder / "bare-home", args.seconds)
        service = run_service(db_path, folder / "home", args.seconds)
        shutil.rmtree(folder / "home", ignore_errors=True)
    print(f"reminders service idle for {args.seconds:.0f} s, {args.people:,} people")
    print(f"{'':22}{'bare QApplication':>18}{'service':>12}{'difference':>12}")
    rows = [
        ("ready after (s)", "startup_s", "{:.2f}"),
        ("CPU until ready (s)", "startup_cpu", "{:.2f}"),
        ("idle CPU (s)", "idle_cpu", "{:.3f}"),
        ("idle wake-ups", "idle_wakeups", "{:.0f}"),
        ("memory RSS (MB)", "rss", "{:.1f}"),
    ]
    for label, key, fmt in rows:
        diff = service[key] - bare[key]
        print(
            f"{label:22}{fmt.format(bare[key]):>18}{fmt.format(service[key]):>12}"
            f"{fmt.format(diff):>12}"
        )
    print(f"{'one reload pass (s)':22}{'-':>18}{service['reload_cpu']:>12.3f}")
    verdict = "ok" if service["idle_cpu"] < 0.2 else "OVER BUDGET"
    extra = service["rss"] - bare["rss"]
    print(f"goal: idle CPU < 0.2 s over the period: {verdict}; memory +{extra:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
