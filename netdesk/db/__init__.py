"""The store: peewee models over one SQLite file, opened in exactly one place."""

from netdesk.db.connection import close_database, current_path, open_database
from netdesk.db.errors import StoreError
from netdesk.db.models import database

open = open_database

__all__ = ["StoreError", "close_database", "current_path", "database", "open", "open_database"]
