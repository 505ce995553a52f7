"""One entry point for imports: pick the reader from the file's first bytes and run it.

`read_file` / `read_bytes` return a whole `ReadResult`. `iter_records` returns a `Reader` whose
`records()` generator streams cards (a vCard file is never loaded whole); its `cards`, `problems`
and `encoding_fallback` fill in as it goes. To cancel, stop iterating (or call `close()`).

The encoding is decided once per file (`encodings.py`): when the file is not Unicode, the reader
names the code page it chose in `encoding_fallback` (e.g. "mac_roman") and in a problem line
("read as Mac Roman"). To re-read with another encoding, call again with `encoding=` set to one
of `encodings.ENCODINGS`' names (the window's picker) or any Python codec name.

A CSV that no known layout matches is read through the column map its header words suggest;
`Reader.csv` shows the header, the first rows and that map (see `csv_readers`), and passing
`columns=` reads the file with the map the user chose.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Protocol

from netdesk.io.csv_layouts import ColumnMap
from netdesk.io.csv_readers import EXPECTED_LAYOUTS, CsvReader
from netdesk.io.detect import HEAD_BYTES, detect_format
from netdesk.io.encodings import (
    decoding_codec,
    guess_legacy_codec,
    guessed_message,
    legacy_sample,
    public_name,
    wide_unicode,
)
from netdesk.io.errors import UnknownFormatError
from netdesk.io.limits import MAX_FILE_BYTES, too_large
from netdesk.io.photos import check_image
from netdesk.io.records import ContactRecord, GroupRecord, Problem, ReadResult
from netdesk.io.vcard_reader import VCardReader

__all__ = ["Reader", "iter_records", "open_reader", "read_bytes", "read_file"]

Progress = Callable[[int, int], None]


class _Inner(Protocol):
    format: str
    cards: int
    problems: list[Problem]
    encoding_fallback: str | None

    def records(self) -> Iterator[ContactRecord]: ...


class Reader:
    """A file being read: iterate `records()`; `cards`, `problems`, `encoding_fallback` follow."""

    def __init__(
        self,
        inner: _Inner,
        stream: BinaryIO | None = None,
        name: str = "",
        guessed: str | None = None,
    ) -> None:
        self._inner = inner
        self._stream = stream
        self.name = name
        self._guessed = guessed  # the legacy codec chosen for the whole file, if any
        if guessed:
            inner.problems.append(Problem(guessed_message(guessed), file=name))

    @property
    def format(self) -> str:
        return self._inner.format

    @property
    def cards(self) -> int:
        return self._inner.cards

    @property
    def problems(self) -> list[Problem]:
        return self._inner.problems

    @property
    def csv(self) -> CsvReader | None:
        """The CSV reader (header, preview rows, column map) for the column-mapping step."""
        return self._inner if isinstance(self._inner, CsvReader) else None

    @property
    def encoding_fallback(self) -> str | None:
        """The encoding netdesk chose when the file is not Unicode (a name `encoding=` takes)."""
        if self._guessed:
            return public_name(self._guessed)
        return self._inner.encoding_fallback

    @property
    def groups(self) -> list[GroupRecord]:
        """Group cards (vCard only): complete once `records()` is exhausted."""
        return self._inner.groups if isinstance(self._inner, VCardReader) else []

    def records(self) -> Iterator[ContactRecord]:
        try:
            yield from self._inner.records()
        finally:  # also runs when the caller stops iterating early (cancel)
            self.close()

    def result(self) -> ReadResult:
        """Read everything that is left into a ReadResult."""
        records = list(self.records())
        return ReadResult(
            self.format, records, self.problems, self.cards, self.encoding_fallback, self.groups
        )

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(
        self,
        _exc_type: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()


def _unknown(head: bytes, name: str) -> UnknownFormatError:
    what = f"“{name}”" if name else "This file"
    if not head.removeprefix(codecs.BOM_UTF8).strip():
        return UnknownFormatError(f"{what} is empty, so there is nothing to import.")
    if check_image(head):
        return UnknownFormatError(f"{what} is an image, not a contacts file.")
    return UnknownFormatError(
        f"{what} is neither a vCard nor a contacts CSV netdesk knows "
        f"(expected a .vcf file, {EXPECTED_LAYOUTS})."
    )


def open_reader(
    stream: BinaryIO,
    *,
    name: str = "",
    encoding: str | None = None,
    columns: ColumnMap | None = None,
    progress: Progress | None = None,
    size: int | None = None,
) -> Reader:
    """A Reader over a seekable binary stream; raises UnknownFormatError or FileTooLargeError."""
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    kind = detect_format(head)
    if kind == "vcard":
        guessed = None if encoding or wide_unicode(head) else _vcard_guess(stream)
        chosen = _superset(encoding) if encoding else guessed
        inner = VCardReader(stream, encoding=chosen, progress=progress, file=name)
        return Reader(inner, stream, name, guessed)
    if kind == "csv":
        if size is not None and size > MAX_FILE_BYTES:
            raise too_large("CSV")
        data = stream.read(MAX_FILE_BYTES + 1)
        csv_reader = CsvReader(data, encoding=encoding, columns=columns, progress=progress,
                               file=name)
        stream.close()
        return Reader(csv_reader, None, name)
    raise _unknown(head, name)


def _superset(encoding: str) -> str:
    """The vendor superset of a picker's name (Shift_JIS -> cp932); unknown names pass through
    for the reader to report."""
    try:
        return decoding_codec(encoding)
    except LookupError:
        return encoding


def _vcard_guess(stream: BinaryIO) -> str | None:
    """The legacy codec for a vCard's text that is not UTF-8, scored over the whole file."""
    chunks = iter(lambda: stream.read(HEAD_BYTES), b"")
    capped = (chunk for chunk, _ in zip(chunks, range(MAX_FILE_BYTES // HEAD_BYTES), strict=False))
    sample = legacy_sample(capped, vcard=True)
    stream.seek(0)
    return guess_legacy_codec(sample) if sample else None


def iter_records(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    columns: ColumnMap | None = None,
    progress: Progress | None = None,
) -> Reader:
    """A streaming Reader over a file; the file closes when iteration ends or stops."""
    path = Path(path)
    stream = path.open("rb")
    try:
        return open_reader(stream, name=path.name, encoding=encoding, columns=columns,
                           progress=progress,
                           size=path.stat().st_size)
    except BaseException:
        stream.close()
        raise


def read_file(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    columns: ColumnMap | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read a vCard or contacts CSV file completely."""
    return iter_records(path, encoding=encoding, columns=columns, progress=progress).result()


def read_bytes(
    data: bytes,
    name: str = "",
    *,
    encoding: str | None = None,
    columns: ColumnMap | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read a vCard or contacts CSV held in memory."""
    reader = open_reader(io.BytesIO(data), name=name, encoding=encoding, columns=columns,
                         progress=progress,
                         size=len(data))
    return reader.result()
