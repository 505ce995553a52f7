"""Errors a user can cause when opening a database; each says what happened in one sentence."""

from __future__ import annotations


class StoreError(Exception):
    """A database problem to show the user as one sentence."""


class FolderMissing(StoreError):
    pass


class NotADatabase(StoreError):
    pass


class DatabaseCorrupt(StoreError):
    pass


class SchemaTooNew(StoreError):
    pass


class DatabaseUnavailable(StoreError):
    """Locked beyond the busy timeout, unreadable, or on a full disk."""


class WouldOverwriteDatabase(StoreError):
    """A file was to be written over a database (the open one, a backup, any SQLite file)."""


class ReadOnlyDatabase(StoreError):
    """The database can be read but not written (a read-only file, folder or disk)."""


class DatabaseGone(StoreError):
    """The open database's file was deleted or moved away from its path."""


class DatabaseReplaced(StoreError):
    """Another file now sits at the open database's path."""
