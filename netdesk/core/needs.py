"""What people are looking for and what they can help with, so the user can help without keeping
score: "looking for an analyst role", "can help with hiring analysts".

Each line is dated the day it was noted. A need or offer older than the `needs_stale_days`
setting (180 days unless set) is stale: the pane says so and suggestions leave it out, because a
job hunt or a hire from last year is most likely over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netdesk.core import settings, store
from netdesk.core.errors import NotFound, ValidationError
from netdesk.db.models import Need, Person
from netdesk.values import NeedKind, Topic

STALE_SETTING = "needs_stale_days"
DEFAULT_STALE_DAYS = 180
MAX_TEXT = 300  # one line: "a co-founder for a climate start-up", not an essay


@dataclass(frozen=True, slots=True)
class NeedEntry:
    id: int
    person_id: int
    kind: NeedKind
    text: str
    noted_on: dt.date

    def is_stale(self, today: dt.date, stale_days: int) -> bool:
        return (today - self.noted_on).days > stale_days


def stale_days() -> int:
    """After how many days a need or offer is taken as out of date."""
    value = settings.get(STALE_SETTING)
    return int(value) if value is not None else DEFAULT_STALE_DAYS


def add(person_id: int, kind: NeedKind, text: str, noted_on: dt.date | None = None) -> int:
    """Store one need or offer; ValidationError (one sentence) for empty or overlong text."""
    line = " ".join(text.split())  # one line: pasted line breaks and runs of spaces fold
    if not line:
        what = "they are looking for" if kind is NeedKind.NEED else "they can help with"
        raise ValidationError(f"Say what {what}.", "text")
    if len(line) > MAX_TEXT:
        raise ValidationError(f"Keep it under {MAX_TEXT} characters.", "text")
    with store.write():
        if Person.get_or_none(Person.id == person_id) is None:
            raise NotFound(f"Person {person_id} does not exist.")
        need = Need.create(
            person=person_id, kind=str(kind), text=line, noted_on=noted_on or dt.date.today()
        )
        store.changed(Topic.PEOPLE, person_id)
        return int(need.id)


def remove(need_id: int) -> None:
    """Forget one need or offer (nothing happens when it is already gone)."""
    need = Need.get_or_none(Need.id == need_id)
    if need is None:
        return
    with store.write():
        need.delete_instance()
        store.changed(Topic.PEOPLE, need.person_id)


def get(need_id: int) -> NeedEntry | None:
    need = Need.get_or_none(Need.id == need_id)
    return _entry(need) if need is not None else None


def for_person(person_id: int) -> list[NeedEntry]:
    """Their needs, then their offers, each newest first."""
    query = (
        Need.select()
        .where(Need.person == person_id)
        .order_by(Need.kind, Need.noted_on.desc(), Need.id.desc())
    )
    return [_entry(n) for n in query]


def fresh(today: dt.date | None = None) -> list[NeedEntry]:
    """Every need and offer not yet stale, of people not archived."""
    today = today or dt.date.today()
    since = today - dt.timedelta(days=stale_days())
    query = (
        Need.select(Need)
        .join(Person)
        .where((Need.noted_on >= since) & ~Person.archived)
        .order_by(Need.id)
    )
    return [_entry(n) for n in query]


def _entry(n: Need) -> NeedEntry:
    return NeedEntry(int(n.id), int(n.person_id), NeedKind(n.kind), n.text, n.noted_on)
