"""Upcoming reminders as an iCalendar file, for the calendar the user already looks at.

Keep-in-touch dates, birthdays, follow-ups and promised favours from today to a horizon become
all-day events; what is overdue already lands on today (a calendar shows no past reminders).
UIDs follow the thing, not its date, where the date moves: a keep-in-touch event keeps its UID
when the next catch-up shifts, so importing a newer export moves the event.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

from netdesk.core import due
from netdesk.core.due import DueItem
from netdesk.core.exporting import write_to
from netdesk.io.ics_writer import CalendarEvent, write_ics
from netdesk.values import DueKind

DEFAULT_DAYS = 90
MAX_DAYS = 3650

_SUMMARY = {
    DueKind.KEEP_IN_TOUCH: "Get in touch with {name}",
    DueKind.BIRTHDAY: "{name}'s birthday",
    DueKind.FOLLOW_UP: "Follow up with {name}",
    DueKind.FAVOUR: "A favour for {name}",
}
_CATEGORY = {
    DueKind.KEEP_IN_TOUCH: "Keep in touch",
    DueKind.BIRTHDAY: "Birthday",
    DueKind.FOLLOW_UP: "Follow-up",
    DueKind.FAVOUR: "Favour",
}


def events(today: dt.date, days: int = DEFAULT_DAYS) -> list[CalendarEvent]:
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")
    return [_event(item, today) for item in due.upcoming(today, days)]


def _event(item: DueItem, today: dt.date) -> CalendarEvent:
    description = item.detail
    day = item.due
    if day < today:
        description = f"Overdue since {day:%d %B %Y}. {description}"
        day = today
    return CalendarEvent(
        uid=_uid(item),
        day=day,
        summary=_SUMMARY[item.kind].format(name=item.name),
        description=description,
        categories=("netdesk", _CATEGORY[item.kind]),
    )


def _uid(item: DueItem) -> str:
    if item.kind is DueKind.KEEP_IN_TOUCH:
        key = f"keep-in-touch-{item.person_id}"
    elif item.kind is DueKind.BIRTHDAY:
        key = f"birthday-{item.person_id}-{item.due.year}"
    elif item.kind is DueKind.FOLLOW_UP:  # ref > 0: a follow-up reminder, < 0: an interaction's
        key = f"follow-up-{'reminder' if item.ref > 0 else 'interaction'}-{abs(item.ref)}"
    else:
        key = f"favour-{item.ref}"
    return f"{key}@netdesk"


def export(
    target: Path | str | TextIO,
    *,
    today: dt.date | None = None,
    days: int = DEFAULT_DAYS,
    now: dt.datetime | None = None,
) -> int:
    """Write the reminders of the next `days` days; returns how many events."""
    today = today or dt.date.today()
    found = events(today, days)
    stamp = now or dt.datetime.now(dt.UTC)
    return write_to(target, lambda out: write_ics(found, out, stamp=stamp))
