"""Contact CSV files -> `ContactRecord`s, whatever program wrote them.

The layout is recognised from the header row (`csv_mappers`; LinkedIn puts a "Notes:" preamble
before it, so the first rows are scanned). A CSV no layout matches is still read: its header (or,
without one, its values) suggests a column map (`csv_layouts`), and a caller can pass its own.

Each data row is one card: `card` is the 1-based row number, `line` the physical line where the
row starts (quoted cells may span lines). A CSV is read whole, so files over
`limits.MAX_FILE_BYTES` are refused.

For the import window's column-mapping step, a `CsvReader` exposes, before any row is read:
`header` (the header cells, or "Column 1"... for a file without one), `has_header`,
`preview(rows)` (the first data rows as cells), `format` ("csv" when no known layout matched),
`columns` (the column map in use: `{column index: csv_layouts.Field}`, the best guess from the
header words unless a map was passed) and `needs_mapping` (no known layout: the user should
confirm `columns`). Reading again with `CsvReader(data, columns=...)` (or
`reading.read_file(path, columns=...)`) applies the user's map; columns left out are ignored.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from itertools import islice

from netdesk.io.csv_layouts import ColumnMap, guess_columns, guess_from_values, has_identity
from netdesk.io.csv_mappers import Layout, detect_layout, mapped_layout
from netdesk.io.csv_values import Row
from netdesk.io.dates import day_first
from netdesk.io.encodings import (
    decide,
    decoding_codec,
    guessed_message,
    public_name,
    wide_unicode,
)
from netdesk.io.errors import UnknownFormatError
from netdesk.io.limits import MAX_FILE_BYTES, too_large
from netdesk.io.record_checks import check_record
from netdesk.io.records import ContactRecord, Problem, ReadResult

__all__ = [
    "CsvReader",
    "detect_layout",
    "find_header",
    "read_csv",
    "sniff",
]

HEADER_SCAN_ROWS = 20
DATE_SCAN_ROWS = 5000
EXPECTED_LAYOUTS = "or a CSV table with one contact per row"
DELIMITERS = (",", ";", "\t", "|")
Progress = Callable[[int, int], None]
_EOL = re.compile(r"\r\n|\r|\n")


def decode_csv(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """Text of the file and the legacy codec chosen for it, if it had to be guessed."""
    wide = wide_unicode(data)
    if encoding and not wide:
        return data.decode(decoding_codec(encoding), "replace").lstrip("\ufeff"), None
    decision = decide(data)
    text = data.decode(decision.codec, "replace").lstrip("\ufeff")
    return text, decision.codec if decision.guessed else None


class CsvReader:
    """Reads a contacts CSV; raises UnknownFormatError at construction when it is not a table.

    `records()` yields one record per data row; `cards`, `problems` and `encoding_fallback` are
    complete when it is exhausted. Stop iterating to cancel.
    """

    def __init__(
        self,
        data: bytes,
        *,
        encoding: str | None = None,
        columns: ColumnMap | None = None,
        progress: Progress | None = None,
        file: str = "",
    ) -> None:
        if len(data) > MAX_FILE_BYTES:
            raise too_large("CSV")
        self.file = file
        self.cards = 0
        self.problems: list[Problem] = []
        self._size = len(data)
        self._progress = progress
        try:
            self.text, guessed = decode_csv(data, encoding)
        except LookupError:
            self._add(Problem(f"The encoding {encoding!r} is unknown and was ignored."))
            self.text, guessed = decode_csv(data)
        self.encoding_fallback = public_name(guessed) if guessed else None
        if guessed:
            self._add(Problem(guessed_message(guessed)))
        self._layout, self._delimiter, self._header_index = self._find_layout()
        self.header = self._written_header()
        if columns is not None:
            self._layout = mapped_layout(self.header, dict(columns))
        self.format = self._layout.format
        self.needs_mapping = self.format == "csv" and columns is None

    def _find_layout(self) -> tuple[Layout, str, int]:
        found = find_header(self.text)
        if found is not None:
            return found
        sniffed = sniff(self.text)
        if sniffed is None:
            raise UnknownFormatError(
                "This file is not a contacts CSV: it has no rows of columns to read."
            )
        delimiter, has_header = sniffed
        rows = _parse(_first_lines(self.text, HEADER_SCAN_ROWS * 4), delimiter)[:HEADER_SCAN_ROWS]
        if has_header:
            return mapped_layout(rows[0], guess_columns(rows[0])), delimiter, 0
        width = max(len(row) for row in rows)
        header = [f"Column {number}" for number in range(1, width + 1)]
        return mapped_layout(header, guess_from_values(rows)), delimiter, -1

    def _written_header(self) -> list[str]:
        """The header row as the file writes it (a localised Outlook's, not its translation)."""
        if self._header_index < 0:
            return self._layout.header
        rows = _parse(_first_lines(self.text, HEADER_SCAN_ROWS * 4), self._delimiter)
        return rows[self._header_index] if self._header_index < len(rows) else self._layout.header

    @property
    def has_header(self) -> bool:
        return self._header_index >= 0

    @property
    def columns(self) -> ColumnMap:
        """The column map in use; for a layout with its own reader, a guess to start from."""
        return dict(self._layout.columns) or guess_columns(self.header)

    def preview(self, rows: int = 5) -> list[list[str]]:
        """The first data rows, as cells (for the column-mapping step)."""
        return [cells for _, _, cells in islice(self._data_rows(), rows)]

    def _add(self, problem: Problem) -> None:
        problem.file = problem.file or self.file
        self.problems.append(problem)

    def records(self) -> Iterator[ContactRecord]:
        # long notes are legitimate; the file size cap bounds a cell anyway
        if csv.field_size_limit() < MAX_FILE_BYTES:
            csv.field_size_limit(MAX_FILE_BYTES)
        if self.format == "csv" and not has_identity(self._layout.columns):
            self._add(Problem("No column of this file could be matched to a name, an email or a "
                              "phone; choose what each column holds.", fatal=True))
            return
        try:
            yield from self._rows()
        except csv.Error as exc:
            self._add(Problem(f"Reading stopped at a malformed row ({exc}).", self.cards + 1,
                              fatal=True))
        if self.cards == 0:
            self._add(Problem("The file has no contacts below its header."))
        if self._progress is not None:
            self._progress(self.cards, self._size)

    def _data_rows(self) -> Iterator[tuple[int, int, list[str]]]:
        """(first line, stream position, cells) of every non-blank row below the header."""
        stream = io.StringIO(self.text, newline="")
        reader = csv.reader(stream, delimiter=self._delimiter)
        last_line = 0
        for row_index, cells in enumerate(reader):
            start, last_line = last_line + 1, reader.line_num
            if row_index <= self._header_index or not any(cell.strip() for cell in cells):
                continue
            yield start, stream.tell(), cells

    def _day_first(self) -> bool:
        indexes = self._layout.date_columns()
        values = [cells[i] for _, _, cells in islice(self._data_rows(), DATE_SCAN_ROWS)
                  for i in indexes if i < len(cells)]
        return day_first(values, self._layout.language)

    def _rows(self) -> Iterator[ContactRecord]:
        header = self._layout.header
        columns = {name.strip().lower(): i for i, name in reversed(list(enumerate(header)))}
        dates_day_first = self._day_first()
        for start, position, cells in self._data_rows():
            self.cards += 1
            yield self._record(Row(cells, columns, dates_day_first), header, start)
            if self._progress is not None:
                self._progress(self.cards, self._size * position // max(len(self.text), 1))

    def _record(self, row: Row, header: list[str], line: int) -> ContactRecord:
        record = ContactRecord(card=self.cards, line=line)
        try:
            self._layout.mapper(row, header, record)
        except Exception as exc:  # one bad row must not stop the others
            record.problems.append(Problem(f"Row {self.cards} could not be read fully ({exc}).",
                                           self.cards, line))
        record.problems += check_record(record)
        for problem in record.problems:
            problem.card, problem.line = self.cards, problem.line or line
            self._add(problem)
        return record


def find_header(text: str) -> tuple[Layout, str, int] | None:
    """(layout, delimiter, header row index) from the first rows, trying each delimiter."""
    head = _first_lines(text, HEADER_SCAN_ROWS * 4)
    for delimiter in DELIMITERS:
        rows = _parse(head, delimiter)
        for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
            layout = detect_layout(cells)
            if layout is not None and (index == 0 or _table_follows(rows, index)):
                return layout, delimiter, index
    return None


def _table_follows(rows: list[list[str]], index: int) -> bool:
    """Whether rows as wide as the header found below a preamble (LinkedIn's "Notes:" lines)
    follow it: a text that quotes a header line (a note describing an export) is no table."""
    width = len(rows[index])
    after = [row for row in rows[index + 1 : index + 1 + HEADER_SCAN_ROWS] if any(row)]
    if not after:  # a header and nothing else: an export with nobody in it
        return True
    return sum(1 for row in after if len(row) == width) * 5 >= len(after) * 4


def sniff(text: str) -> tuple[str, bool] | None:
    """(delimiter, has a header row) for a table no known layout matches, or None.

    A table is at least two columns in most of its first rows, or one column whose header
    names something netdesk knows ("Email"). The first row is a header unless it holds values
    (an email address, a phone number) and no word netdesk knows.
    """
    head = _first_lines(text, HEADER_SCAN_ROWS * 4)
    best: tuple[int, str, list[list[str]]] | None = None
    for delimiter in DELIMITERS:
        rows = [row for row in _parse(head, delimiter)[:HEADER_SCAN_ROWS]
                if any(cell.strip() for cell in row)]
        if not rows or len(rows[0]) < 2:
            continue
        regular = sum(1 for row in rows if len(row) == len(rows[0]))
        if regular * 5 >= len(rows) * 4 and (best is None or len(rows[0]) > best[0]):
            best = (len(rows[0]), delimiter, rows)
    if best is None:
        rows = [row for row in _parse(head, ",")[:HEADER_SCAN_ROWS] if any(row)]
        if rows and len(rows[0]) == 1 and guess_columns(rows[0]):
            return ",", True
        return None
    _, delimiter, rows = best
    headerless = not guess_columns(rows[0]) and bool(guess_from_values(rows[:1]))
    return delimiter, not headerless


def _parse(text: str, delimiter: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return []


def _first_lines(text: str, count: int) -> str:
    """The start of `text` up to `count` line ends (any kind), without splitting the whole file."""
    end = 0
    for number, match in enumerate(_EOL.finditer(text), start=1):
        end = match.end()
        if number >= count:
            return text[:end]
    return text


# --- public API ---------------------------------------------------------------------------------


def read_csv(
    data: bytes,
    *,
    encoding: str | None = None,
    columns: ColumnMap | None = None,
    progress: Progress | None = None,
    file: str = "",
) -> ReadResult:
    """Read every row; raises UnknownFormatError or FileTooLargeError for unusable files."""
    reader = CsvReader(data, encoding=encoding, columns=columns, progress=progress, file=file)
    records = list(reader.records())
    return ReadResult(reader.format, records, reader.problems, reader.cards,
                      reader.encoding_fallback)
