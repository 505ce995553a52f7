"""CSV readers: every sample layout in the shared corpus, plus encodings and bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netdesk.io.csv_readers import detect_layout, read_csv
from netdesk.io.dates import is_empty_date, parse_date
from netdesk.io.errors import FileTooLargeError, UnknownFormatError
from netdesk.io.limits import MAX_FILE_BYTES
from netdesk.io.records import ContactRecord, ReadResult
from netdesk.values import Birthday, PointKind, TagKind


def read(csv_dir: Path, name: str) -> ReadResult:
    return read_csv((csv_dir / name).read_bytes())


def points(record: ContactRecord, kind: PointKind) -> list[tuple[str, str, bool]]:
    return [(p.value, p.label, p.preferred) for p in record.points if p.kind is kind]


def by_name(result: ReadResult) -> dict[str, ContactRecord]:
    return {r.display_name(): r for r in result.records}


def test_layouts_detected(csv_dir: Path) -> None:
    formats = {path.name: read(csv_dir, path.name).format for path in sorted(csv_dir.glob("*.csv"))}
    assert formats == {
        "google_contacts.csv": "google",
        "google_contacts_legacy.csv": "google-legacy",
        "google_contacts_outlook_format.csv": "outlook",
        "linkedin_Connections.csv": "linkedin",
        "outlook_com_contacts.csv": "outlook",
        "outlook_desktop_contacts.csv": "outlook",
    }


def test_linkedin(csv_dir: Path) -> None:
    result = read(csv_dir, "linkedin_Connections.csv")
    assert result.cards == 6 and not result.problems
    people = by_name(result)
    maren = people["Maren Ostby"]
    assert maren.card == 1 and maren.line == 5  # the header follows a "Notes:" preamble
    assert points(maren, PointKind.URL) == [
        ("https://www.linkedin.com/in/maren-ostby-4b1a2c", "linkedin", False)]
    assert (maren.connected_on, maren.connected_via, maren.met_on) == (
        dt.date(2024, 3, 14), "LinkedIn", None)  # a connection, not a meeting
    assert (maren.positions[0].organization, maren.positions[0].title) == (
        "Fjordlight Analytics", "Head of Data")
    tobias = people["Tobias Quenneville"]
    assert points(tobias, PointKind.EMAIL) == [("tobias.q@example.com", "", False)]
    assert tobias.positions[0].organization == "Quenneville & Daughters, LLC"
    assert tobias.connected_on == dt.date(2023, 1, 2)
    aiyana = people["Aiyana Redcloud PhD"]
    assert (aiyana.family, aiyana.suffix) == ("Redcloud", "PhD")
    assert aiyana.positions[0].title == "Principal Scientist, Assays"
    zoe = people["Zoë Ferreira-Lindqvist"]
    assert zoe.positions[0].title == 'Fundadora "Café com Dados" ☕'
    kenji = people["Kenji"]
    assert kenji.is_valid() and kenji.positions == []


def test_google_current_layout(csv_dir: Path) -> None:
    result = read(csv_dir, "google_contacts.csv")
    assert result.cards == 5
    people = by_name(result)
    odalys = people["Odalys Brennan-Achebe"]
    assert points(odalys, PointKind.EMAIL) == [("odalys@example.com", "work", True),
                                               ("odalys.b@example.net", "home", False)]
    assert points(odalys, PointKind.PHONE) == [("+1 555-0142", "mobile", False),
                                               ("+1 555-0199", "mobile", False)]
    assert points(odalys, PointKind.ADDRESS) == [
        ("12 Harbor Rd, Suite 4, Portland, OR 97201, US", "work", False)]
    assert points(odalys, PointKind.URL) == [("https://example.com/odalys", "profile", False)]
    assert odalys.birthday == Birthday(4, 15, 1987)
    assert odalys.anniversary == Birthday(6, 20, 2015)
    assert odalys.tags == [(TagKind.LABEL, "Conference 2024")]  # "* myContacts" is a system label
    assert odalys.note == 'Met at the freight summit.\nFollow up re: "Q3 pilot", pricing'
    assert (odalys.positions[0].organization, odalys.positions[0].title) == (
        "Lumen Freight", "Ops Lead")
    henrik = people["Dr. Henrik von Albrecht"]
    assert points(henrik, PointKind.EMAIL) == [("h.albrecht@example.de", "", True)]  # "* "
    assert henrik.line == 8  # rows with quoted line breaks: line numbers follow the file
    other = people["noreply-billing@example.org"]
    assert other.is_valid() and other.tags == []
    chidi = people["Chidi Okafor"]
    assert chidi.nickname == "CK" and chidi.tags == [(TagKind.LABEL, "Mentors")]
    assert chidi.note == "Met via: Priyanka V."
    sakura = people["Sakura Tanabe"]
    assert "X-PHONETIC-FIRST-NAME:さくら" in sakura.extra


def test_google_legacy_layout(csv_dir: Path) -> None:
    result = read(csv_dir, "google_contacts_legacy.csv")
    wilhelmina, ravi = result.records
    assert wilhelmina.formatted_name == "Wilhelmina Ngata"
    assert points(wilhelmina, PointKind.EMAIL) == [("w.ngata@example.org", "work", True)]
    assert (wilhelmina.positions[0].organization, wilhelmina.positions[0].title) == (
        "Kōwhai Trust", "Chair")
    assert wilhelmina.tags == [(TagKind.LABEL, "Board")]
    assert wilhelmina.birthday == Birthday(11, 2, 1979)
    assert points(ravi, PointKind.PHONE) == [("+91 80 5555 0123", "work", False)]


def test_google_outlook_format(csv_dir: Path) -> None:
    (marisol,) = read(csv_dir, "google_contacts_outlook_format.csv").records
    assert marisol.display_name() == "Marisol Vukovic"
    assert points(marisol, PointKind.PHONE) == [("+385 91 555 0147", "mobile", False)]
    assert points(marisol, PointKind.ADDRESS) == [
        ("Ilica 10, Zagreb, 10000, Croatia", "home", False)]
    assert marisol.tags == []  # myContacts;starred are Google system labels


def test_outlook_com(csv_dir: Path) -> None:
    beatriz, seun = read(csv_dir, "outlook_com_contacts.csv").records
    assert beatriz.birthday == Birthday(9, 14, 1983)
    assert beatriz.positions[0].organization == "Calloway, Finch & Ruiz"
    assert beatriz.positions[0].title == "Partner"
    assert points(beatriz, PointKind.ADDRESS) == [
        ("400 Mercer St, Floor 9, Seattle, WA 98109, United States", "work", False)]
    assert beatriz.note == "Prefers email; assistant handles scheduling"
    assert (seun.prefix, seun.given, seun.family) == ("Ms.", "Oluwaseun", "Adeyemi-Clarke")
    assert [p[0] for p in points(seun, PointKind.EMAIL)] == ["seun@example.org", "oac@example.net"]
    assert seun.line == 4


def test_outlook_desktop(csv_dir: Path) -> None:
    ignatius, lea = read(csv_dir, "outlook_desktop_contacts.csv").records
    assert ignatius.birthday == Birthday(3, 7, 1975)  # M/D/YYYY
    assert ignatius.anniversary is None  # 0/0/00
    assert ignatius.tags == [(TagKind.LABEL, "Clients"), (TagKind.LABEL, "Advisors")]
    assert ignatius.positions[0].title == "CTO"
    assert points(ignatius, PointKind.PHONE) == [("+44 113 496 0000", "work", False)]
    assert lea.display_name() == "Léa Marchetti" and lea.birthday is None


HEADER = "First Name,Last Name,E-mail Address,Business Phone,Company,Job Title,Birthday\r\n"


def test_empty_rows_and_rows_without_identity() -> None:
    data = (HEADER + ",,,,,,\r\n" + ",,,,,,1/2/1990\r\n" + "Ann,,,,,,\r\n").encode()
    result = read_csv(data)
    assert result.cards == 2  # the blank row is not a card
    nobody, ann = result.records
    assert not nobody.is_valid() and nobody.card == 1 and nobody.line == 3
    assert ann.is_valid() and ann.card == 2


def test_bad_dates_are_problems() -> None:
    result = read_csv((HEADER + "Ann,Lee,,,,,31/31/1990\r\n").encode())
    assert result.records[0].birthday is None
    assert [(p.card, p.line) for p in result.problems] == [(1, 2)]


def test_windows_1252_fallback_and_override() -> None:
    data = (HEADER + "Zoë,Müller,,,,,\r\n").encode("cp1252")
    result = read_csv(data)
    assert result.records[0].display_name() == "Zoë Müller"
    assert result.encoding_fallback == "windows-1252"
    assert result.problems
    chosen = read_csv(data, encoding="cp1252")
    assert chosen.encoding_fallback is None and not chosen.problems


def test_bom_semicolon_and_utf16() -> None:
    data = "\ufeff" + HEADER.replace(",", ";") + "Ann;Lee;a@b.c;;;;\r\n"
    assert read_csv(data.encode("utf-8")).records[0].display_name() == "Ann Lee"
    assert read_csv(data.encode("utf-16")).records[0].display_name() == "Ann Lee"


def test_an_unknown_layout_is_read_through_its_header_words() -> None:
    result = read_csv(b"id,name,price\n1,apple,3\n")
    assert result.format == "csv" and result.records[0].display_name() == "apple"
    assert detect_layout(["a", "b"]) is None
    with pytest.raises(UnknownFormatError, match="not a contacts CSV"):
        read_csv(b"just one line of prose\n")


def test_too_big_csv_is_refused() -> None:
    with pytest.raises(FileTooLargeError):
        read_csv(b"x" * (MAX_FILE_BYTES + 1))


def test_long_cells_and_ragged_rows() -> None:
    data = (HEADER + "Ann,Lee,,,,," + "x" * 200_000 + "\r\nBob,Ray\r\n").encode()
    ann, bob = read_csv(data).records
    assert ann.birthday is None and bob.display_name() == "Bob Ray"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_random_rows_never_crash(body: str) -> None:
    result = read_csv((HEADER + body).encode("utf-8", "surrogatepass"))
    assert result.cards == len(result.records)


def test_dates_in_export_forms() -> None:
    assert parse_date("3/7/1975") == Birthday(3, 7, 1975)
    assert parse_date("07.03.1975") == Birthday(3, 7, 1975)
    assert parse_date("14 Mar 2024") == Birthday(3, 14, 2024)
    assert parse_date("March 14, 2024") == Birthday(3, 14, 2024)
    assert parse_date("--03-14") == Birthday(3, 14)
    assert is_empty_date("0/0/00")
    for bad in ("2/30/1990", "nope", "1996", "13/1/2000"):
        with pytest.raises(ValueError):
            parse_date(bad)
