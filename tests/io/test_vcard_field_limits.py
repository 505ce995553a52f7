"""Huge fields are cut at import, one problem line per cut, to the limits in field_limits."""

from __future__ import annotations

from netdesk.io import field_limits
from netdesk.io.vcard_reader import read_vcards


def huge_card() -> bytes:
    # the sizes of a real report: a 3 MB TITLE, a 2 MB ORG and an 800 KB how-met (built here
    # rather than stored: the fixture would weigh 6 MB)
    lines = [
        "BEGIN:VCARD", "VERSION:3.0", "FN:Hu Ge", "N:Ge;Hu;;;",
        "TITLE:" + "T" * 3 * 1024 * 1024,
        "ORG:" + "O" * 2 * 1024 * 1024,
        "X-NETDESK-HOW-MET:" + "\\nx" * (800 * 1024 // 3),  # the cut falls inside a `\n`
        "KEY;ENCODING=b:" + "QUJD" * 50_000,
        "NOTE:" + "n" * 200_000,
        "END:VCARD",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_every_huge_field_is_cut_with_a_problem_line() -> None:
    result = read_vcards(huge_card())
    (record,) = result.records
    (position,) = record.positions
    assert len(position.title) == field_limits.MAX_TITLE
    assert len(position.organization) == field_limits.MAX_ORGANIZATION
    assert len(record.note) == field_limits.MAX_LONG_TEXT
    (how_met,) = record.extra
    head, _, value = how_met.partition(":")
    assert head == "X-NETDESK-HOW-MET" and len(value) <= field_limits.MAX_LONG_TEXT
    assert value.endswith("x")
    assert [p.message for p in result.problems] == [
        "The note was 200,000 characters long and was cut to 100,000.",
        "The organisation was 2,097,152 characters long and was cut to 300.",
        "The title was 3,145,728 characters long and was cut to 300.",
        "The X-NETDESK-HOW-MET value was 819,198 characters long and was cut to 99,999.",
        "A KEY property of 200,000 characters was left out.",
    ]


def test_names_are_capped_too() -> None:
    card = f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{'A' * 5000}\r\nEND:VCARD\r\n".encode()
    (record,) = read_vcards(card).records
    assert len(record.formatted_name) == field_limits.MAX_NAME
    assert record.problems[0].message == (
        "The name was 5,000 characters long and was cut to 200."
    )
