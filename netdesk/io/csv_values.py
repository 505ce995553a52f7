"""Cell helpers shared by the CSV layouts: one row, and cell text -> record fields."""

from __future__ import annotations

from dataclasses import dataclass

from netdesk.io.dates import is_empty_date, parse_date
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord, Problem
from netdesk.values import Birthday, PointKind, TagKind

MULTI = " ::: "  # Google puts several values in one cell
# Google's system groups, written "* myContacts", "* My Contacts", "* starred" (and by old
# exports "System Group: Friends"): every contact is in one, so they are not tags
SYSTEM_LABELS = frozenset({"mycontacts", "my contacts", "other contacts", "starred"})
_OLD_SYSTEM_GROUPS = frozenset({"friends", "family", "coworkers", *SYSTEM_LABELS})
_OLD_SYSTEM_PREFIX = "system group:"
KNOWN_LABELS = frozenset(
    {"home", "work", "other", "mobile", "main", "home fax", "work fax", "other fax", "pager",
     "work mobile", "work pager", "google voice", "iphone", "school", "profile", "blog",
     "homepage", "home page", "ftp", "anniversary", "spouse", "child", "mother", "father",
     "parent", "brother", "sister", "friend", "relative", "domestic partner", "manager",
     "assistant", "referred by", "partner"}
)


@dataclass(slots=True)
class Row:
    """One CSV row with case-insensitive access by column name."""

    cells: list[str]
    columns: dict[str, int]
    day_first: bool = False  # the file's slashed dates are day/month/year

    def get(self, *names: str) -> str:
        for name in names:
            index = self.columns.get(name.lower())
            if index is not None and index < len(self.cells) and self.cells[index].strip():
                return self.cells[index].strip()
        return ""

    def cell(self, index: int) -> str:
        return self.cells[index].strip() if index < len(self.cells) else ""


def multi(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(MULTI) if part.strip()]


def google_label(raw: str) -> tuple[str, bool]:
    """Google's "* Work" -> ("work", preferred); a custom label is kept as written."""
    text = raw.strip()
    preferred = text.startswith("*")
    text = text.lstrip("*").strip()
    return (text.lower() if text.lower() in KNOWN_LABELS else text), preferred


def tags(cell: str, separator: str = MULTI) -> list[tuple[TagKind, str]]:
    """Labels from a cell; Google's system groups ("* My Contacts", "* starred") are not tags."""
    found: list[tuple[TagKind, str]] = []
    for part in cell.split(separator):
        name = part.strip().lstrip("*").strip()
        if name.lower() in SYSTEM_LABELS or _old_system_group(name):
            continue
        if name and (TagKind.LABEL, name) not in found:
            found.append((TagKind.LABEL, name))
    return found


def _old_system_group(name: str) -> bool:
    lower = name.lower()
    return (lower.startswith(_OLD_SYSTEM_PREFIX)
            and lower.removeprefix(_OLD_SYSTEM_PREFIX).strip() in _OLD_SYSTEM_GROUPS)


def add_point(
    record: ContactRecord, kind: PointKind, value: str, label: str = "", preferred: bool = False
) -> None:
    value = " ".join(value.split()) if kind is not PointKind.ADDRESS else value
    if not value:
        return
    if kind is PointKind.URL and not label and "linkedin.com" in value.lower():
        label = "linkedin"
    record.points.append(PointRecord(kind, value, label, preferred))


def one_line(text: str) -> str:
    lines = (line.strip().rstrip(",").strip() for line in text.splitlines())
    return ", ".join(line for line in lines if line)


def address(parts: list[str]) -> str:
    return ", ".join(one_line(part) for part in parts if part.strip())


def date(record: ContactRecord, text: str, what: str, day_first: bool = False) -> Birthday | None:
    """A date cell, or None with a problem when it is not a date."""
    if not text or is_empty_date(text):
        return None
    try:
        return parse_date(text, day_first=day_first)
    except ValueError:
        record.problems.append(Problem(f"The {what} {text[:40]!r} is not a date and was skipped."))
        return None


def position(record: ContactRecord, org: str, title: str, department: str = "") -> None:
    if org or title or department:
        record.positions.append(PositionRecord(org, title, department))


def note(record: ContactRecord, text: str) -> None:
    text = text.replace("\r\n", "\n").strip()
    if text:
        record.note = f"{record.note}\n{text}" if record.note else text


def escape(text: str) -> str:
    """vCard text escaping for the lines we put in `extra`."""
    return (text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n")
            .replace(",", "\\,").replace(";", "\\;"))
