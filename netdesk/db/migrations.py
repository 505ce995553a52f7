"""The schema ladder: `PRAGMA user_version` says which rung a database is on.

Each step runs in its own transaction and bumps `user_version`; a backup copy is taken before any
upgrade of an existing database. A database from a newer netdesk is refused untouched.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee as pw

from netdesk.db import search_index
from netdesk.db.models import MODELS, Circle

SEED_CIRCLES: list[tuple[str, int | None]] = [
    ("Family", 14),
    ("Friends of family", 90),
    ("Friends", 30),
    ("Colleagues", 60),
    ("Internship", 90),
    ("National service", 90),
    ("School", 120),
    ("Community", 90),
]


def _v1_initial(db: pw.Database) -> None:
    db.create_tables(MODELS)
    search_index.create(db)
    for position, (name, cadence) in enumerate(SEED_CIRCLES):
        Circle.create(name=name, default_cadence_days=cadence, position=position)


STEPS: list[Callable[[pw.Database], None]] = [_v1_initial]
CURRENT_VERSION = len(STEPS)


def user_version(db: pw.Database) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def upgrade(db: pw.Database) -> int:
    """Run every step above the database's version; returns the version reached."""
    version = user_version(db)
    for number, step in enumerate(STEPS[version:], start=version + 1):
        with db.atomic():
            step(db)
            db.execute_sql(f"PRAGMA user_version = {number}")
    return CURRENT_VERSION
