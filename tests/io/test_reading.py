"""Format detection and the read_file / read_bytes / iter_records entry points."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdesk.io.detect import detect_format
from netdesk.io.errors import UnknownFormatError
from netdesk.io.reading import iter_records, read_bytes, read_file
from tests.helpers.corpus import CSV_NAMES, EXPECTED
from tests.io.helpers import crlf


def test_detect_format(vcards_dir: Path, csv_dir: Path) -> None:
    assert detect_format((vcards_dir / "khard/minimal.vcf").read_bytes()) == "vcard"
    utf16 = (vcards_dir / "folkerkinzel-vcards/v3Utf16Bom.vcf").read_bytes()
    assert detect_format(utf16) == "vcard"
    assert detect_format(b"# junk first\nbegin:vcard\nfn:x\n") == "vcard"
    assert detect_format((csv_dir / "linkedin_Connections.csv").read_bytes()) == "csv"
    assert detect_format(b"") == "unknown"
    assert detect_format(b"\x89PNG\r\n\x1a\n\x00\x00") == "unknown"


@pytest.mark.parametrize("name", CSV_NAMES)
def test_read_file_picks_the_csv_reader(csv_dir: Path, name: str) -> None:
    result = read_file(csv_dir / name)
    assert result.cards == len(result.records) > 0
    assert result.format in ("linkedin", "google", "google-legacy", "outlook")


def test_read_file_vcard_sets_problem_file_names(vcards_dir: Path) -> None:
    result = read_file(vcards_dir / "khard/text-bday.vcf")
    assert result.format == "vcard" and result.cards == 1
    assert result.problems and all(p.file == "text-bday.vcf" for p in result.problems)


def test_read_bytes_and_unknown_messages() -> None:
    assert read_bytes(crlf("BEGIN:VCARD", "FN:A", "END:VCARD")).records[0].formatted_name == "A"
    with pytest.raises(UnknownFormatError, match="empty"):
        read_bytes(b"", "contacts.vcf")
    with pytest.raises(UnknownFormatError, match="image"):
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "me.png")


def test_iter_records_streams_and_reports_as_it_goes(tmp_path: Path) -> None:
    path = tmp_path / "many.vcf"
    path.write_bytes(crlf("BEGIN:VCARD", "FN:A", "BDAY:nope", "END:VCARD") * 50)
    seen: list[tuple[int, int]] = []
    reader = iter_records(path, progress=lambda cards, done: seen.append((cards, done)))
    assert reader.format == "vcard"
    names = [r.formatted_name for r in reader.records()]
    assert names == ["A"] * 50
    assert reader.cards == 50 and len(reader.problems) == 50
    assert reader.encoding_fallback is None
    assert seen[-1] == (50, path.stat().st_size)


def test_cancel_by_stopping_iteration_closes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "many.vcf"
    path.write_bytes(crlf("BEGIN:VCARD", "FN:A", "END:VCARD") * 1000)
    reader = iter_records(path)
    records = reader.records()
    for count, _ in enumerate(records, start=1):
        if count == 3:
            break
    records.close()
    assert reader.cards == 3
    assert reader._stream is None  # the file was closed


def test_encoding_override_reaches_the_reader(tmp_path: Path, vcards_dir: Path) -> None:
    path = tmp_path / "hebrew.vcf"
    hebrew = vcards_dir / "folkerkinzel-vcards/AnsiFilterExamples__Hebrew.vcf"
    path.write_bytes(hebrew.read_bytes())
    assert read_file(path).encoding_fallback == "windows-1255"
    chosen = read_file(path, encoding="windows-1255")
    assert chosen.records[0].formatted_name == "אפרים קישון"
    assert chosen.encoding_fallback is None and not chosen.problems


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_every_corpus_vcard_is_detected_and_read(vcards_dir: Path, name: str) -> None:
    path = vcards_dir / name
    if not path.read_bytes().removeprefix(b"\xef\xbb\xbf").strip():
        with pytest.raises(UnknownFormatError, match="empty"):
            read_file(path)
        return
    assert detect_format(path.read_bytes()[:65536]) == "vcard"
    assert read_file(path).cards == EXPECTED[name]["cards"]
