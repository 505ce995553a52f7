"""A full disk, for real: SQLite is told the database file may not grow any further."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

UNLIMITED_PAGES = 1073741823  # SQLite's default max_page_count


@contextlib.contextmanager
def disk_full_after(pages: int) -> Iterator[None]:
    """Inside the block the open database may grow by `pages` pages, then writes fail with
    SQLITE_FULL ("database or disk is full") as they would on a full disk."""
    from netdesk.db.models import database

    if database.execute_sql("PRAGMA freelist_count").fetchone()[0]:
        # free pages inside the file (a dropped index, deleted rows) would take writes first
        database.execute_sql("VACUUM")
    current = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {current + pages}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA max_page_count = {UNLIMITED_PAGES}")
