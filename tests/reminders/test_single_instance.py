"""One service per user: the lock, the socket, messages, and recovery after `kill -9`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from netdesk import db
from netdesk.core import settings
from netdesk.qt.single_instance import SingleInstance, lock_path
from netdesk.system import paths
from tests.helpers.paths import REPO

WAIT_S = 30.0


@pytest.fixture
def name(qapp) -> str:
    return paths.runtime_name("test")


def test_only_one_holder_and_messages_reach_it(qtbot, name):
    first, second = SingleInstance(name), SingleInstance(name)
    try:
        assert first.acquire()
        assert not second.acquire()
        received: list[dict] = []
        first.message_received.connect(received.append)
        assert SingleInstance.send(name, {"cmd": "show_person", "id": 7})
        assert SingleInstance.send(name, {"cmd": "reload", "note": "Zoë ✓"})
        qtbot.waitUntil(lambda: len(received) == 2)
        assert received == [
            {"cmd": "show_person", "id": 7},
            {"cmd": "reload", "note": "Zoë ✓"},
        ]
    finally:
        first.release()
    assert second.acquire()
    second.release()


def test_a_second_start_waits_for_a_holder_that_is_still_starting(qtbot, name, monkeypatch):
    """The window takes the lock at once but listens only after its first paint: a start in
    between must wait and deliver, not report 'already running'."""
    import threading

    first = SingleInstance(name)
    assert first.acquire(listen=False)
    received: list[dict] = []
    first.message_received.connect(received.append)
    attempts: list[bool] = []
    real_send = SingleInstance.send

    def counted_send(*args, **kwargs) -> bool:  # the real send, counted
        attempts.append(real_send(*args, **kwargs))
        return attempts[-1]

    monkeypatch.setattr(SingleInstance, "send", staticmethod(counted_send))
    results: list[bool] = []
    sender = threading.Thread(
        target=lambda: results.append(SingleInstance.send_when_ready(name, {"cmd": "raise"}))
    )
    try:
        sender.start()
        qtbot.waitUntil(lambda: len(attempts) >= 2, timeout=10_000)
        assert attempts[:2] == [False, False] and not results  # refused, and still trying
        first.listen()
        qtbot.waitUntil(lambda: received == [{"cmd": "raise"}], timeout=10_000)
        sender.join(10)
        assert results == [True]
    finally:
        first.release()


def test_nothing_listening_means_not_delivered(name):
    assert not SingleInstance.send(name, {"cmd": "reload"}, timeout_ms=200)


def test_malformed_lines_are_ignored_and_the_next_one_counts(qtbot, name):
    instance = SingleInstance(name)
    assert instance.acquire()
    try:
        socket = QLocalSocket()
        socket.connectToServer(name)
        assert socket.waitForConnected(1000)
        with qtbot.waitSignal(instance.message_received) as blocker:
            socket.write(b'not json\n["a list"]\n{"cmd": "raise"}')
            socket.disconnectFromServer()  # the last message may come without a newline
        assert blocker.args == [{"cmd": "raise"}]
    finally:
        instance.release()


def test_a_lock_left_by_a_dead_process_is_taken_over(name):
    holder = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(holder.stdout)  # this process has exited
    Path(lock_path(name)).write_text(f"{dead_pid}\npython3\n{os.uname().nodename}\n")
    instance = SingleInstance(name)
    try:
        assert instance.acquire()
    finally:
        instance.release()


# -- the real service process -----------------------------------------------------------------


def start_service(db_path: Path) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return subprocess.Popen(
        [sys.executable, "-m", "netdesk.reminders", "--db", str(db_path), "--notifier", "log"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_listening(proc: subprocess.Popen, name: str) -> None:
    end = time.monotonic() + WAIT_S
    while time.monotonic() < end:
        assert proc.poll() is None, f"the service exited: {proc.stderr.read()}"
        if SingleInstance.send(name, {"cmd": "ping"}, timeout_ms=200):
            return
        time.sleep(0.05)
    raise AssertionError("the service never started listening")


def stop(proc: subprocess.Popen) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=WAIT_S)


@pytest.fixture
def service_db(tmp_path) -> Path:
    path = tmp_path / "service.db"
    db.open(path)
    settings.put("quiet_start", "")
    db.close_database()
    return path


@pytest.mark.slow
def test_a_second_start_leaves_one_process_and_kill_9_is_recovered(qapp, service_db):
    name = paths.runtime_name("reminders")
    first = start_service(service_db)
    try:
        wait_until_listening(first, name)
        second = start_service(service_db)
        assert second.wait(timeout=WAIT_S) == 0  # it asked the first to show itself, then left
        assert first.poll() is None

        first.kill()  # SIGKILL: the lock file and the socket are left behind
        first.wait(timeout=WAIT_S)
        assert Path(lock_path(name)).exists()
        third = start_service(service_db)
        try:
            wait_until_listening(third, name)
            assert third.poll() is None
        finally:
            assert stop(third) == 0
        assert not Path(lock_path(name)).exists()  # a clean exit releases the lock
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


@pytest.mark.slow
def test_a_start_from_the_window_leaves_a_running_service_be(qtbot, service_db):
    """The window starts the service with --quiet-if-running: when one runs already, it is not
    asked to show itself (that would pop its menu up at every window start)."""
    holder = SingleInstance(paths.runtime_name("reminders"))
    assert holder.acquire()
    received: list[dict] = []
    holder.message_received.connect(received.append)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "netdesk.reminders", "--db", str(service_db)]
    try:
        quiet = subprocess.run([*command, "--quiet-if-running"], env=env, timeout=WAIT_S)
        assert quiet.returncode == 0
        assert SingleInstance.send(holder.name, {"cmd": "marker"})  # read after anything sent
        qtbot.waitUntil(lambda: received != [])
        assert received == [{"cmd": "marker"}]
        plain = subprocess.run(command, env=env, timeout=WAIT_S)  # without: asked to show
        assert plain.returncode == 0
        qtbot.waitUntil(lambda: received == [{"cmd": "marker"}, {"cmd": "show"}])
    finally:
        holder.release()
