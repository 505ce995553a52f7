"""What netdesk writes can always be read back, by netdesk and by vobject."""

from __future__ import annotations

import datetime as dt
import io

import vobject

from netdesk.io.csv_writer import write_csv
from netdesk.io.ics_writer import CalendarEvent, write_ics
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord
from netdesk.io.vcard_reader import read_vcards
from netdesk.io.vcard_writer import write_vcards
from netdesk.values import PointKind


def _with_nuls() -> ContactRecord:
    # stored before NULs were stripped at import, or typed through some other tool
    return ContactRecord(
        card=1, formatted_name="Ann\x00a Berg", given="Ann\x00a", family="Berg",
        note="Line\x00 one\nline\x07two", positions=[PositionRecord("Ac\x00me", "Boss\x1b")],
        points=[PointRecord(PointKind.EMAIL, "anna@exam\x00ple.com", "wo\x00rk")],
        extra=["X-CUSTOM:va\x00lue"],
    )


def test_no_writer_ever_emits_a_nul() -> None:
    for version in ("4.0", "3.0"):
        out = io.StringIO()
        write_vcards([_with_nuls()], out, version)
        text = out.getvalue()
        assert "\x00" not in text and "\x07" not in text and "\x1b" not in text
        (again,) = read_vcards(text.encode()).records
        assert (again.formatted_name, again.positions[0].organization) == ("Anna Berg", "Acme")
        assert again.points[0].value == "anna@example.com"
        assert next(vobject.readComponents(text)).fn.value == "Anna Berg"
    out = io.StringIO()
    write_csv([_with_nuls()], out)
    assert "\x00" not in out.getvalue() and "Anna Berg" in out.getvalue()
    out = io.StringIO()
    event = CalendarEvent("u1", dt.date(2026, 1, 2), "Ann\x00a's birthday", "a\x00b", ("x\x00",))
    write_ics([event], out, stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert "\x00" not in out.getvalue() and "Anna's birthday" in out.getvalue()
