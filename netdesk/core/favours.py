"""Favours as plain history: what you did for someone and what they did for you, and the
promises still open, which fall due like follow-ups. No score is kept: generosity is its own
reason, and a tally of given against received would make it a transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netdesk.core import store
from netdesk.core.errors import NotFound, ValidationError
from netdesk.db.models import Favour, Person
from netdesk.values import FavourDirection, FavourStatus, Topic

PROMISE_GRACE_DAYS = 14  # an undated promise is due two weeks after it was made


@dataclass
class FavourDraft:
    """A favour as the user describes it, before it is stored."""

    direction: FavourDirection
    what: str
    date: dt.date
    due: dt.date | None
    status: FavourStatus
    notes: str


@dataclass(frozen=True)
class FavourEntry:
    id: int
    person_id: int
    person_name: str
    direction: FavourDirection
    what: str
    date: dt.date
    due: dt.date | None
    status: FavourStatus
    notes: str


def add(
    person_id: int,
    direction: FavourDirection,
    what: str,
    date: dt.date | None = None,
    *,
    due: dt.date | None = None,
    status: FavourStatus = FavourStatus.OPEN,
    notes: str = "",
) -> int:
    if not what.strip():
        raise ValidationError("Say what the favour was.", "what")
    with store.write():
        favour = Favour.create(
            person=person_id,
            direction=str(direction),
            what=what.strip(),
            date=date or dt.date.today(),
            due=due,
            status=str(status),
            notes=notes,
        )
        store.changed(Topic.FAVOURS, person_id)
        return int(favour.id)


def set_status(favour_id: int, status: FavourStatus) -> None:
    favour = Favour.get_or_none(Favour.id == favour_id)
    if favour is None:
        raise NotFound(f"Favour {favour_id} does not exist.")
    with store.write():
        favour.status = str(status)
        favour.save(only=[Favour.status])
        store.changed(Topic.FAVOURS, favour.person_id)


def delete(favour_id: int) -> None:
    favour = Favour.get_or_none(Favour.id == favour_id)
    if favour is None:
        return
    with store.write():
        favour.delete_instance()
        store.changed(Topic.FAVOURS, favour.person_id)


def for_person(person_id: int) -> list[FavourEntry]:
    query = (
        Favour.select(Favour, Person.id, Person.display_name)
        .join(Person)
        .where(Favour.person == person_id)
        .order_by(Favour.date.desc(), Favour.id.desc())
    )
    return [_entry(f) for f in query]


def _entry(f: Favour) -> FavourEntry:
    return FavourEntry(
        f.id,
        f.person_id,
        f.person.display_name,
        FavourDirection(f.direction),
        f.what,
        f.date,
        f.due,
        FavourStatus(f.status),
        f.notes,
    )


def open_promises() -> list[FavourEntry]:
    """Favours the user promised and has not done, oldest first."""
    query = (
        Favour.select(Favour, Person.id, Person.display_name)
        .join(Person)
        .where((Favour.direction == "given") & (Favour.status == "open") & ~Person.archived)
        .order_by(Favour.date)
    )
    return [_entry(f) for f in query]


def promise_due(entry: FavourEntry) -> dt.date:
    return entry.due or entry.date + dt.timedelta(days=PROMISE_GRACE_DAYS)
