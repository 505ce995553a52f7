"""The collector pauses: nested bulk steps, threads, and the window's start-up."""

from __future__ import annotations

import gc
import threading

import pytest

from netdesk.core import gc_pause


@pytest.fixture(autouse=True)
def collector_back_on():
    yield
    gc.unfreeze()
    gc.enable()


def test_nested_and_threaded_pauses_end_with_the_outermost():
    assert gc.isenabled()
    inner_done = threading.Event()

    def other_thread() -> None:
        with gc_pause.paused():
            inner_done.wait(5)

    with gc_pause.paused():
        worker = threading.Thread(target=other_thread)
        worker.start()
        with gc_pause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread's pause still holds
    inner_done.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_pause_keeps_a_disabled_collector_disabled():
    gc.disable()
    with gc_pause.paused():
        pass
    assert not gc.isenabled()


def test_start_up_pauses_until_started_then_freezes_what_it_made():
    gc_pause.starting()
    gc_pause.starting()  # twice is one pause
    assert not gc.isenabled()
    made_at_start = [object() for _ in range(10)]
    frozen_before = gc.get_freeze_count()
    with gc_pause.paused():  # an import during start-up
        pass
    assert not gc.isenabled()
    gc_pause.started()
    assert gc.isenabled() and gc.get_freeze_count() > frozen_before
    gc_pause.started()  # idempotent
    assert gc.isenabled() and made_at_start


def test_the_window_start_pauses_the_collector(tmp_path):
    """cli.window_args pauses; app.start resumes once the window is on screen."""
    import os
    import subprocess
    import sys

    code = (
        "import gc, sys; from netdesk import cli;"
        "cli.window_args(['--db', sys.argv[1]]); print(gc.isenabled())"
    )
    env = {**os.environ, "NETDESK_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.stdout.strip() == "False", done.stderr
