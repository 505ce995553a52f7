"""The iCalendar writer: RFC 5545 text a calendar reads back exactly."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import vobject

from netdesk.io.ics_writer import CalendarEvent, write_ics

STAMP = dt.datetime(2026, 11, 27, 9, 30, 15, 123, tzinfo=dt.UTC)


def _write(events) -> str:
    out = io.StringIO(newline="")
    assert write_ics(events, out, stamp=STAMP) == len(events)
    return out.getvalue()


def test_events_read_back_exactly_with_awkward_text():
    summary = "Zoë Müller-Łukasiewicz's birthday; turns 40, with a \\ backslash"
    description = "Line one\nLine two: " + "日本語のテキスト " * 12
    text = _write(
        [
            CalendarEvent(
                "birthday-7-2026@netdesk",
                dt.date(2026, 12, 3),
                summary,
                description,
                ("netdesk", "Birthday"),
            ),
            CalendarEvent(
                "keep-in-touch-9@netdesk", dt.date(2026, 11, 27), "Get in touch with Ana"
            ),
        ]
    )
    calendar = vobject.readOne(text)
    first, second = calendar.vevent_list
    assert first.uid.value == "birthday-7-2026@netdesk"
    assert first.summary.value == summary
    assert first.description.value == description
    assert first.categories.value == ["netdesk", "Birthday"]
    assert first.dtstart.value == dt.date(2026, 12, 3)  # all day
    assert first.dtend.value == dt.date(2026, 12, 4)
    assert first.transp.value == "TRANSPARENT"  # reminds, does not block time
    assert first.dtstamp.value == dt.datetime(2026, 11, 27, 9, 30, 15, tzinfo=dt.UTC)
    assert not hasattr(second, "description") and not hasattr(second, "categories")


def test_lines_are_crlf_and_folded_at_75_octets_without_splitting_characters():
    text = _write([CalendarEvent("u@netdesk", dt.date(2027, 1, 1), "Ä" * 200, "€" * 300)])
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")
    assert "\n" not in "".join(lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert "DTSTART;VALUE=DATE:20270101" in lines


def test_an_empty_calendar_is_still_a_valid_calendar():
    text = _write([])
    calendar = vobject.readOne(text)
    assert calendar.prodid.value.startswith("-//netdesk//")
    assert not hasattr(calendar, "vevent")


def test_writing_a_calendar_needs_no_vobject():
    """The bundle leaves vobject (and pytz, which it pulls in) out: the export must not need it."""
    script = (
        "import datetime as dt, io, sys\n"
        "from netdesk.io.ics_writer import CalendarEvent, write_ics\n"
        "write_ics([CalendarEvent('u', dt.date(2027, 1, 1), 'x')], io.StringIO(),"
        " stamp=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('vobject', 'pytz')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
