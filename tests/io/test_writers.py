"""vCard and CSV writers: round trips over the corpus, escaping, folding, CSV injection."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from netdesk.io.csv_readers import read_csv
from netdesk.io.csv_writer import HEADER, safe_cell, write_csv
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord, RelatedRecord
from netdesk.io.vcard_reader import read_vcards
from netdesk.io.vcard_writer import card_text, fold, write_vcards
from netdesk.values import Birthday, PointKind, TagKind
from tests.helpers.corpus import EXPECTED
from tests.io.helpers import image_bytes


def _key(record: ContactRecord) -> tuple:
    """What must survive a round trip (related kinds may change case via Apple labels)."""
    return (
        record.display_name(), record.prefix, record.given, record.additional, record.family,
        record.suffix, record.nickname, record.birthday, record.anniversary, record.met_on,
        [(p.kind, p.value, p.label.lower(), p.preferred) for p in record.points],
        [(p.organization, p.title, p.department) for p in record.positions],
        record.tags, record.note, record.uid, record.photo, record.extra,
        [(r.name, r.kind.lower()) for r in record.related],
    )


def _round_trip(
    records: list[ContactRecord], version: str, known: tuple[str, ...] = ()
) -> list[ContactRecord]:
    out = io.StringIO(newline="")
    assert write_vcards(records, out, version) == len(records)
    result = read_vcards(out.getvalue().encode("utf-8"))
    new = [p.message for p in result.problems if p.message not in known]
    assert not new, new  # only problems the original already had (kept text dates, say)
    return result.records


@pytest.mark.parametrize("version", ["4.0", "3.0"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_round_trip(vcards_dir: Path, name: str, version: str) -> None:
    first = read_vcards((vcards_dir / name).read_bytes())
    original = first.records
    if first.groups and not original:
        return  # only group cards: they become circles, no card is written for them
    again = _round_trip(original, version, tuple(p.message for p in first.problems))
    assert [_key(r) for r in again] == [_key(r) for r in original]


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_csv_records_round_trip_through_vcard(csv_dir: Path, version: str) -> None:
    for path in sorted(csv_dir.glob("*.csv")):
        original = read_csv(path.read_bytes()).records
        assert [_key(r) for r in _round_trip(original, version)] == [_key(r) for r in original]


def _sample() -> ContactRecord:
    return ContactRecord(
        card=1, formatted_name="Zoë O'Neil, PhD", given="Zoë", family="O'Neil", suffix="PhD",
        nickname="Zo", birthday=Birthday(2, 29), anniversary=Birthday(6, 1, 2010),
        points=[PointRecord(PointKind.EMAIL, "zoe@example.com", "work", True),
                PointRecord(PointKind.PHONE, "+44 20 7946 0958", "mobile"),
                PointRecord(PointKind.PHONE, "555", "Assistant"),
                PointRecord(PointKind.ADDRESS, "1 Main St, Springfield; IL", "home"),
                PointRecord(PointKind.URL, "https://www.linkedin.com/in/zoe", "linkedin"),
                PointRecord(PointKind.IM, "zoe@jabber.org", "jabber"),
                PointRecord(PointKind.SOCIAL, "zoe_tw", "twitter")],
        positions=[PositionRecord("Acme, Inc.", "CTO", "R&D"), PositionRecord("", "Advisor")],
        tags=[(TagKind.LABEL, "Friends, old"), (TagKind.HOBBY, "chess")],
        note="Line one\nLine two; with \\ backslash, comma",
        related=[RelatedRecord("Kim", "spouse"), RelatedRecord("Lee", "referred by")],
        photo=image_bytes("JPEG"), uid="urn:uuid:1234", met_on=dt.date(2024, 3, 14),
        extra=["X-CUSTOM;TYPE=a:keep me", "item1.X-ABADR:us"],
    )


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_every_field_round_trips(version: str) -> None:
    (again,) = _round_trip([_sample()], version)
    assert _key(again) == _key(_sample())


def test_version_specific_forms() -> None:
    v4 = card_text(_sample(), "4.0").replace("\r\n ", "")
    assert "BDAY:--0229\r\n" in v4 and "ANNIVERSARY:20100601\r\n" in v4
    assert "PHOTO:data:image/jpeg;base64," in v4 and "PREF=1" in v4
    v3 = card_text(_sample(), "3.0").replace("\r\n ", "")
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n" in v3
    assert "PHOTO;ENCODING=b;TYPE=JPEG:" in v3 and "TYPE=work,pref" in v3
    assert ".X-ABLabel:_$!<Anniversary>!$_\r\n" in v3
    assert "NOTE:Line one\\nLine two\\; with \\\\ backslash\\, comma\r\n" in v3
    # the writer's own groups never collide with item1 used by an extra line
    assert "item1.X-ABADR:us" in v3 and v3.count("item1.") == 1
    with pytest.raises(ValueError):
        card_text(_sample(), "2.1")


def test_folding_at_75_octets_without_splitting_characters() -> None:
    line = "NOTE:" + "ä" * 100 + "x" * 100
    folded = fold(line)
    for physical in folded.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line
    text = card_text(_sample())
    assert all(len(part.encode()) <= 75 for part in text.split("\r\n"))
    assert text.count("BEGIN:VCARD") == 1 and text.endswith("END:VCARD\r\n")


def test_many_cards_per_file_and_hostile_extra_lines() -> None:
    evil = ContactRecord(card=1, formatted_name="E", extra=["END:VCARD", "X-A:b\r\nBEGIN:VCARD"])
    out = io.StringIO(newline="")
    write_vcards([evil, _sample(), evil], out, "4.0")
    result = read_vcards(out.getvalue().encode())
    assert result.cards == 3
    assert result.records[0].extra == ["X-A:b\\nBEGIN:VCARD"]


# --- CSV ------------------------------------------------------------------------------------------


def test_safe_cell() -> None:
    for cell in ("=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx", "＝1", "'=1"):
        assert safe_cell(cell) == "'" + cell
    for cell in ("Ann", "", "1+1", "a=b", "'quoted"):
        assert safe_cell(cell) == cell
    # phone cells of plain numbers cannot run anything: written as they are
    for cell in ("+44 20 7946 0958", "+1 (555) 010-0199; 555 0100", "+1 555 0100 ext. 2"):
        assert safe_cell(cell, phone=True) == cell
    for cell in ("+1+cmd|' /C calc'!A0", "-2", "+44 20 (mobile)", '=HYPERLINK("x")'):
        assert safe_cell(cell, phone=True) == "'" + cell


def test_csv_output_escapes_formulas_and_reads_back() -> None:
    hostile = ContactRecord(card=1, formatted_name='=HYPERLINK("http://evil","x")',
                            note="@cmd", points=[PointRecord(PointKind.PHONE, "+44 1", "work")])
    out = io.StringIO(newline="")
    assert write_csv([_sample(), hostile], out, bom=True) == 2
    text = out.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert rows[0] == HEADER
    first = dict(zip(HEADER, rows[1], strict=True))
    assert first["Name"] == "Zoë O'Neil, PhD"
    assert first["Emails"] == "zoe@example.com (work)"
    assert first["Phones"] == "+44 20 7946 0958; 555"  # a plain number gets no apostrophe
    assert first["Phone Labels"] == "mobile; Assistant"
    assert first["Birthday"] == "'--02-29"  # a year-less date starts with "-" too
    assert first["Met On"] == "2024-03-14"
    assert first["Organization"] == "Acme, Inc." and first["Title"] == "CTO"
    assert (first["Tags"], first["Hobbies"]) == ("Friends, old", "chess")
    assert first["Notes"] == "Line one\nLine two; with \\ backslash, comma"
    second = dict(zip(HEADER, rows[2], strict=True))
    assert second["Name"].startswith("'=HYPERLINK")
    assert second["Notes"] == "'@cmd"
    assert second["Phones"] == "+44 1"
    for row in rows[1:]:
        cells = [c for name, c in zip(HEADER, row, strict=True) if name != "Phones"]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
