"""iCalendar (RFC 5545) output: all-day events, written with vobject.

vobject does the parts people get wrong by hand: escaping of `,` `;` `\\` and newlines in text,
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

import vobject
from vobject.icalendar import utc

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
        vevent.add("summary").value = _plain(event.summary)
        if event.description:
            vevent.add("description").value = _plain(event.description)
        if event.categories:
            vevent.add("categories").value = [_plain(c) for c in event.categories]
        vevent.add("transp").value = "TRANSPARENT"
        written += 1
    out.write(calendar.serialize())
    return written
