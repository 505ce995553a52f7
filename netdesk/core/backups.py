"""Backups as the window sees them: make, list and restore copies of the database.

The copies themselves are made and checked in `netdesk.db.backup` (below core, so the
migrations can use them); the layers above reach them through here.
"""

from __future__ import annotations

from netdesk.db.backup import (
    BACKUPS_FOLDER,
    BackupInfo,
    Reason,
    Restored,
    backup_if_stale,
    backup_now,
    list_backups,
    restore,
)
from netdesk.db.errors import StoreError

__all__ = [
    "BACKUPS_FOLDER",
    "BackupInfo",
    "Reason",
    "Restored",
    "StoreError",
    "backup_if_stale",
    "backup_now",
    "list_backups",
    "restore",
]
