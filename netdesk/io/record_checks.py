"""The last pass over every record a reader makes, whatever the file format.

- No NUL and no control character reaches the store: a NUL is dropped (with a problem line), any
  other control character becomes a space, except the line breaks and tabs of a note.
- No text is longer than `field_limits` allows: each cut gets a problem line.
- A birth year before 1850 is a placeholder some tools write for "no year" (Apple's 1604 is
  read as no year already): the date is kept without its year, with a problem line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from netdesk.io.field_limits import (
    MAX_DEPARTMENT,
    MAX_EXTRA_LINE,
    MAX_LABEL,
    MAX_LONG_TEXT,
    MAX_NAME,
    MAX_ORGANIZATION,
    MAX_POINT,
    MAX_TITLE,
    MAX_UID,
)
from netdesk.io.records import ContactRecord, Problem
from netdesk.values import Birthday

__all__ = ["EARLIEST_BIRTH_YEAR", "check_record", "multi_line", "one_line"]

EARLIEST_BIRTH_YEAR = 1850
APPLE_NO_YEAR = 1604  # Apple's "no year": not worth a problem line
_CONTROLS = re.compile(r"[\x01-\x1f\x7f]+")
_LINE_CONTROLS = re.compile(r"[\x01-\x08\x0b-\x1f\x7f]+")  # all but tab and LF
_BINARY_HEAD = re.compile(r"(?i);\s*(?:encoding\s*=\s*)?(?:b|base64)\s*(?:[;:]|$)")
_NAME_PARTS = {
    "formatted_name": "name", "prefix": "name prefix", "given": "given name",
    "additional": "middle name", "family": "family name", "suffix": "name suffix",
    "nickname": "nickname",
}


def one_line(text: str) -> str:
    """Text without NULs, every other control character (line breaks too) made a space."""
    text = text.replace("\x00", "")
    return _CONTROLS.sub(" ", text) if _CONTROLS.search(text) else text


def multi_line(text: str) -> str:
    """Text without NULs; line breaks become LF, other control characters a space."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return _LINE_CONTROLS.sub(" ", text) if _LINE_CONTROLS.search(text) else text


class _Checker:
    def __init__(self, record: ContactRecord) -> None:
        self.record = record
        self.problems: list[Problem] = []
        self.nuls = False

    def problem(self, message: str) -> None:
        self.problems.append(Problem(message, self.record.card, self.record.line))

    def text(self, value: str, limit: int, what: str, clean: Callable[[str], str] = one_line
             ) -> str:
        self.nuls = self.nuls or "\x00" in value
        value = clean(value)
        if len(value) > limit:
            self.problem(f"The {what} was {len(value):,} characters long and was cut to "
                         f"{limit:,}.")
            value = value[:limit]
        return value


def check_record(record: ContactRecord) -> list[Problem]:
    """Clean and cap `record` in place; returns one problem per change a user should know of."""
    check = _Checker(record)
    for attr, what in _NAME_PARTS.items():
        setattr(record, attr, check.text(getattr(record, attr), MAX_NAME, what))
    record.note = check.text(record.note, MAX_LONG_TEXT, "note", multi_line)
    record.uid = check.text(record.uid, MAX_UID, "UID")
    for point in record.points:
        point.value = check.text(point.value, MAX_POINT, str(point.kind))
        point.label = check.text(point.label, MAX_LABEL, f"{point.kind} label")
    for position in record.positions:
        position.organization = check.text(position.organization, MAX_ORGANIZATION,
                                           "organisation")
        position.title = check.text(position.title, MAX_TITLE, "title")
        position.department = check.text(position.department, MAX_DEPARTMENT, "department")
    record.tags = [(kind, check.text(name, MAX_LABEL, "tag")) for kind, name in record.tags]
    for related in record.related:
        related.name = check.text(related.name, MAX_NAME, "related person's name")
        related.kind = check.text(related.kind, MAX_LABEL, "relation")
    record.extra = [line for line in map(lambda x: _extra_line(check, x), record.extra) if line]
    record.birthday = _real_year(check, record.birthday, "birthday")
    record.anniversary = _real_year(check, record.anniversary, "anniversary")
    if check.nuls:
        check.problem("NUL characters (padding or a damaged file) were removed.")
    return check.problems


def _extra_line(check: _Checker, line: str) -> str:
    """An unmodelled property: text is cut like a note; binary data that long is dropped."""
    line = one_line(line)
    head, _, value = line.partition(":")
    if len(value) <= MAX_EXTRA_LINE:
        return line
    name = head.split(";", 1)[0].rpartition(".")[2].strip().upper() or "unnamed"
    if _BINARY_HEAD.search(head) or value[:5].lower() == "data:":
        check.problem(f"A {name} property of {len(value):,} characters was left out.")
        return ""
    value = value[:MAX_EXTRA_LINE]
    if (len(value) - len(value.rstrip("\\"))) % 2:
        value = value[:-1]  # never end on half of a `\n` escape
    check.problem(f"The {name} value was {len(line) - len(head) - 1:,} characters long and was "
                  f"cut to {len(value):,}.")
    return f"{head}:{value}"


def _real_year(check: _Checker, date: Birthday | None, what: str) -> Birthday | None:
    if date is None or date.year is None or date.year >= EARLIEST_BIRTH_YEAR:
        return date
    if date.year != APPLE_NO_YEAR:
        check.problem(f"The {what}'s year {date.year} looks like a placeholder; the date was "
                      "kept without a year.")
    return Birthday(date.month, date.day)
