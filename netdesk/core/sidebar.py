"""Read-only counts for the window's sidebar and status bar, gathered in one call.

`load(today)` may take a second on 100,000 people (the due list walks everyone's clock), so the
window runs it in a worker thread; it only reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netdesk.core import listing
from netdesk.db import reads
from netdesk.values import TagKind

if TYPE_CHECKING:
    from netdesk.core.due import DueItem


TODAY_LIMIT = 500  # the Today list shows the most urgent; the count says how many in all


@dataclass(frozen=True, slots=True)
class Counted:
    """A circle, tag, event or saved search with how many people it holds."""

    id: int
    name: str
    count: int
    detail: str = ""  # a tag's kind, an event's date, a saved search's query


@dataclass(frozen=True)
class SidebarData:
    today: dt.date
    people: int  # not archived
    nurture: int
    birthdays_soon: int
    recently_met: int
    archived: int
    due_items: list[DueItem] = field(default_factory=list)  # the Today list (the most urgent)
    due_total: int = 0  # how many things are due in all (the list may be cut at TODAY_LIMIT)
    due_now_total: int = 0  # of those, due today or earlier
    circles: list[Counted] = field(default_factory=list)
    tags: list[Counted] = field(default_factory=list)
    events: list[Counted] = field(default_factory=list)
    smart_lists: list[Counted] = field(default_factory=list)
    stand_outs: int = 0  # people with a note on why they stand out
    snooze_ends: dt.datetime | None = None  # when a snoozed item comes back to the Today list

    @property
    def due_now(self) -> int:
        """Things due today or earlier (what the status bar calls due)."""
        return self.due_now_total


def _count(today: dt.date, kind: listing.Filter, search: str = "") -> int:
    return listing.count(listing.ListQuery(search=search, filter=kind, today=today))


def load(today: dt.date | None = None) -> SidebarData:
    """Every count the sidebar shows."""
    # imported here: the window imports this module at start-up, and only a worker loads
    from netdesk.core import circles, due, events, listing, reminder_log

    today = today or dt.date.today()
    tag_order = {TagKind.INTEREST: 0, TagKind.HOBBY: 1, TagKind.SKILL: 2, TagKind.LABEL: 3}
    tags = sorted(circles.tags(), key=lambda t: (tag_order[t.kind], t.name.casefold()))
    # what was done or snoozed (from Today or the reminders) leaves the list
    now = dt.datetime.combine(today, dt.datetime.now().time())
    items = reminder_log.still_open(due.occurrences(today), now)
    due_now_total = sum(1 for item in items if item.due <= today)
    return SidebarData(
        today=today,
        people=_count(today, listing.Filter.ALL),
        nurture=_count(today, listing.Filter.NURTURE),
        birthdays_soon=_count(today, listing.Filter.BIRTHDAYS_SOON),
        recently_met=_count(today, listing.Filter.RECENTLY_MET),
        stand_outs=_count(today, listing.Filter.STAND_OUTS),
        archived=_count(today, listing.Filter.ARCHIVED),
        due_items=items[:TODAY_LIMIT],
        due_total=len(items),
        due_now_total=due_now_total,
        snooze_ends=reminder_log.next_snooze_end(now),
        circles=[Counted(c.id, c.name, c.members) for c in circles.circles()],
        tags=[Counted(t.id, t.name, t.members, str(t.kind)) for t in tags if t.members],
        events=[
            Counted(e.id, e.name, e.attendees, e.date.isoformat()) for e in events.list_events()
        ],
        smart_lists=[
            Counted(sid, name, _count(today, listing.Filter.ALL, query), query)
            for sid, name, query in circles.saved_searches()
        ],
    )


def has_anyone() -> bool:
    """Whether the database holds any person at all, archived or not (first-run check)."""
    return reads.execute("SELECT 1 FROM person LIMIT 1").fetchone() is not None
