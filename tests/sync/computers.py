"""netdesk databases standing for computers: one open at a time (the store is one per
process), each with the same server account."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from netdesk.core.sync.accounts import Account
from tests.helpers.radicale import PASSWORD, USER, Radicale


@contextlib.contextmanager
def computer(db_path: Path) -> Iterator[None]:
    """The netdesk database `db_path` open, as one computer's netdesk."""
    from netdesk import db

    db.open(db_path)
    try:
        yield
    finally:
        db.close_database()


def add_account(server: Radicale, *, tasks: bool = False, password: str = PASSWORD) -> Account:
    from netdesk.core.sync import accounts

    account, _plain_file = accounts.add(server.url, USER, password, name="radicale", tasks=tasks)
    return account
