"""Shared fixtures: a real SQLite file per test, real Qt widgets offscreen."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.helpers import corpus

REPO = Path(__file__).resolve().parents[1]
_NOT_RUN = pytest.StashKey[int]()


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that asks for `testdata` is a corpus test. Without the corpus, corpus tests are
    left out (a fresh clone runs everything else) unless this is CI, where that is an error."""
    for item in items:
        if "testdata" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)
    if corpus.available():
        return
    needing = [item for item in items if item.get_closest_marker("corpus")]
    if not needing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"{corpus.shown()} not found: CI runs the {len(needing)} real-world corpus tests"
        )
    items[:] = [item for item in items if not item.get_closest_marker("corpus")]
    config.hook.pytest_deselected(items=needing)
    config.stash[_NOT_RUN] = len(needing)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    not_run = config.stash.get(_NOT_RUN, 0)
    if not_run:
        terminalreporter.write_line(
            f"{corpus.shown()} not found: {not_run} real-world corpus tests were not run"
        )


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Every test gets its own NETDESK_HOME so nothing touches the user's real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NETDESK_HOME", str(home))
    # child processes (the GUI a reminder click starts, the CLI) keep their QSettings here too
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    # a window a test starts must not leave a reminders service running after it
    monkeypatch.setenv("NETDESK_START_REMINDERS", "0")
    return home


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "netdesk.db"


@pytest.fixture
def store(db_path):
    """An open, empty netdesk database in tmp_path."""
    from netdesk import db

    database = db.open(db_path)
    yield database
    db.close_database()


@pytest.fixture(scope="session")
def testdata() -> Path:
    """The real-world corpus; its tests are marked `corpus` for it."""
    assert corpus.available(), f"{corpus.shown()} not found"
    return corpus.ROOT
