"""What each synced folder last agreed on: per account, a row per card (its UID, its file, the
person it is, the text both sides last held: the base of the next merge).

An account is a name the caller chooses (the transport names its accounts); without one, a
folder's absolute path names it, so two folders never share their bases. All writes here run
inside the caller's `store.write()`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netdesk.db.models import SyncState
from netdesk.io.vdir import text_hash

__all__ = ["account_for", "drop", "for_person", "load", "mark_gone", "save"]


def account_for(folder: Path, account: str | None = None) -> str:
    return account or str(Path(folder).resolve())


def load(account: str) -> dict[str, SyncState]:
    """Every card of the account, by UID."""
    return {row.uid: row for row in SyncState.select().where(SyncState.account == account)}


def for_person(account: str, person_id: int) -> SyncState | None:
    return SyncState.get_or_none(
        (SyncState.account == account) & (SyncState.person == person_id)
    )


def save(account: str, uid: str, href: str, person_id: int | None, text: str) -> None:
    """The card as both sides now hold it (created or replaced)."""
    now = dt.datetime.now().replace(microsecond=0)
    SyncState.insert(
        account=account,
        uid=uid,
        href=href,
        person=person_id,
        base=text,
        base_hash=text_hash(text),
        synced_at=now,
    ).on_conflict(
        conflict_target=[SyncState.account, SyncState.uid],
        update={
            SyncState.href: href,
            SyncState.person: person_id,
            SyncState.base: text,
            SyncState.base_hash: text_hash(text),
            SyncState.synced_at: now,
        },
    ).execute()


def drop(account: str, uid: str) -> None:
    SyncState.delete().where((SyncState.account == account) & (SyncState.uid == uid)).execute()


def mark_gone(row: SyncState) -> None:
    """The file went on the other side while the person changed here: no file until the user
    decides (see `conflicts`)."""
    SyncState.update(href="").where(SyncState.id == row.id).execute()
