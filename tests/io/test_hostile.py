"""Hostile and broken input: nothing crashes, nothing hangs, memory stays bounded."""

from __future__ import annotations

import base64
import contextlib
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdesk.io import vcard_lines
from netdesk.io.errors import FileTooLargeError, ReadError, UnknownFormatError
from netdesk.io.field_limits import MAX_LONG_TEXT
from netdesk.io.reading import read_bytes, read_file
from netdesk.io.vcard_reader import read_vcards
from tests.io.helpers import crlf, image_bytes
from tests.io.test_photos import png_header


@pytest.mark.parametrize(
    "data",
    [image_bytes("PNG"), b"", b"   \r\n\r\n", os.urandom(4096), b"\x00" * 1000,
     b"just some text\nwith lines\n"],
    ids=["png", "empty", "blank", "random", "nul", "text"],  # any other CSV: test_csv_columns
)
def test_unknown_files_raise_a_one_sentence_error(data: bytes) -> None:
    with pytest.raises(UnknownFormatError) as info:
        read_bytes(data, "x.bin")
    message = str(info.value)
    assert message.endswith(".") and message.count(". ") == 0, message


def test_vcard_reader_on_junk_returns_zero_cards_and_a_problem() -> None:
    for data in (image_bytes("PNG"), b"", os.urandom(10_000)):
        result = read_vcards(data)
        assert result.cards == 0 and result.records == []
        assert result.problems


def test_huge_junk_file_is_rejected_from_its_head(tmp_path: Path) -> None:
    path = tmp_path / "junk.vcf"
    with path.open("wb") as f:
        f.write(os.urandom(1024))
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper
    start = time.monotonic()
    with pytest.raises(UnknownFormatError):
        read_file(path)
    assert time.monotonic() - start < 2


def test_one_megabyte_line_finishes_quickly_with_a_problem() -> None:
    junk = b"A" * (1024 * 1024)
    data = crlf("BEGIN:VCARD", "FN:Big") + junk + b"\r\n" + crlf("END:VCARD")
    start = time.monotonic()
    result = read_vcards(data)
    assert time.monotonic() - start < 5
    assert result.records[0].formatted_name == "Big"
    assert any("not a vCard property" in p.message for p in result.problems)


def test_overlong_line_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vcard_lines, "MAX_LINE_BYTES", 100_000)
    data = crlf("BEGIN:VCARD", "FN:Big", "NOTE:" + "x" * 300_000, "TEL:1", "END:VCARD")
    result = read_vcards(data)
    assert len(result.records[0].note) <= 100_000
    assert [p.value for p in result.records[0].points] == ["1"]
    assert any("cut short" in p.message for p in result.problems)


def test_line_over_ten_megabytes_is_cut() -> None:
    note = b"NOTE:" + b"y" * (11 * 1024 * 1024)
    data = crlf("BEGIN:VCARD", "FN:Big") + note + crlf("", "END:VCARD")
    result = read_vcards(data)
    assert result.cards == 1
    assert len(result.records[0].note) <= vcard_lines.MAX_LINE_BYTES
    assert any("10 MB" in p.message for p in result.problems)


def test_card_with_100000_properties_is_capped_quickly() -> None:
    data = (crlf("BEGIN:VCARD", "FN:Many") + b"X-N:1\r\n" * 100_000
            + crlf("END:VCARD", "BEGIN:VCARD", "FN:Next", "END:VCARD"))
    start = time.monotonic()
    result = read_vcards(data)
    assert time.monotonic() - start < 10
    assert result.cards == 2
    first, second = result.records
    assert len(first.extra) < vcard_lines.MAX_CARD_PROPERTIES
    assert second.formatted_name == "Next"
    assert any("too big" in p.message for p in result.problems)


def test_many_folded_continuations_stay_linear() -> None:
    data = crlf("BEGIN:VCARD", "FN:Fold") + b"NOTE:a\r\n" + b" b\r\n" * 200_000 + crlf("END:VCARD")
    start = time.monotonic()
    result = read_vcards(data)
    assert time.monotonic() - start < 5
    assert "200,001 characters" in result.records[0].problems[0].message
    assert len(result.records[0].note) == MAX_LONG_TEXT


def test_only_carriage_returns_and_deep_nesting() -> None:
    assert read_vcards(b"\r" * 1_000_000).cards == 0
    nested = b"BEGIN:VCARD\n" * 10_000 + b"END:VCARD\n" * 10_000
    assert read_vcards(nested).cards == 1


def test_photo_bomb_inside_a_card_is_dropped() -> None:
    bomb = base64.b64encode(png_header(100_000, 100_000)).decode()
    result = read_vcards(crlf("BEGIN:VCARD", "FN:A", f"PHOTO;ENCODING=b:{bomb}", "END:VCARD"))
    assert result.records[0].photo is None
    assert result.records[0].formatted_name == "A"


_TOKENS = st.sampled_from([
    b"BEGIN:VCARD", b"END:VCARD", b"begin:vcard", b"VERSION:2.1", b"FN:", b"N:", b";", b":",
    b",", b"\\", b"=", b"\r\n", b"\n", b"\r", b" ", b"\t", b"ENCODING=QUOTED-PRINTABLE",
    b"ENCODING=b", b"CHARSET=SHIFT_JIS", b"CHARSET=bogus", b"PHOTO", b"item1.", b"X-ABLabel",
    b"TYPE=", b'"', b"data:image/png;base64\\,", b"=C3=", b"\xc3", b"\xff\xfe", b"BDAY:",
    b"--0229", b"AGENT:", b"\x00", b"TEL;PREF", b"ADR:;;", b"CATEGORIES:", b"iVBORw0KGgo",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data: bytes) -> None:
    result = read_vcards(data)
    assert result.cards >= len(result.records)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKENS, max_size=120).map(b"".join))
def test_vcard_shaped_noise_never_raises(data: bytes) -> None:
    result = read_vcards(data)
    assert result.cards >= len(result.records)
    for record in result.records:
        record.display_name()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_random_text_never_raises(text: str) -> None:
    read_vcards(text.encode("utf-8", "surrogatepass"))
    with contextlib.suppress(ReadError):
        read_bytes(text.encode("utf-8", "surrogatepass"))


def test_card_over_the_byte_cap_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vcard_lines, "MAX_CARD_BYTES", 50_000)
    data = crlf("BEGIN:VCARD", "FN:Huge", *[f"NOTE:{'z' * 1000}" for _ in range(100)],
                "END:VCARD", "BEGIN:VCARD", "FN:After", "END:VCARD")
    result = read_vcards(data)
    assert [r.formatted_name for r in result.records] == ["Huge", "After"]
    assert len(result.records[0].note) < 50_000
    assert any("too big" in p.message for p in result.problems)


def test_oversized_csv_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.write(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        f.write(b"Ann,Lee,,,,,\n" * (5 * 1024 * 1024))  # about 65 MB
    with pytest.raises(FileTooLargeError, match="50 MB"):
        read_file(path)
