"""Opening and closing the one database, for the window's start (the layers above core reach
the store only through core).

The work is `netdesk.db.connection`'s, the one place a database is opened: `open_for_window`
opens a file that needs nothing done to it without loading the models, so the first frame is
painted first; `open_database` is the full path (create, upgrade, bind the models).
"""

from __future__ import annotations

from netdesk.db.connection import close_database, open_database, open_for_window

__all__ = ["close_database", "open_database", "open_for_window"]
