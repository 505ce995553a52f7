"""The store: peewee models over one SQLite file, opened in exactly one place (`connection`).

The names below load on first use, so that `netdesk.db.errors` or `netdesk.db.reads` can be
imported without peewee: the window reads its first page before the models are loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netdesk.db.connection import close_database, current_path, open_database, open_for_window
    from netdesk.db.connection import open_database as open
    from netdesk.db.errors import StoreError
    from netdesk.db.models import database

_WHERE = {
    "open": ("netdesk.db.connection", "open_database"),
    "open_database": ("netdesk.db.connection", "open_database"),
    "open_for_window": ("netdesk.db.connection", "open_for_window"),
    "close_database": ("netdesk.db.connection", "close_database"),
    "current_path": ("netdesk.db.connection", "current_path"),
    "StoreError": ("netdesk.db.errors", "StoreError"),
    "database": ("netdesk.db.models", "database"),
}

__all__ = [
    "StoreError",
    "close_database",
    "current_path",
    "database",
    "open",
    "open_database",
    "open_for_window",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'netdesk.db' has no attribute {name!r}")
    module, attribute = _WHERE[name]
    return getattr(importlib.import_module(module), attribute)
