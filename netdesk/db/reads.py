"""Reads that may run before the models are loaded.

The window's first page, and whether anyone is in the store at all, are plain SQL; at start-up
they run on the connection `open_for_window()` opened, so the first frame does not
wait for peewee. Once the models are loaded (the first time anything uses them) every read goes
through them, on each thread's own connection, as all other store access does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from netdesk.db import connection

if TYPE_CHECKING:
    from netdesk.db.transactions import NetdeskProxy


def execute(sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    plain = connection.plain_connection_here()
    if plain is not None:
        return plain.execute(sql, params)
    from netdesk.db.models import database  # loads and binds the models if nothing has yet

    return database.execute_sql(sql, params)


def orm_database() -> NetdeskProxy:
    """The models' database (loading them if need be), for work that writes or needs more than
    a plain read (transactions, the search index flush)."""
    from netdesk.db.models import database

    return database
