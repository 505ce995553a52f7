"""Everything the window's person pane shows about one person, read in one call.

A handful of indexed queries (a few milliseconds): quick enough for the pane to read it on the
GUI thread when the selection changes, without a worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from netdesk.core import (
    favours,
    follow_ups,
    health,
    interactions,
    listing,
    needs,
    people,
    relationships,
)
from netdesk.core.favours import FavourEntry
from netdesk.core.follow_ups import FollowUp
from netdesk.core.health import PersonHealth
from netdesk.core.interactions import TimelineEntry
from netdesk.core.needs import DEFAULT_STALE_DAYS, NeedEntry
from netdesk.core.people import PersonDetail
from netdesk.core.relationships import Link
from netdesk.db.models import Event, Interaction, Participant, Person
from netdesk.values import KeepInTouch, TagKind

TIMELINE_LIMIT = 500


@dataclass(frozen=True)
class PersonView:
    detail: PersonDetail
    status: KeepInTouch
    next_due: dt.date | None
    circle: str  # the first circle, as the people list shows it
    met_through: tuple[int, str] | None  # (id, name) of who introduced them
    next_birthday: dt.date | None
    turns: int | None  # age on the next birthday, when the year is known
    timeline: list[TimelineEntry] = field(default_factory=list)
    favours: list[FavourEntry] = field(default_factory=list)
    needs: list[NeedEntry] = field(default_factory=list)  # looking for, then can help with
    needs_stale_days: int = DEFAULT_STALE_DAYS
    follow_ups: list[FollowUp] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    events: list[tuple[int, str, dt.date]] = field(default_factory=list)  # events attended
    health: PersonHealth | None = None

    @property
    def id(self) -> int:
        return self.detail.id

    def tags_of(self, *kinds: TagKind) -> list[str]:
        return [name for kind, name in self.detail.tags if kind in kinds]


def load(person_id: int, today: dt.date | None = None) -> PersonView:
    """The pane's data for one person; raises core.errors.NotFound when they are gone."""
    today = today or dt.date.today()
    detail = people.get(person_id)
    row = listing.row(person_id, today)
    met_through = None
    if detail.met_through_id:
        introducer = Person.get_or_none(Person.id == detail.met_through_id)
        if introducer is not None:
            met_through = (int(introducer.id), str(introducer.display_name))
    next_birthday = detail.birthday.next_on_or_after(today) if detail.birthday else None
    return PersonView(
        detail=detail,
        status=row.status if row else KeepInTouch.UNTRACKED,
        next_due=row.next_due if row else None,
        circle=row.circle if row else "",
        met_through=met_through,
        next_birthday=next_birthday,
        turns=detail.birthday.age_on(next_birthday) if detail.birthday and next_birthday else None,
        timeline=interactions.timeline(person_id, limit=TIMELINE_LIMIT),
        favours=favours.for_person(person_id),
        needs=needs.for_person(person_id),
        needs_stale_days=needs.stale_days(),
        follow_ups=follow_ups.for_person(person_id),
        links=relationships.links(person_id),
        events=_events(person_id),
        health=health.for_person(person_id, today),
    )


def _events(person_id: int) -> list[tuple[int, str, dt.date]]:
    query = (
        Event.select(Event.id, Event.name, Event.date)
        .join(Interaction, on=(Event.interaction == Interaction.id))
        .join(Participant, on=(Participant.interaction == Interaction.id))
        .where(Participant.person == person_id)
        .order_by(Event.date.desc())
        .tuples()
    )
    return [(int(i), str(n), d) for i, n, d in query]
