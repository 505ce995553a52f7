"""What to tell the user when a write failed: one sentence, whatever layer the failure came from.

Services raise CoreError and StoreError with a sentence already; SQLite's own failures (a full
disk, a lock held too long, a read-only file, an I/O error) arrive as sqlite3 or peewee errors
and are put into words here. Every write is one transaction, so each sentence can say that
nothing was saved.
"""

from __future__ import annotations

import errno
import sqlite3

import peewee as pw

from netdesk.core.errors import CoreError
from netdesk.db.errors import StoreError

DISK_FULL = "The disk is full: nothing was saved."
BUSY = "The database is busy in another program: nothing was saved. Try again in a moment."
READ_ONLY = "The database cannot be written (it is read-only): nothing was saved."
IO_ERROR = "The disk could not be written: nothing was saved."

# What a write can fail with that is not a bug; anything else is one and should be raised.
WRITE_FAILURES = (CoreError, StoreError, sqlite3.Error, pw.DatabaseError, OSError)


def explain(exc: BaseException) -> str:
    """The sentence for a write that failed with one of WRITE_FAILURES."""
    if isinstance(exc, (sqlite3.Error, pw.DatabaseError)):
        return _database_failure(str(exc).lower(), exc)
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DISK_FULL
        return f"{exc.strerror or exc}: nothing was saved."
    return str(exc)


def _database_failure(text: str, exc: BaseException) -> str:
    if "full" in text:  # "database or disk is full"
        return DISK_FULL
    if "locked" in text or "busy" in text:
        return BUSY
    if "readonly" in text or "read-only" in text:
        return READ_ONLY
    if "disk i/o" in text:
        return IO_ERROR
    return f"The database could not be written ({exc}): nothing was saved."
