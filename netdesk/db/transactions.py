"""Transactions that SQLite ends on its own.

On SQLITE_FULL, IOERR or NOMEM SQLite may roll the whole transaction back by itself (always when
the failing transaction changed the schema). Peewee then issues its own ROLLBACK (or ROLLBACK TO
SAVEPOINT), which fails with "no transaction is active" or "no such savepoint", and that second
error hides the real one ("database or disk is full") from the user. These classes skip the
rollback when there is nothing left to roll back.
"""

from __future__ import annotations

import sqlite3
import threading

import peewee as pw


def _sqlite_ended_it(db: pw.Database | pw.DatabaseProxy) -> bool:
    return not db.is_closed() and not db.connection().in_transaction


class _Savepoint(pw._savepoint):  # peewee's nested transaction
    def rollback(self, begin: bool = True) -> None:
        if not _sqlite_ended_it(self.db):
            super().rollback(begin)


class NetdeskDatabase(pw.SqliteDatabase):
    _adopted: tuple[sqlite3.Connection, int] | None = None

    def adopt(self, connection: sqlite3.Connection, thread: int) -> None:
        """Use `connection` as the connection of `thread` (the one it was opened on) instead of
        opening another: the window read its first page on it before the models were loaded."""
        self._adopted = (connection, thread)

    def _connect(self) -> sqlite3.Connection:
        adopted = self._adopted
        if adopted is not None and adopted[1] == threading.get_ident():
            self._adopted = None
            self._add_conn_hooks(adopted[0])
            return adopted[0]
        return super()._connect()

    def rollback(self) -> None:
        if not _sqlite_ended_it(self):
            super().rollback()

    def savepoint(self) -> pw._savepoint:
        return _Savepoint(self)


class NetdeskProxy(pw.DatabaseProxy):
    """The proxy models bind to; its nested transactions are `_Savepoint`s too."""

    def savepoint(self) -> pw._savepoint:
        return _Savepoint(self)
