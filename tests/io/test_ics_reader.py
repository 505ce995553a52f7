"""Calendar files as Google Calendar, Outlook, Apple Calendar and Thunderbird export them: each
meeting on the user's local day, its people with their names and addresses, rooms left out."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from netdesk.io import ics_reader
from netdesk.io.errors import ReadError
from netdesk.io.ics_reader import Attendee
from tests.helpers.paths import FIXTURES

ICS = FIXTURES / "ics"
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def entries(name: str, zone: dt.tzinfo = PARIS) -> dict[str, ics_reader.CalendarEntry]:
    return {e.summary: e for e in ics_reader.read_file(ICS / name, zone).entries}


def test_google_names_addresses_and_a_guest_known_only_by_address():
    call = entries("google.ics")["Partnership call"]
    assert call.uid == "7kq3c1v0m2b8h4tr5a6s9d0f1g@google.com"
    assert call.attendees == (
        Attendee("Ana Souza", "ana.souza@example.com"),
        Attendee("Bruno Keller", "bruno.keller@fjordlight.example"),
        Attendee("", "chloe.martin@example.org"),
    )
    assert call.description == "Late call with the Boston team, agenda in the doc."


def test_an_hour_in_a_named_zone_falls_on_the_users_local_day():
    # 21:00 in New York on the 14th is 03:00 on the 15th in Paris
    assert entries("google.ics", NEW_YORK)["Partnership call"].day == dt.date(2026, 12, 14)
    assert entries("google.ics", PARIS)["Partnership call"].day == dt.date(2026, 12, 15)


def test_an_outlook_windows_zone_name_is_understood():
    # 00:05 in "W. Europe Standard Time" (UTC+1) is still the 9th in New York
    review = entries("outlook.ics", PARIS)["Nordbank <b>quarterly</b> review"]
    assert review.day == dt.date(2026, 12, 10)
    assert entries("outlook.ics", NEW_YORK)[review.summary].day == dt.date(2026, 12, 9)


def test_outlook_directory_names_read_first_name_first_and_rooms_are_not_people():
    review = entries("outlook.ics")["Nordbank <b>quarterly</b> review"]
    assert review.attendees == (
        Attendee("Ana Souza", "Ana.Souza@Example.com"),
        Attendee("Erik Lindqvist", "erik.lindqvist@nordbank.example"),
    )
    assert review.place == "Room 4.12 (Oslo)"
    assert "<figures> & last quarter's notes" in review.description


def test_a_repeating_meeting_is_one_entry_on_its_first_occurrence():
    mentoring = entries("google.ics", AUCKLAND)["Weekly mentoring"]
    assert mentoring.recurring
    # 15:00 UTC on Monday 5 January is Tuesday the 6th in Auckland
    assert mentoring.day == dt.date(2026, 1, 6)


def test_an_all_day_date_is_that_day_everywhere():
    for zone in (PARIS, NEW_YORK, AUCKLAND):
        assert entries("apple.ics", zone)["Climate Tech Summit"].day == dt.date(2026, 11, 18)


def test_apple_addresses_in_the_email_parameter_and_a_name_without_an_address():
    summit = entries("apple.ics")["Climate Tech Summit"]
    assert summit.attendees == (
        Attendee("Bruno Keller", "bruno.keller@fjordlight.example"),
        Attendee("Zoé Dubois", "zoe@atelier-dubois.example"),
        Attendee("Ana Souza", ""),
    )
    assert summit.place == "Station F, 5 Parvis Alan Turing, 75013 Paris, France"


def test_a_floating_time_is_the_day_written_wherever_the_user_is():
    for zone in (PARIS, AUCKLAND, NEW_YORK):
        coffee = entries("thunderbird.ics", zone)["Coffee with the hiring panel"]
        assert coffee.day == dt.date(2026, 12, 3)
    assert coffee.attendees[0] == Attendee("", "d.osei@example.net")


def test_a_meeting_without_a_start_is_left_out_with_a_sentence():
    calendar = ics_reader.read_file(ICS / "thunderbird.ics", PARIS)
    assert [e.summary for e in calendar.entries] == ["Coffee with the hiring panel"]
    assert calendar.problems == ["“Event without a start” has no start date and was left out."]


def test_a_start_that_is_no_date_leaves_that_meeting_out_with_a_sentence():
    data = (ICS / "thunderbird.ics").read_bytes().replace(b"20261203T233000", b"someday")
    calendar = ics_reader.read_bytes(data, PARIS)
    assert calendar.entries == []
    assert (
        calendar.problems[0] == "“Coffee with the hiring panel” has no start date and was left out."
    )


def test_a_cancelled_meeting_is_left_out_with_a_sentence():
    data = (ICS / "google.ics").read_bytes().replace(b"STATUS:CONFIRMED", b"STATUS:CANCELLED", 1)
    calendar = ics_reader.read_bytes(data, PARIS)
    assert [e.summary for e in calendar.entries] == ["Weekly mentoring"]
    assert calendar.problems == ["“Partnership call” was cancelled and was left out."]


def test_text_that_is_not_utf8_is_read_rather_than_refused():
    data = (ICS / "thunderbird.ics").read_bytes().replace("é".encode(), "é".encode("latin-1"))
    calendar = ics_reader.read_bytes(data, PARIS)
    assert [e.place for e in calendar.entries] == ["Café Lumen"]
    assert calendar.problems[0].startswith("This file is not UTF-8 and was read as")


def test_a_utf16_calendar_is_read():
    data = (ICS / "apple.ics").read_text(encoding="utf-8").encode("utf-16")
    [summit] = ics_reader.read_bytes(data, PARIS).entries
    assert summit.attendees[1].name == "Zoé Dubois"


def test_a_changed_occurrence_of_a_series_is_not_a_second_meeting():
    data = (
        (ICS / "google.ics")
        .read_bytes()
        .replace(
            b"END:VCALENDAR",
            b"BEGIN:VEVENT\r\nUID:0r9i8u7y6t5r4e3w2q1@google.com\r\n"
            b"RECURRENCE-ID:20260112T150000Z\r\nDTSTART:20260112T170000Z\r\n"
            b"SUMMARY:Weekly mentoring (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR",
        )
    )
    summaries = [e.summary for e in ics_reader.read_bytes(data, PARIS).entries]
    assert summaries == ["Partnership call", "Weekly mentoring"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n", "This is not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "it ends before its calendar does"),
        (b"BEGIN:VCALENDAR\r\n\xff\xfe garbage\r\nEND:VCALENDAR", "cannot be read: Content"),
    ],
)
def test_a_file_that_is_no_calendar_is_refused_in_one_sentence(data, message):
    with pytest.raises(ReadError, match=message) as caught:
        ics_reader.read_bytes(data, PARIS)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_one_sentence(tmp_path):
    with pytest.raises(ReadError, match="This calendar file cannot be read: No such file"):
        ics_reader.read_file(tmp_path / "gone.ics")
