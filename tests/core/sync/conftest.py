"""Two computers for sync tests: each a real SQLite file; the folder between them is real."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from netdesk import db


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "contacts"
    path.mkdir()
    return path


@contextlib.contextmanager
def computer(path: Path) -> Iterator[None]:
    """Open another database for a while (models bind to one database at a time), then open
    the one that was open before again."""
    from netdesk.db import connection

    previous = connection.current_path()
    db.close_database()
    db.open(path)
    try:
        yield
    finally:
        db.close_database()
        db.open(previous)
