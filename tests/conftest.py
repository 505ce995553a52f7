"""Shared fixtures: a real SQLite file per test, real Qt widgets offscreen."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parents[1]
TESTDATA = REPO.parent / "shared" / "testdata"


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Every test gets its own NETDESK_HOME so nothing touches the user's real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NETDESK_HOME", str(home))
    # child processes (the GUI a reminder click starts, the CLI) keep their QSettings here too
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
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


@pytest.fixture
def testdata() -> Path:
    assert TESTDATA.is_dir(), f"shared test data missing at {TESTDATA}"
    return TESTDATA
