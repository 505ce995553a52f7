"""What each synced folder last agreed on: per account, a row per card (its UID, its file, the
person it is, the text both sides last held: the base of the next merge).

An account is a name the caller chooses (the transport names its accounts); without one, a
folder's absolute path names it, so two folders never share their bases. All writes here run
inside the caller's `store.write()`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from netdesk.db.models import Person, SyncState, database
from netdesk.io.vdir import text_hash

__all__ = [
    "Row",
    "account_for",
    "departed",
    "drop",
    "for_person",
    "last_pushed",
    "load",
    "mark_gone",
    "never_synced",
    "rows_of",
    "save",
    "save_pushed",
    "uids",
]

PAGE = 500


class Row(NamedTuple):
    """One card of an account as last agreed (a plain tuple: a pass reads every row)."""

    id: int
    uid: str
    href: str
    person_id: int | None
    base: str
    base_hash: str


_ROW = (
    SyncState.id, SyncState.uid, SyncState.href, SyncState.person, SyncState.base,
    SyncState.base_hash,
)


def account_for(folder: Path, account: str | None = None) -> str:
    return account or str(Path(folder).resolve())


def load(account: str) -> dict[str, Row]:
    """Every card of the account, by UID."""
    cursor = database.execute_sql(  # raw: a pass reads every row, peewee's per-row work shows
        "SELECT id, uid, href, person_id, base, base_hash FROM sync_state WHERE account = ?",
        (account,),
    )
    return {row.uid: row for row in map(Row._make, cursor.fetchall())}


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


def mark_gone(row: Row) -> None:
    """The file went on the other side while the person changed here: no file until the user
    decides (see `conflicts`)."""
    SyncState.update(href="").where(SyncState.id == row.id).execute()


def last_pushed(account: str) -> int:
    """The change number the account's last push took in (0: never pushed)."""
    row = database.execute_sql("SELECT seq FROM sync_mark WHERE account = ?", (account,))
    found = row.fetchone()
    return int(found[0]) if found else 0


def save_pushed(account: str, seq: int) -> None:
    database.execute_sql(
        "INSERT INTO sync_mark (account, seq) VALUES (?, ?)"
        " ON CONFLICT (account) DO UPDATE SET seq = excluded.seq",
        (account, seq),
    )


def uids(account: str) -> set[str]:
    query = SyncState.select(SyncState.uid).where(SyncState.account == account)
    return {uid for (uid,) in query.tuples()}


def rows_of(account: str, person_ids: set[int]) -> dict[int, Row]:
    """The rows of those people who are not archived, by person."""
    ids = sorted(person_ids)
    out: dict[int, Row] = {}
    for start in range(0, len(ids), PAGE):
        query = (
            SyncState.select(*_ROW)
            .join(Person, on=SyncState.person == Person.id)
            .where((SyncState.account == account) & SyncState.person.in_(ids[start : start + PAGE]))
            .where(~Person.archived)
            .tuples()
        )
        out.update((int(row.person_id or 0), row) for row in map(Row._make, query))
    return out


def never_synced(account: str) -> list[tuple[int, str | None]]:
    """(id, uid) of each person not archived who has no card in the account."""
    synced = SyncState.select(SyncState.person).where(
        (SyncState.account == account) & SyncState.person.is_null(False)
    )
    query = Person.select(Person.id, Person.uid).where(~Person.archived & Person.id.not_in(synced))
    query = query.order_by(Person.id)
    return [(int(pid), uid) for pid, uid in query.tuples()]


def departed(account: str) -> list[Row]:
    """The rows whose person was deleted or archived here."""
    archived = Person.select(Person.id).where(Person.archived)
    query = SyncState.select(*_ROW).where(
        (SyncState.account == account)
        & (SyncState.person.is_null() | SyncState.person.in_(archived))
    )
    return list(map(Row._make, query.tuples()))
