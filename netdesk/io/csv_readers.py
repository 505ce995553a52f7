"""Contact CSV exports -> `ContactRecord`s: LinkedIn, Google (current and legacy), Outlook.

The layout is recognised from the header row (LinkedIn puts a "Notes:" preamble before it, so the
first rows are scanned). Each data row is one card: `card` is the 1-based row number, `line` the
physical line where the row starts (quoted cells may span lines). A CSV is read whole, so files
over `limits.MAX_FILE_BYTES` are refused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from netdesk.io.dates import is_empty_date, parse_date, parse_day
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
from netdesk.io.records import (
    ContactRecord,
    PointRecord,
    PositionRecord,
    Problem,
    ReadResult,
    RelatedRecord,
)
from netdesk.values import Birthday, PointKind, TagKind

__all__ = [
    "CsvReader",
    "detect_layout",
    "find_header",
    "iter_csv",
    "read_csv",
]

HEADER_SCAN_ROWS = 20
EXPECTED_LAYOUTS = (
    "LinkedIn Connections.csv, Google Contacts CSV (current or legacy layout) "
    "or an Outlook CSV export"
)
Progress = Callable[[int, int], None]

_GROUP_COLUMN = re.compile(r"^(.+?) (\d+) - (.+)$")
_MULTI = " ::: "  # Google puts several values in one cell
_SYSTEM_LABELS = frozenset({"mycontacts", "other contacts", "starred"})
_KNOWN_LABELS = frozenset(
    {"home", "work", "other", "mobile", "main", "home fax", "work fax", "other fax", "pager",
     "work mobile", "work pager", "google voice", "iphone", "school", "profile", "blog",
     "homepage", "home page", "ftp", "anniversary", "spouse", "child", "mother", "father",
     "parent", "brother", "sister", "friend", "relative", "domestic partner", "manager",
     "assistant", "referred by", "partner"}
)
_OUTLOOK_PHONES = {
    "Primary Phone": "main", "Business Phone": "work", "Business Phone 2": "work",
    "Home Phone": "home", "Home Phone 2": "home", "Mobile Phone": "mobile",
    "Company Main Phone": "company main", "Assistant's Phone": "assistant",
    "Business Fax": "work fax", "Home Fax": "home fax", "Other Fax": "other fax",
    "Other Phone": "other", "Pager": "pager", "Car Phone": "car", "Callback": "callback",
    "Radio Phone": "radio", "Telex": "telex", "TTY/TDD Phone": "tty", "ISDN": "isdn",
}
_OUTLOOK_ADDRESSES = {"Business": "work", "Home": "home", "Other": "other"}
_OUTLOOK_RELATED = {
    "Spouse": "spouse", "Children": "child", "Manager's Name": "manager",
    "Assistant's Name": "assistant", "Referred By": "referred by",
}


def detect_layout(header: list[str]) -> str | None:
    """"linkedin", "google", "google-legacy", "outlook", or None for an unknown header."""
    names = {_norm(cell) for cell in header}
    if {"first name", "last name"} <= names and (
        "connected on" in names or {"url", "position"} <= names
    ):
        return "linkedin"
    if any(_GROUP_COLUMN.match(cell.strip()) and cell.strip().endswith("- Label")
           for cell in header) or ("labels" in names and "first name" in names):
        return "google"
    if {"given name", "family name"} <= names and (
        "group membership" in names or "e-mail 1 - type" in names
    ):
        return "google-legacy"
    outlook_markers = {"e-mail address", "business phone", "mobile phone", "job title", "company"}
    if {"first name", "last name"} <= names and len(names & outlook_markers) >= 2:
        return "outlook"
    return None


def _norm(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").strip().lower()


def decode_csv(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """Text of the file and the legacy codec chosen for it, if it had to be guessed."""
    wide = wide_unicode(data)
    if encoding and not wide:
        return data.decode(decoding_codec(encoding), "replace").lstrip("\ufeff"), None
    decision = decide(data)
    text = data.decode(decision.codec, "replace").lstrip("\ufeff")
    return text, decision.codec if decision.guessed else None


class _Row:
    """One CSV row with case-insensitive access by column name."""

    def __init__(self, cells: list[str], columns: dict[str, int]) -> None:
        self.cells = cells
        self.columns = columns

    def get(self, *names: str) -> str:
        for name in names:
            index = self.columns.get(name.lower())
            if index is not None and index < len(self.cells) and self.cells[index].strip():
                return self.cells[index].strip()
        return ""


class CsvReader:
    """Reads a contacts CSV; raises UnknownFormatError at construction for an unknown layout.

    `records()` yields one record per data row; `cards`, `problems` and `encoding_fallback` are
    complete when it is exhausted. Stop iterating to cancel.
    """

    def __init__(
        self,
        data: bytes,
        *,
        encoding: str | None = None,
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
        found = find_header(self.text)
        if found is None:
            raise UnknownFormatError(
                f"This CSV file has no contacts header netdesk knows (expected {EXPECTED_LAYOUTS})."
            )
        self.format, self._delimiter, self._header_index = found

    def _add(self, problem: Problem) -> None:
        problem.file = problem.file or self.file
        self.problems.append(problem)

    def records(self) -> Iterator[ContactRecord]:
        # long notes are legitimate; the file size cap bounds a cell anyway
        if csv.field_size_limit() < MAX_FILE_BYTES:
            csv.field_size_limit(MAX_FILE_BYTES)
        try:
            yield from self._rows()
        except csv.Error as exc:
            self._add(Problem(f"Reading stopped at a malformed row ({exc}).", self.cards + 1,
                              fatal=True))
        if self._progress is not None:
            self._progress(self.cards, self._size)

    def _rows(self) -> Iterator[ContactRecord]:
        stream = io.StringIO(self.text, newline="")
        reader = csv.reader(stream, delimiter=self._delimiter)
        header: list[str] = []
        columns: dict[str, int] = {}
        mapper = _MAPPERS[self.format]
        row_index, last_line = -1, 0
        for row_index, cells in enumerate(reader):
            start, last_line = last_line + 1, reader.line_num
            if row_index < self._header_index:
                continue
            if row_index == self._header_index:
                header = cells
                columns = {_norm(name): i for i, name in reversed(list(enumerate(header)))}
                continue
            if not any(cell.strip() for cell in cells):
                continue
            self.cards += 1
            yield self._record(mapper, _Row(cells, columns), header, start)
            if self._progress is not None:
                self._progress(self.cards, self._size * stream.tell() // max(len(self.text), 1))

    def _record(
        self, mapper: _Mapper, row: _Row, header: list[str], line: int
    ) -> ContactRecord:
        record = ContactRecord(card=self.cards, line=line)
        try:
            mapper(row, header, record)
        except Exception as exc:  # one bad row must not stop the others
            record.problems.append(Problem(f"Row {self.cards} could not be read fully ({exc}).",
                                           self.cards, line))
        record.problems += check_record(record)
        for problem in record.problems:
            problem.card, problem.line = self.cards, problem.line or line
            self._add(problem)
        return record


def find_header(text: str) -> tuple[str, str, int] | None:
    """(layout, delimiter, header row index) from the first rows, trying `,`, `;` and tab."""
    head = _first_lines(text, HEADER_SCAN_ROWS * 4)
    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
        try:
            for index, cells in enumerate(reader):
                if index >= HEADER_SCAN_ROWS:
                    break
                layout = detect_layout(cells)
                if layout is not None:
                    return layout, delimiter, index
        except csv.Error:
            continue
    return None


def _first_lines(text: str, count: int) -> str:
    """The start of `text` up to `count` line ends, without splitting the whole file."""
    end = 0
    for _ in range(count):
        found = text.find("\n", end)
        if found < 0:
            return text
        end = found + 1
    return text[:end]


# --- value helpers ---------------------------------------------------------------------------


def _multi(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(_MULTI) if part.strip()]


def _label(raw: str) -> tuple[str, bool]:
    """Google's "* Work" -> ("work", preferred); a custom label is kept as written."""
    text = raw.strip()
    preferred = text.startswith("*")
    text = text.lstrip("*").strip()
    return (text.lower() if text.lower() in _KNOWN_LABELS else text), preferred


def _tags(cell: str, separator: str = _MULTI) -> list[tuple[TagKind, str]]:
    tags: list[tuple[TagKind, str]] = []
    for part in cell.split(separator):
        name = part.strip().lstrip("*").strip()
        if name and name.lower() not in _SYSTEM_LABELS and (TagKind.LABEL, name) not in tags:
            tags.append((TagKind.LABEL, name))
    return tags


def _add_point(
    record: ContactRecord, kind: PointKind, value: str, label: str = "", preferred: bool = False
) -> None:
    value = " ".join(value.split()) if kind is not PointKind.ADDRESS else value
    if not value:
        return
    if kind is PointKind.URL and not label and "linkedin.com" in value.lower():
        label = "linkedin"
    record.points.append(PointRecord(kind, value, label, preferred))


def _one_line(text: str) -> str:
    lines = (line.strip().rstrip(",").strip() for line in text.splitlines())
    return ", ".join(line for line in lines if line)


def _address(parts: list[str]) -> str:
    return ", ".join(_one_line(part) for part in parts if part.strip())


def _date(record: ContactRecord, text: str, what: str) -> Birthday | None:
    if not text or is_empty_date(text):
        return None
    try:
        return parse_date(text)
    except ValueError:
        record.problems.append(Problem(f"The {what} {text[:40]!r} is not a date and was skipped."))
        return None


def _position(record: ContactRecord, org: str, title: str, department: str = "") -> None:
    if org or title or department:
        record.positions.append(PositionRecord(org, title, department))


def _note(record: ContactRecord, text: str) -> None:
    text = text.replace("\r\n", "\n").strip()
    if text:
        record.note = f"{record.note}\n{text}" if record.note else text


# --- layouts -----------------------------------------------------------------------------------


def _linkedin(row: _Row, header: list[str], record: ContactRecord) -> None:
    record.given = row.get("First Name")
    family = row.get("Last Name")
    if ", " in family and len(family.rsplit(", ", 1)[1]) <= 12:
        family, record.suffix = family.rsplit(", ", 1)  # "Redcloud, PhD": a credential
    record.family = family
    _add_point(record, PointKind.URL, row.get("URL"), "linkedin")
    _add_point(record, PointKind.EMAIL, row.get("Email Address", "E-mail Address"))
    _position(record, row.get("Company"), row.get("Position"))
    connected = row.get("Connected On")
    if connected:
        try:
            record.met_on = parse_day(connected)
        except ValueError:
            record.problems.append(
                Problem(f"The date {connected[:40]!r} in Connected On is not a date.")
            )


def _google_groups(header: list[str]) -> dict[tuple[str, str], dict[str, int]]:
    """("e-mail", "1") -> {"label": column, "value": column, ...} from numbered columns."""
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for index, name in enumerate(header):
        match = _GROUP_COLUMN.match(name.strip())
        if match:
            key = (match[1].strip().lower(), match[2])
            groups.setdefault(key, {})[match[3].strip().lower()] = index
    return groups


def _google(row: _Row, header: list[str], record: ContactRecord) -> None:
    record.formatted_name = row.get("Name")
    record.given = row.get("First Name", "Given Name")
    record.additional = row.get("Middle Name", "Additional Name")
    record.family = row.get("Last Name", "Family Name")
    record.prefix, record.suffix = row.get("Name Prefix"), row.get("Name Suffix")
    record.nickname = row.get("Nickname")
    _position(record, row.get("Organization Name"), row.get("Organization Title"),
              row.get("Organization Department"))
    record.birthday = _date(record, row.get("Birthday"), "birthday")
    _note(record, row.get("Notes"))
    record.tags = _tags(row.get("Labels", "Group Membership"))
    photo = row.get("Photo")
    if photo.lower().startswith(("http://", "https://")):
        record.extra.append(f"PHOTO;VALUE=uri:{photo}")  # kept as a link, never fetched
    for column, prop in (("Phonetic First Name", "X-PHONETIC-FIRST-NAME"),
                         ("Phonetic Middle Name", "X-PHONETIC-MIDDLE-NAME"),
                         ("Phonetic Last Name", "X-PHONETIC-LAST-NAME")):
        if value := row.get(column):
            record.extra.append(f"{prop}:{_escape(value)}")
    for (section, number), fields in _google_groups(header).items():
        cells = {field: row.cells[i] if i < len(row.cells) else "" for field, i in fields.items()}
        _google_group(record, section, number, cells)


def _google_group(record: ContactRecord, section: str, number: str, cells: dict[str, str]) -> None:
    label, preferred = _label(cells.get("label") or cells.get("type") or "")
    values = _multi(cells.get("value", ""))
    kinds = {"e-mail": PointKind.EMAIL, "phone": PointKind.PHONE, "website": PointKind.URL}
    if section in kinds:
        for value in values:
            _add_point(record, kinds[section], value, label, preferred)
    elif section == "address":
        formatted = cells.get("formatted", "").strip()
        parts = [cells.get(k, "") for k in ("po box", "extended address", "street", "city",
                                           "region", "postal code", "country")]
        _add_point(record, PointKind.ADDRESS,
                   _one_line(formatted) if formatted else _address(parts), label, preferred)
    elif section == "im":
        service = (cells.get("service") or label).strip().lower()
        for value in values:
            _add_point(record, PointKind.IM, value, service, preferred)
    elif section == "relation":
        record.related += [RelatedRecord(value, label) for value in values]
    elif section == "organization":
        _position(record, cells.get("name", "").strip(), cells.get("title", "").strip(),
                  cells.get("department", "").strip())
    elif section == "event":
        _google_event(record, number, label, values)
    elif section == "custom field":
        for value in values:  # Google's own vCard export puts custom fields in NOTE
            _note(record, f"{label}: {value}" if label else value)


def _google_event(record: ContactRecord, number: str, label: str, values: list[str]) -> None:
    for value in values:
        if label.lower() == "anniversary" and record.anniversary is None:
            record.anniversary = _date(record, value, "anniversary")
        else:  # other dates travel as Apple's labelled X-ABDATE so a vCard export keeps them
            record.extra += [f"event{number}.X-ABDATE:{_escape(value)}",
                             f"event{number}.X-ABLabel:{_escape(label)}"]


def _outlook(row: _Row, header: list[str], record: ContactRecord) -> None:
    record.prefix = row.get("Title")
    record.given, record.additional = row.get("First Name"), row.get("Middle Name")
    record.family, record.suffix = row.get("Last Name"), row.get("Suffix")
    record.nickname = row.get("Nickname")
    _position(record, row.get("Company"), row.get("Job Title"), row.get("Department"))
    for column in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"):
        _add_point(record, PointKind.EMAIL, row.get(column))
    for column, label in _OUTLOOK_PHONES.items():
        _add_point(record, PointKind.PHONE, row.get(column), label, column == "Primary Phone")
    for prefix, label in _OUTLOOK_ADDRESSES.items():
        _add_point(record, PointKind.ADDRESS, _outlook_address(row, prefix), label)
    _add_point(record, PointKind.URL, row.get("Web Page"))
    _add_point(record, PointKind.URL, row.get("Personal Web Page"), "home")
    _add_point(record, PointKind.IM, row.get("IMAddress"), "im")
    record.birthday = _date(record, row.get("Birthday"), "birthday")
    record.anniversary = _date(record, row.get("Anniversary"), "anniversary")
    _note(record, row.get("Notes"))
    record.tags = _tags(row.get("Categories"), ";")
    record.tags += [(TagKind.HOBBY, h.strip()) for h in re.split(r"[;,]", row.get("Hobby"))
                    if h.strip()]
    for column, kind in _OUTLOOK_RELATED.items():
        names = re.split(r"[;,]", row.get(column)) if kind == "child" else [row.get(column)]
        record.related += [RelatedRecord(name.strip(), kind) for name in names if name.strip()]


def _outlook_address(row: _Row, prefix: str) -> str:
    formatted = row.get(f"{prefix} Address")
    if formatted:
        return _one_line(formatted)
    street = ", ".join(x for x in (row.get(f"{prefix} Street"), row.get(f"{prefix} Street 2"),
                                   row.get(f"{prefix} Street 3")) if x)
    region = " ".join(x for x in (row.get(f"{prefix} State"), row.get(f"{prefix} Postal Code"))
                      if x)
    country = row.get(f"{prefix} Country/Region", f"{prefix} Country")
    return _address([row.get(f"{prefix} Address PO Box"), street, row.get(f"{prefix} City"),
                     region, country])


def _escape(text: str) -> str:
    """vCard text escaping for the lines we put in `extra`."""
    return (text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n")
            .replace(",", "\\,").replace(";", "\\;"))


_Mapper = Callable[[_Row, list[str], ContactRecord], None]
_MAPPERS: dict[str, _Mapper] = {
    "linkedin": _linkedin,
    "google": _google,
    "google-legacy": _google,
    "outlook": _outlook,
}


# --- public API ---------------------------------------------------------------------------------


def _read_capped(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise too_large("CSV")
    return data


def iter_csv(
    stream: BinaryIO,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> Iterator[ContactRecord]:
    """Records from a CSV stream (read whole, at most MAX_FILE_BYTES); raises on a bad layout."""
    return CsvReader(_read_capped(stream), encoding=encoding, progress=progress).records()


def read_csv(
    data: bytes,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    file: str = "",
) -> ReadResult:
    """Read every row; raises UnknownFormatError or FileTooLargeError for unusable files."""
    reader = CsvReader(data, encoding=encoding, progress=progress, file=file)
    records = list(reader.records())
    return ReadResult(reader.format, records, reader.problems, reader.cards,
                      reader.encoding_fallback)
