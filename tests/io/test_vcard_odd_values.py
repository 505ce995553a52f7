"""Odd values real cards carry: control characters from quoted-printable, placeholder birth
years, NUL bytes. Fixtures are small files written for these cases."""

from __future__ import annotations

from pathlib import Path

from netdesk.io import reading
from netdesk.io.csv_readers import read_csv
from netdesk.io.detect import detect_format
from netdesk.io.vcard_reader import read_vcards
from netdesk.values import Birthday

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"


def _odd_values() -> reading.ReadResult:
    return read_vcards((FIXTURES / "odd_values_21.vcf").read_bytes())


def test_a_quoted_printable_control_character_becomes_a_space() -> None:
    # 2.1 phone exports encode a stray carriage return typed into a name as =0D
    jo = _odd_values().records[0]
    assert (jo.formatted_name, jo.family, jo.given) == ("Jo Nobody Nowhere", "Nobody Nowhere", "Jo")
    assert jo.positions[0].title == "Night watch"
    assert jo.note == "First line\nSecond line"  # a note keeps its line break


def test_a_placeholder_birth_year_is_dropped_with_a_problem_line() -> None:
    result = _odd_values()
    jo, priya = result.records
    assert jo.birthday == Birthday(5, 12)
    assert [p.message for p in jo.problems] == [
        "The birthday's year 1700 looks like a placeholder; the date was kept without a year."
    ]
    assert priya.birthday == Birthday(11, 3) and priya.problems == []  # Apple's 1604: no year


def test_nul_bytes_do_not_hide_a_vcard_and_never_reach_a_record() -> None:
    # a card saved into a preallocated buffer: NUL padding up to the block size, and a NUL
    # inside a value from a damaged copy
    data = (FIXTURES / "nul_padded.vcf").read_bytes()
    assert data.count(0) > 3000
    assert detect_format(data[:4096]) == "vcard"
    result = reading.read_file(FIXTURES / "nul_padded.vcf")
    (anna,) = result.records
    assert (anna.formatted_name, anna.note) == ("Anna Berg", "Met at the harbour")
    assert [p.message for p in result.problems] == [
        "3,002 NUL bytes (padding or a damaged copy) were removed from the file."
    ]


def test_utf16_is_still_told_from_nul_padding() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n"
    for codec in ("utf-16-le", "utf-16-be"):
        data = card.encode(codec)
        assert detect_format(data) == "vcard"
        assert read_vcards(data).records[0].formatted_name == "Zoë"
    assert detect_format(b"\x89PNG\r\n\x1a\n" + b"\x00" * 4000) == "unknown"


def test_a_nul_in_a_csv_cell_is_removed_with_a_problem_line() -> None:
    data = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            "Ma\x00ren,Ostby,,maren@example.com,Fjord\x00light,Head of Data,14 Mar 2024\r\n")
    result = read_csv(data.encode())
    (maren,) = result.records
    assert (maren.given, maren.positions[0].organization) == ("Maren", "Fjordlight")
    assert [p.message for p in result.problems] == [
        "NUL characters (padding or a damaged file) were removed."
    ]
