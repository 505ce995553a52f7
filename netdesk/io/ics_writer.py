"""iCalendar (RFC 5545) output: all-day events, written with vobject.

vobject does the parts people get wrong by hand: escaping of `,` `;` `\\` and newlines in text,
folding lines at 75 octets without splitting a UTF-8 character, and CRLF line ends.
Events are all-day and transparent (they remind, they do not block time), and each carries a
stable UID so importing a newer export into a calendar updates the events instead of doubling
them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

import vobject
from vobject.icalendar import utc

from netdesk import __version__

PRODID = f"-//netdesk//netdesk {__version__}//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: dt.date
    summary: str
    description: str = ""
    categories: tuple[str, ...] = ()


def write_ics(events: Iterable[CalendarEvent], out: TextIO, *, stamp: dt.datetime) -> int:
    """Write one VCALENDAR holding the events; returns how many were written.

    `stamp` (timezone-aware) becomes every event's DTSTAMP: when this export was made.
    """
    calendar = vobject.iCalendar()
    calendar.add("prodid").value = PRODID
    calendar.add("calscale").value = "GREGORIAN"
    stamp = stamp.astimezone(utc).replace(microsecond=0)
    written = 0
    for event in events:
        vevent = calendar.add("vevent")
        vevent.add("uid").value = event.uid
        vevent.add("dtstamp").value = stamp
        vevent.add("dtstart").value = event.day
        vevent.add("dtend").value = event.day + dt.timedelta(days=1)
        vevent.add("summary").value = event.summary
        if event.description:
            vevent.add("description").value = event.description
        if event.categories:
            vevent.add("categories").value = list(event.categories)
        vevent.add("transp").value = "TRANSPARENT"
        written += 1
    out.write(calendar.serialize())
    return written
