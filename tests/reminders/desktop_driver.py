"""Runs the reminders service in a throw-away desktop session and reports what reached the user.

Run inside `dbus-run-session` (the test does that): starts Xvfb on a free display, dunst, and
for the "sni" case status-notifier-watcher, for the "xembed" case trayer; then the real
`python -m netdesk.reminders --db DB`. It waits for the notification to reach dunst, optionally
clicks it (`dunstctl action 0`) while listening on the window's socket path, or picks one of its
actions from dunst's context menu (`--act KEY`: dunst runs our "dmenu", which chooses the line of
that action, and dunst emits `ActionInvoked` for real), stops everything and writes a JSON report
to OUT. dunst's own warnings (an icon it cannot load) are in the report.

    dbus-run-session -- python desktop_driver.py {sni,late-sni,xembed,none} DB HOME OUT \
        [--click] [--act KEY]

"late-sni" starts the watcher only after the service is up, so the service must notice it and
create its tray icon again.

"window" starts the window (`python -m netdesk --db DB`) instead of the service, as a user does:
the window starts the service, the window is closed, a follow-up falls due (written by another
process, as the command line would) and the service, told to reload, must still notify.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

DEADLINE_S = 12.0
POLL_S = 0.05


def wait_for(what: str, check, timeout: float = DEADLINE_S):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = check()
        if result:
            return result
        time.sleep(POLL_S)
    raise TimeoutError(f"timed out waiting for {what}")


def start_xvfb(procs: list[subprocess.Popen]) -> str:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1024x600x24", "-nolisten", "tcp"],
        pass_fds=[write_fd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    procs.append(xvfb)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # Xvfb writes its display number once it is ready
    if not number:
        raise RuntimeError("Xvfb did not start")
    return f":{number}"


def name_has_owner(name: str) -> bool:
    from jeepney import DBus
    from jeepney.io.blocking import Proxy, open_dbus_connection

    with open_dbus_connection(bus="SESSION") as conn:
        return bool(Proxy(DBus(), conn, timeout=2).NameHasOwner(name)[0])


def registered_items() -> list[str]:
    """What the StatusNotifierItem watcher knows: a tray icon made before it is not there."""
    from jeepney import DBusAddress, Properties
    from jeepney.io.blocking import open_dbus_connection

    watcher = DBusAddress(
        "/StatusNotifierWatcher",
        bus_name="org.kde.StatusNotifierWatcher",
        interface="org.kde.StatusNotifierWatcher",
    )
    message = Properties(watcher).get("RegisteredStatusNotifierItems")
    with open_dbus_connection(bus="SESSION") as conn:
        reply = conn.send_and_get_reply(message, timeout=2)
    return list(reply.body[0][1])


def dunstctl(*args: str, env: dict) -> str:
    done = subprocess.run(["dunstctl", *args], env=env, capture_output=True, text=True, timeout=5)
    return done.stdout


def history(env: dict) -> list[dict]:
    data = json.loads(dunstctl("history", env=env) or "{}").get("data", [[]])
    entries = data[0] if data else []
    return [{key: value.get("data") for key, value in entry.items()} for entry in entries]


def notifier_lines(log_file: Path) -> list[str]:
    """Each notifier the service picked, as "name tray-available", in order."""
    if not log_file.exists():
        return []
    found = re.findall(r"notifier: (\S+) \(system tray available: (\w+)\)", log_file.read_text())
    return [f"{name} {tray}" for name, tray in found]


def dunst_config(home: Path, key: str) -> Path:
    """A dunstrc whose context menu program records the menu and picks the action `key`."""
    picker = home / "pick-action"
    menu = home / "dunst-menu.txt"
    # dunst lists each action as "#Label (summary) [id,key]"
    picker.write_text(f'#!/bin/sh\ntee {menu} | grep -m1 ",{key}]$"\n', encoding="utf-8")
    picker.chmod(0o755)
    # the packaged settings (markup, as a desktop has it) with only the menu program replaced
    packaged = Path("/etc/xdg/dunst/dunstrc").read_text(encoding="utf-8")
    config = home / "dunstrc"
    config.write_text(re.sub(r"(?m)^\s*dmenu\s*=.*$", f"    dmenu = {picker}", packaged))
    return config


def menu_lines(home: Path) -> list[str]:
    menu = home / "dunst-menu.txt"
    return menu.read_text(encoding="utf-8").splitlines() if menu.exists() else []


def acted_lines(log_file: Path) -> list[str]:
    """What the service did on a notification's action, as its log says."""
    if not log_file.exists():
        return []
    return re.findall(r"notification action (\S+) done", log_file.read_text())


def start_watcher(procs: list[subprocess.Popen], quiet: dict) -> None:
    procs.append(subprocess.Popen(["status-notifier-watcher"], **quiet))
    wait_for("the watcher", lambda: name_has_owner("org.kde.StatusNotifierWatcher"))


def listen_as_window(home: Path) -> socket.socket:
    """A plain Unix socket where the window's QLocalServer would be, to see what a click sends."""
    os.environ["NETDESK_HOME"] = str(home)
    from netdesk.system import paths

    path = Path(tempfile.gettempdir()) / paths.runtime_name("gui")
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    server.settimeout(DEADLINE_S)
    return server


def service_pid(home: Path) -> int:
    """The live process holding the reminders' single-instance lock, or 0."""
    from netdesk.system import paths

    os.environ["NETDESK_HOME"] = str(home)
    lock = Path(tempfile.gettempdir()) / f"{paths.runtime_name('reminders')}.lock"
    try:
        pid = int(lock.read_text().split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return 0
    return pid


def add_follow_up(db_path: str, name: str) -> None:
    """Another process writes a follow-up due yesterday for `name`, then pokes the service."""
    import datetime as dt

    from netdesk import db
    from netdesk.core import follow_ups, listing
    from netdesk.reminders import client

    db.open(Path(db_path))
    [someone] = [p for p in listing.fetch(listing.ListQuery()) if p.name == name]
    follow_ups.add(someone.id, dt.date.today() - dt.timedelta(days=1), "Send the deck")
    db.close_database()
    client.notify_reload()


def run_window(args: argparse.Namespace, env: dict, procs: list, report: dict) -> None:
    home = Path(args.home)
    env.pop("NETDESK_START_REMINDERS", None)  # the test run's "no" does not hold here
    window = subprocess.Popen(
        [sys.executable, "-m", "netdesk", "--db", args.db],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    procs.append(window)
    report["service_pid"] = wait_for("the service the window starts", lambda: service_pid(home))
    window.terminate()  # the user closes the window
    report["window_rc"] = window.wait(timeout=DEADLINE_S)
    assert dunstctl("count", "displayed", env=env).strip() == "0", "notified too early"
    add_follow_up(args.db, "Ana Lima")
    wait_for("a notification", lambda: dunstctl("count", "displayed", env=env).strip() != "0")
    report["service_alive"] = service_pid(home) == report["service_pid"]
    dunstctl("close-all", env=env)
    report["notifications"] = wait_for("dunst's history", lambda: history(env))


def stop_started_service(home: Path, report: dict) -> None:
    """The window's service is detached from everything here: end it by its pid."""
    pid = service_pid(home)
    if pid:
        os.kill(pid, signal.SIGTERM)
        wait_for("the service to stop", lambda: not service_pid(home))


def run(args: argparse.Namespace) -> dict:
    procs: list[subprocess.Popen] = []
    report: dict = {"case": args.case, "notifications": [], "clicked": None}
    home = Path(args.home)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(NETDESK_HOME=str(home), PYTHONPATH=str(REPO), XDG_CONFIG_HOME=str(home / "xdg"))
    window = listen_as_window(home) if args.click or args.act == "open" else None
    service = None
    try:
        env["DISPLAY"] = start_xvfb(procs)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
        home.mkdir(parents=True, exist_ok=True)
        config = dunst_config(home, args.act or "default")
        with open(home / "dunst.log", "w") as dunst_log:  # dunst keeps its own descriptor
            dunst = ["dunst", "-config", str(config)]
            procs.append(
                subprocess.Popen(dunst, stdout=dunst_log, stderr=subprocess.STDOUT, env=env)
            )
        wait_for("dunst", lambda: name_has_owner("org.freedesktop.Notifications"))
        if args.case == "window":
            run_window(args, env, procs, report)
            return report
        if args.case == "sni":
            start_watcher(procs, quiet)
        elif args.case == "xembed":
            procs.append(subprocess.Popen(["trayer", "--edge", "top", "--align", "right"], **quiet))
            wait_for(
                "trayer",
                lambda: subprocess.run(
                    ["xdotool", "search", "--class", "trayer"], env=env, capture_output=True
                ).stdout.strip(),
            )
        service = subprocess.Popen(
            [sys.executable, "-m", "netdesk.reminders", "--db", args.db],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for("a notification", lambda: dunstctl("count", "displayed", env=env).strip() != "0")
        log_file = home / "logs" / "reminders.log"
        report["notifier"] = report["first_notifier"] = wait_for(
            "the log", lambda: notifier_lines(log_file)
        )[0]
        if args.case == "late-sni":
            start_watcher(procs, quiet)  # a tray watcher that turns up after the service
            report["notifier"] = wait_for(
                "a second pick", lambda: notifier_lines(log_file)[1:] and notifier_lines(log_file)
            )[-1]
        if args.case in ("sni", "late-sni"):
            report["tray_items"] = wait_for("the tray item", registered_items)
        if args.act:
            dunstctl("context", env=env)  # the menu of the notification's actions
            report["menu"] = wait_for("dunst's menu", lambda: menu_lines(home))
            report["acted"] = wait_for("the service acting", lambda: acted_lines(log_file))
        elif window is not None:
            dunstctl("action", "0", env=env)  # a click on the notification
        if window is not None:
            conn, _ = window.accept()
            with conn:
                conn.settimeout(DEADLINE_S)
                report["clicked"] = json.loads(conn.makefile().readline())
        dunstctl("close-all", env=env)
        report["notifications"] = wait_for("dunst's history", lambda: history(env))
    except Exception as exc:  # reported to the test, which fails with this message
        report["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        if args.case == "window":
            stop_started_service(home, report)
        if service is not None:
            service.send_signal(signal.SIGTERM)
            try:
                report["service_rc"] = service.wait(timeout=10)
            except subprocess.TimeoutExpired:
                service.kill()
                report["service_rc"] = service.wait()
            report["service_stderr"] = service.stderr.read() if service.stderr else ""
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if window is not None:
            window.close()
        log_file = home / "logs" / "reminders.log"
        report["log"] = log_file.read_text()[-3000:] if log_file.exists() else ""
        dunst_file = home / "dunst.log"
        report["dunst_log"] = dunst_file.read_text() if dunst_file.exists() else ""
    return report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=["sni", "late-sni", "xembed", "none", "window"])
    parser.add_argument("db")
    parser.add_argument("home")
    parser.add_argument("out")
    parser.add_argument("--click", action="store_true")
    parser.add_argument("--act", help="the action key to pick from dunst's context menu")
    args = parser.parse_args()
    report = run(args)
    Path(args.out).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
