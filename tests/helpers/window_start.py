"""The window's real start (`app.start`, as `netdesk --db PATH` runs it) for tests, and
everything it took let go afterwards: the window, the instance lock, the database, the log
handlers the start added, and the collector it pauses."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def started_window(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple]:
    """Yields (app, window, instance); the window is not shown yet."""
    with started_windows(monkeypatch) as start:
        yield start(db_path)


@contextlib.contextmanager
def started_windows(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """Yields `start(db_path) -> (app, window, instance)`, for tests that start several."""
    from netdesk import cli, db
    from netdesk.system import logs as logging_setup
    from netdesk.ui import app

    root = logging.getLogger()
    handlers_before = list(root.handlers)
    monkeypatch.setattr(logging_setup, "_configured", False)
    opened: list[tuple] = []

    def start(db_path: Path) -> tuple:
        started = app.start(cli.window_args(["--db", str(db_path)]))
        assert not isinstance(started, int)
        opened.append(started)
        return started

    try:
        yield start
    finally:
        gc.enable()
        for _app, window, instance in opened:
            if window.isVisible():
                window.close()
            window.deleteLater()
            instance.release()
        db.close_database()
        for handler in root.handlers:
            if handler not in handlers_before:
                root.removeHandler(handler)
                handler.close()
