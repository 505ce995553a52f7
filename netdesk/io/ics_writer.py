"""iCalendar (RFC 5545) output: all-day events, written with icalendar (as the readers read).

icalendar does the parts people get wrong by hand: escaping of `,` `;` `\\` and newlines in text,
folding lines at 75 octets without splitting a UTF-8 character, and CRLF line ends.
Events are all-day and transparent (they remind, they do not block time), and each carries a
stable UID so importing a newer export into a calendar updates the events instead of doubling
them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from icalendar import Calendar, Event

from netdesk import __version__

PRODID = f"-//netdesk//netdesk {__version__}//EN"
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain(text: str) -> str:
    """Text without NUL or other control characters (line breaks stay), which calendars refuse."""
    return _CONTROLS.sub(lambda m: "" if m[0] == "\x00" else " ", text)


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
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    stamp = stamp.astimezone(dt.UTC).replace(microsecond=0)
    written = 0
    for event in events:
        calendar.add_component(_vevent(event, stamp))
        written += 1
    out.write(calendar.to_ical(sorted=False).decode("utf-8"))  # properties in the order added
    return written


def _vevent(event: CalendarEvent, stamp: dt.datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.day)  # a date: DTSTART;VALUE=DATE, an all-day event
    vevent.add("dtend", event.day + dt.timedelta(days=1))
    vevent.add("summary", _plain(event.summary))
    if event.description:
        vevent.add("description", _plain(event.description))
    if event.categories:
        vevent.add("categories", [_plain(c) for c in event.categories])
    vevent.add("transp", "TRANSPARENT")
    return vevent
