"""iCalendar (RFC 5545) input: each meeting of a calendar file as a plain record.

icalendar parses the file: unfolding, unescaping, time zones (an IANA name, a Windows name such
as Outlook's "W. Europe Standard Time", or the file's own VTIMEZONE). A meeting becomes one
`CalendarEntry` dated in the user's time zone: an hour in a zone or in UTC is moved there, so a
call at 21:00 in New York is the next day in Paris; a floating time and an all-day date are
taken as written. A repeating meeting (RRULE) is one entry on its first occurrence (its DTSTART),
so the same file gives the same date on every import; the changed occurrences of a series
(RECURRENCE-ID) share its UID and are left out. Attendees are the ATTENDEE lines of people
(rooms and other resources are not), each with a name when the line gives one that is not just
the address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netdesk.io import encodings
from netdesk.io.errors import ReadError
from netdesk.io.field_limits import (
    MAX_LABEL,
    MAX_LONG_TEXT,
    MAX_NAME,
    MAX_POINT,
    MAX_TITLE,
    MAX_UID,
)
from netdesk.io.limits import MAX_FILE_BYTES, too_large
from netdesk.io.names import split_full_name

NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str  # "" when the calendar gave only an address
    email: str  # "" when the calendar gave only a name

    @property
    def label(self) -> str:
        return self.name or self.email


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    uid: str
    summary: str
    day: dt.date
    place: str = ""
    description: str = ""
    recurring: bool = False
    attendees: tuple[Attendee, ...] = ()


@dataclass
class CalendarFile:
    entries: list[CalendarEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one sentence per meeting left out


def read_file(path: Path, zone: dt.tzinfo | None = None) -> CalendarFile:
    """The meetings of the calendar at `path`; ReadError (one sentence) when it is not one."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise too_large("calendar")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"This calendar file cannot be read: {exc.strerror or exc}.") from exc
    return read_bytes(data, zone)


def read_bytes(data: bytes, zone: dt.tzinfo | None = None) -> CalendarFile:
    """The meetings of a calendar; `zone` is the user's time zone (None: this machine's)."""
    import icalendar  # a tenth of a second to import: only when a calendar is read

    result = CalendarFile()
    text = _decoded(data, result.problems)
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        raise ReadError("This is not an iCalendar file (no BEGIN:VCALENDAR).")
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as exc:
        raise ReadError(f"This calendar file cannot be read: {exc}.") from exc
    if not calendars:
        raise ReadError("This calendar file cannot be read: it ends before its calendar does.")
    seen: set[str] = set()
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            _add_event(event, zone, result, seen)
    return result


def _decoded(data: bytes, problems: list[str]) -> str:
    """The file as text: UTF-8 as the standard says, else UTF-16 or the legacy code page that
    reads most like names (old Outlook exports are Windows-1252), said in a problem line."""
    decision = encodings.decide(data)
    if decision.guessed:
        problems.append(encodings.guessed_message(decision.codec))
    return data.decode(decision.codec, errors="replace")


def _add_event(event: Any, zone: dt.tzinfo | None, result: CalendarFile, seen: set[str]) -> None:
    summary = _text(event.get("SUMMARY"), MAX_TITLE) or "Untitled meeting"
    uid = _text(event.get("UID"), MAX_UID)
    if event.get("RECURRENCE-ID") is not None or (uid and uid in seen):
        return  # one entry per meeting: a changed occurrence belongs to its series
    if _text(event.get("STATUS"), MAX_LABEL).upper() == "CANCELLED":
        result.problems.append(f"“{summary}” was cancelled and was left out.")
        return
    start = _start(event)
    if not isinstance(start, dt.date):
        result.problems.append(f"“{summary}” has no start date and was left out.")
        return
    seen.add(uid)
    result.entries.append(
        CalendarEntry(
            uid=uid,
            summary=summary,
            day=local_day(start, zone),
            place=_one_line(_text(event.get("LOCATION"), MAX_POINT)),
            description=_text(event.get("DESCRIPTION"), MAX_LONG_TEXT),
            recurring=event.get("RRULE") is not None,
            attendees=_attendees(event.get("ATTENDEE")),
        )
    )


def _one_line(text: str) -> str:
    """An address written over several lines, on one: "Station F, 5 Parvis Alan Turing"."""
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


def _start(event: Any) -> object:
    """DTSTART's date or datetime; None when it is missing or is no date."""
    try:
        return getattr(event.get("DTSTART"), "dt", None)
    except ValueError:  # icalendar keeps an unreadable value and raises when it is asked for
        return None


def local_day(value: dt.date | dt.datetime, zone: dt.tzinfo | None = None) -> dt.date:
    """The day a start falls on for the user: an hour with a zone (or UTC) moves to `zone`
    (None: this machine's), a floating hour and an all-day date stay as written."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.date()
        return value.astimezone(zone).date()
    return value


def _attendees(lines: Any) -> tuple[Attendee, ...]:
    if lines is None:
        return ()
    found: dict[str, Attendee] = {}
    for line in lines if isinstance(lines, list) else [lines]:
        if str(line.params.get("CUTYPE", "")).upper() in NOT_PEOPLE:
            continue
        attendee = _attendee(str(line), line.params)
        key = attendee.email.lower() or attendee.name.lower()
        if key and key not in found:
            found[key] = attendee
    return tuple(found.values())


def _attendee(address: str, params: Any) -> Attendee:
    """Apple puts the address in EMAIL= and a urn:uuid or a principal path after the colon."""
    email = str(params.get("EMAIL", "")).strip()[:MAX_POINT]
    if not email and address.lower().startswith("mailto:"):
        email = address[len("mailto:") :].strip()[:MAX_POINT]
    name = " ".join(str(params.get("CN", "")).split())[:MAX_NAME]
    if name.lower() == email.lower() or ("@" in name and " " not in name):
        name = ""  # Google writes the address as the name of a guest it knows no name for
    return Attendee(name=_natural_order(name), email=email if "@" in email else "")


def _natural_order(name: str) -> str:
    """ "Souza, Ana" (Outlook's directory order) -> "Ana Souza"; other names stay."""
    if "," not in name:
        return name
    parts = split_full_name(name)
    words = " ".join(w for w in (parts.prefix, parts.given, parts.additional, parts.family) if w)
    return f"{words}, {parts.suffix}" if parts.suffix else words


def _text(value: Any, limit: int) -> str:
    """The value as text, cut to what netdesk stores of its kind (the reader's only check)."""
    return str(value).strip()[:limit] if value is not None else ""
