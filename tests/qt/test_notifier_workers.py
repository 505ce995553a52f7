"""The change notifier delivers on the GUI thread; workers run off it with their own connection."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

import netdesk.qt  # noqa: F401 - the PySide6 reference-count guard
from netdesk.core import people
from netdesk.core import store as core_store
from netdesk.db.models import database
from netdesk.qt.change_bridge import ChangeNotifier
from netdesk.qt.workers import Cancelled, Workers
from netdesk.values import Topic
from tests.helpers.people import person


@pytest.fixture
def notifier(qapp):
    made = ChangeNotifier()
    yield made
    made.stop()


@pytest.fixture
def workers(qapp):
    made = Workers()
    yield made
    made.wait()


def test_a_write_on_the_gui_thread_is_announced_at_once(store, notifier):
    seen = []
    notifier.changed.connect(seen.append)
    ana = person("Ana Souza")
    assert len(seen) == 1
    assert Topic.PEOPLE in seen[0].topics and ana in seen[0].people


def test_a_write_in_a_worker_is_announced_on_the_gui_thread(store, notifier, workers, qtbot):
    threads = []
    notifier.changed.connect(lambda changes: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(notifier.changed, timeout=10_000) as blocker:
        workers.start(lambda _p: person("Ben Okafor"))
    assert Topic.PEOPLE in blocker.args[0].topics
    assert threads == [qapp_thread()]


def qapp_thread():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_stopped_notifier_is_silent(store, notifier):
    seen = []
    notifier.changed.connect(seen.append)
    notifier.stop()
    person("Ana Souza")
    assert seen == []


def test_a_worker_uses_its_own_connection_and_closes_it(store, workers, qtbot):
    gui_connection = database.connection()
    seen = {}

    def work(_progress):
        seen["thread"] = threading.get_ident()
        seen["same"] = database.connection() is gui_connection
        return people.count()

    person("Ana Souza")
    results = []
    workers.start(work, on_done=results.append)
    qtbot.waitUntil(lambda: results == [1], timeout=10_000)
    assert seen["thread"] != threading.get_ident()
    assert seen["same"] is False
    assert database.connection() is gui_connection  # the GUI's own connection is untouched


def test_progress_and_cancel(store, workers, qtbot):
    gate = threading.Event()
    steps = []

    def work(progress):
        progress(1, 4)
        gate.wait(5)
        progress.check()
        return "finished"

    task = workers.start(work, on_progress=lambda d, t: steps.append((d, t)))
    qtbot.waitUntil(lambda: steps == [(1, 4)], timeout=10_000)
    with qtbot.waitSignal(task.signals.failed, timeout=10_000) as failed:
        task.cancel()
        gate.set()
    assert isinstance(failed.args[0], Cancelled)
    qtbot.waitUntil(lambda: task.done)


def test_a_failure_reaches_the_gui(store, workers, qtbot):
    def work(_progress):
        raise ValueError("broken on purpose")

    errors = []
    workers.start(work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert str(errors[0]) == "broken on purpose"


def test_transactions_from_two_threads_do_not_mix(store, workers, qtbot):
    """While the GUI thread holds a write transaction, a worker has its own connection outside
    it; its write waits for the commit (busy timeout) and then lands too."""
    seen: dict[str, object] = {}
    looked = threading.Event()

    def work(_progress):
        seen["connection"] = database.connection()
        seen["in_transaction"] = database.in_transaction()
        looked.set()
        return person("From the worker")

    done = []
    with core_store.write():
        person("From the GUI")
        task = workers.start(work, on_done=done.append)
        assert looked.wait(10)
        assert seen["connection"] is not database.connection()
        assert seen["in_transaction"] is False
    qtbot.waitUntil(lambda: bool(done) and task.done, timeout=20_000)
    assert people.count() == 2
