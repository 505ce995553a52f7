"""Transactions that SQLite ends on its own.

On SQLITE_FULL, IOERR or NOMEM SQLite may roll the whole transaction back by itself (always when
the failing transaction changed the schema). Peewee then issues its own ROLLBACK (or ROLLBACK TO
SAVEPOINT), which fails with "no transaction is active" or "no such savepoint", and that second
error hides the real one ("database or disk is full") from the user. These classes skip the
rollback when there is nothing left to roll back.
"""

from __future__ import annotations

import peewee as pw


def _sqlite_ended_it(db: pw.Database | pw.DatabaseProxy) -> bool:
    return not db.is_closed() and not db.connection().in_transaction


class _Savepoint(pw._savepoint):  # peewee's nested transaction
    def rollback(self, begin: bool = True) -> None:
        if not _sqlite_ended_it(self.db):
            super().rollback(begin)


class NetdeskDatabase(pw.SqliteDatabase):
    def rollback(self) -> None:
        if not _sqlite_ended_it(self):
            super().rollback()

    def savepoint(self) -> pw._savepoint:
        return _Savepoint(self)


class NetdeskProxy(pw.DatabaseProxy):
    """The proxy models bind to; its nested transactions are `_Savepoint`s too."""

    def savepoint(self) -> pw._savepoint:
        return _Savepoint(self)
