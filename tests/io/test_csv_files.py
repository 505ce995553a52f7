"""CSV files that must not crash: empty, header only, ragged rows, too big; one size limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netdesk.io import csv_readers, limits, reading
from netdesk.io.errors import FileTooLargeError, ReadError, UnknownFormatError
from netdesk.io.reading import read_bytes, read_file

HEADER = "First Name,Last Name,E-mail Address,Mobile Phone,Company,Job Title\r\n"


def test_an_empty_csv_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"")
    with pytest.raises(UnknownFormatError, match="empty"):
        read_file(path)
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(UnknownFormatError, match="empty"):
        read_file(path)


def test_a_header_only_csv_has_no_contacts_and_says_so() -> None:
    for header in (HEADER, HEADER.rstrip(), "Name;Email;Phone\r\n"):
        result = read_bytes(header.encode(), "header.csv")
        assert result.records == [] and result.cards == 0
        assert [p.message for p in result.problems] == [
            "The file has no contacts below its header."]


def test_ragged_rows_are_read_as_far_as_they_go() -> None:
    data = (HEADER + "Ann\r\n"  # too short
            + "Bo,Ray,bo@example.com,+1 555 0100,Acme,Boss,extra,cells\r\n"  # too long
            + ",,,+1 555 0101\r\n"  # only a phone
            + "\r\n,,,,,\r\n").encode()  # blank rows are not contacts
    result = read_bytes(data, "ragged.csv")
    assert [r.display_name() for r in result.records] == ["Ann", "Bo Ray", "+1 555 0101"]
    assert result.cards == 3 and not result.problems


def test_one_size_limit_for_every_reader() -> None:
    assert reading.MAX_FILE_BYTES is limits.MAX_FILE_BYTES
    assert csv_readers.MAX_FILE_BYTES is limits.MAX_FILE_BYTES
    with pytest.raises(FileTooLargeError, match="50 MB"):
        read_bytes(HEADER.encode() + b"x" * limits.MAX_FILE_BYTES, "big.csv")


_CELL = st.text(alphabet=st.sampled_from(list('ab@.+1 9"\r\n\t,;|Zé名')), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELL, max_size=6), max_size=8), st.sampled_from([",", ";", "\t"]))
def test_any_table_is_read_or_refused_in_one_sentence(rows: list[list[str]], sep: str) -> None:
    data = "\r\n".join(sep.join(row) for row in rows).encode()
    try:
        result = read_bytes(data, "any.csv")
    except ReadError as exc:
        assert str(exc).endswith(".")
    else:
        assert result.cards == len(result.records)
