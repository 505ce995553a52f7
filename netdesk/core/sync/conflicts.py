"""The review list: what a sync could not decide alone.

- a field both sides changed differently (kind "field"): netdesk kept its value, the other
  side's waits here. `resolve_conflict(id, "theirs")` applies it to the person (the next sync
  writes it to the folder); "mine" keeps netdesk's value, already in the folder.
- a card removed on the other side while the person changed here (kind "deleted"): the person
  stays. "mine" writes their card again at the next sync; "theirs" archives them.

`list_conflicts()` gives the window plain rows (the field said in words). Every change goes
through `store.write()`, so the window's change bridge sees it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from netdesk.core import health, people, store
from netdesk.core.errors import NotFound, ValidationError
from netdesk.core.sync import cards, merge3, state
from netdesk.core.sync.merge3 import FieldConflict
from netdesk.db.models import Person, SyncConflict
from netdesk.values import Topic

__all__ = ["DELETED", "FIELD", "ConflictRow", "list_conflicts", "resolve_conflict"]

FIELD = "field"
DELETED = "deleted"
_DELETED_FIELD = "card"
_PHOTO_WORDS = "a photo"


@dataclass(frozen=True)
class ConflictRow:
    id: int
    person_id: int
    person_name: str
    field: str  # the field in words: "phones", "birthday", "the whole card"
    local_value: str
    remote_value: str
    kind: str  # "field" or "deleted"
    account: str
    created: dt.datetime


def _shown(field: str, value: str) -> str:
    """A stored value as the review list says it."""
    if field == "photo":
        return _PHOTO_WORDS if value else ""
    if field == "nurture":
        return "yes" if value else "no"
    if field == "cadence_days" and value.isdigit() and int(value) > 0:
        return health.every(int(value))
    if field == "name_parts":
        family, given, additional, prefix, suffix = merge3.split_value(value, 5)
        return " ".join(p for p in (prefix, given, additional, family, suffix) if p)
    return value


def list_conflicts() -> list[ConflictRow]:
    """Every open conflict in the open database, oldest first."""
    query = (
        SyncConflict.select(SyncConflict, Person.id, Person.display_name)
        .join(Person)
        .order_by(SyncConflict.created, SyncConflict.id)
    )
    return [
        ConflictRow(
            int(row.id),
            int(row.person.id),
            row.person.display_name,
            "the whole card" if row.kind == DELETED else merge3.LABELS.get(row.field, row.field),
            _shown(row.field, row.local_value),
            _shown(row.field, row.remote_value),
            row.kind,
            row.account,
            row.created,
        )
        for row in query
    ]


def record_field(account: str, person_id: int, conflict: FieldConflict) -> None:
    """Keep the other side's value (one open row per person and field); inside a write."""
    SyncConflict.delete().where(
        (SyncConflict.person == person_id) & (SyncConflict.field == conflict.field)
        & (SyncConflict.account == account)
    ).execute()
    SyncConflict.create(
        account=account,
        person=person_id,
        field=conflict.field,
        local_value=conflict.local,
        remote_value=conflict.remote,
        kind=FIELD,
    )
    store.changed(Topic.PEOPLE, person_id)


def record_deleted(account: str, person_id: int) -> None:
    """The card went on the other side while the person changed here; inside a write."""
    exists = SyncConflict.select().where(
        (SyncConflict.person == person_id) & (SyncConflict.kind == DELETED)
        & (SyncConflict.account == account)
    ).exists()
    if not exists:
        SyncConflict.create(
            account=account, person=person_id, field=_DELETED_FIELD,
            local_value="changed here", remote_value="removed there", kind=DELETED,
        )
    store.changed(Topic.PEOPLE, person_id)


def drop_removal(account: str, person_id: int) -> None:
    """The card is back on the other side: its removal asks nothing any more; inside a write."""
    SyncConflict.delete().where(
        (SyncConflict.person == person_id) & (SyncConflict.kind == DELETED)
        & (SyncConflict.account == account)
    ).execute()


def waiting_removal(account: str) -> set[int]:
    """People whose card removal waits for the user in this account."""
    query = SyncConflict.select(SyncConflict.person).where(
        (SyncConflict.kind == DELETED) & (SyncConflict.account == account)
    )
    return {int(pid) for (pid,) in query.tuples()}


def resolve_conflict(conflict_id: int, keep: Literal["mine", "theirs"]) -> None:
    """Settle one conflict: keep netdesk's value ("mine") or take the other side's ("theirs")."""
    if keep not in ("mine", "theirs"):
        raise ValidationError("Keep “mine” or “theirs”.", "keep")
    with store.write():
        row = SyncConflict.get_or_none(SyncConflict.id == conflict_id)
        if row is None:
            raise NotFound(f"There is no sync conflict {conflict_id}.")
        if row.kind == DELETED:
            _settle_removal(row, keep)
        elif keep == "theirs":
            _take_theirs(row)
        row.delete_instance()
        store.changed(Topic.PEOPLE, int(row.person_id))


def _settle_removal(row: SyncConflict, keep: str) -> None:
    gone = state.for_person(row.account, int(row.person_id))
    if gone is not None and not gone.href:
        state.drop(row.account, gone.uid)  # "mine": written again as a new card next time
    if keep == "theirs":
        people.set_archived(int(row.person_id), True)


def _take_theirs(row: SyncConflict) -> None:
    person_id = int(row.person_id)
    detail = people.get(person_id)
    needs = cards.needs_of([person_id]).get(person_id, [])
    fields, _uid = merge3.fields_of_text(cards.render(detail, detail.uid or "", needs))
    fields[row.field] = row.remote_value
    cards.apply_fields(person_id, fields, dt.date.today())
