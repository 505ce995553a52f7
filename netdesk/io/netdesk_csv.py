"""netdesk's own CSV layout, both ways: `csv_writer` writes rows with `row_cells`, the CSV reader
reads them back with `read_row`, so an export re-imports into the same people.

Besides the card fields a row carries what only netdesk knows (how you met, why they stand out,
family, circles, interests, keep in touch) and a birthday netdesk kept as text. Several values
share a cell separated by "; "; a label follows its value in brackets, except for phones, whose
labels have their own column so a phone cell stays a plain number a spreadsheet shows as it is.
Other positions take one line each: `organisation | title | department`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from netdesk.io import netdesk_props
from netdesk.io.csv_values import Row, add_point, note, position
from netdesk.io.dates import parse_date, parse_day
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord, Problem, RelatedRecord
from netdesk.io.vcard_props import unescape
from netdesk.values import Birthday, PointKind, TagKind

__all__ = ["FORMULA_STARTS", "HEADER", "SEPARATOR", "read_row", "row_cells"]

SEPARATOR = "; "  # between several values in one cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_LABELLED = re.compile(r"^(.*) \(([^()]*)\)$")
_FIELD_SPLIT = re.compile(r"(?<!\\)\|")
_POINT_COLUMNS = {"Emails": PointKind.EMAIL, "Phones": PointKind.PHONE,
                  "Addresses": PointKind.ADDRESS, "Websites": PointKind.URL, "IM": PointKind.IM,
                  "Social": PointKind.SOCIAL}
_TAG_COLUMNS = {"Tags": TagKind.LABEL, "Interests": TagKind.INTEREST,
                "Hobbies": TagKind.HOBBY, "Skills": TagKind.SKILL}
_TEXT_COLUMNS = {"How Met": "how_met", "Why They Stand Out": "why_stand_out",
                 "Family Notes": "family_notes"}
_TEXT_DATES = {"Birthday": "BDAY", "Anniversary": "ANNIVERSARY"}


# --- writing -----------------------------------------------------------------------------------


def _labelled(value: str, label: str) -> str:
    """`value (label)`; an unlabelled value that ends in brackets gets empty ones, so reading
    the file back does not take `555 (ext 2)` for 555 labelled "ext 2"."""
    if label or value.endswith(")"):
        return f"{value} ({label})"
    return value


def _points(kind: PointKind) -> Callable[[ContactRecord], str]:
    return lambda r: SEPARATOR.join(
        _labelled(p.value, p.label) for p in r.points if p.kind is kind
    )


def _phones(r: ContactRecord) -> str:
    return SEPARATOR.join(p.value for p in r.points if p.kind is PointKind.PHONE)


def _phone_labels(r: ContactRecord) -> str:
    labels = [p.label for p in r.points if p.kind is PointKind.PHONE]
    return SEPARATOR.join(labels) if any(labels) else ""


def _first_position(attr: str) -> Callable[[ContactRecord], str]:
    return lambda r: getattr(r.positions[0], attr) if r.positions else ""


def _escape_field(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _other_positions(r: ContactRecord) -> str:
    lines = []
    for p in r.positions[1:]:
        fields = [_escape_field(x) for x in (p.organization, p.title, p.department)]
        while fields and not fields[-1]:
            fields.pop()
        lines.append(" | ".join(fields))
    return "\n".join(lines)


def _date(attr: str, prop: str) -> Callable[[ContactRecord], str]:
    """The date, or the text netdesk kept when it was not one (a `BDAY;VALUE=text` line)."""

    def cell(r: ContactRecord) -> str:
        date: Birthday | None = getattr(r, attr)
        if date is not None:
            return date.iso()
        for line in r.extra:
            head, _, value = line.partition(":")
            if head.split(";")[0].strip().upper() == prop:
                return unescape(value).strip()
        return ""

    return cell


def _tags(kind: TagKind) -> Callable[[ContactRecord], str]:
    return lambda r: SEPARATOR.join(name for k, name in r.tags if k is kind)


def _ours(r: ContactRecord) -> dict[str, object]:
    return netdesk_props.read_netdesk_lines(r.extra)[0]


def _text(attr: str) -> Callable[[ContactRecord], str]:
    return lambda r: str(_ours(r).get(attr, ""))


def _circles(r: ContactRecord) -> str:
    circles = _ours(r).get("circles", [])
    return SEPARATOR.join(circles) if isinstance(circles, list) else ""


_COLUMNS: list[tuple[str, Callable[[ContactRecord], str]]] = [
    ("Name", lambda r: r.display_name()),
    ("Prefix", lambda r: r.prefix),
    ("Given", lambda r: r.given),
    ("Additional", lambda r: r.additional),
    ("Family", lambda r: r.family),
    ("Suffix", lambda r: r.suffix),
    ("Nickname", lambda r: r.nickname),
    ("Organization", _first_position("organization")),
    ("Department", _first_position("department")),
    ("Title", _first_position("title")),
    ("Emails", _points(PointKind.EMAIL)),
    ("Phones", _phones),
    ("Phone Labels", _phone_labels),
    ("Addresses", _points(PointKind.ADDRESS)),
    ("Websites", _points(PointKind.URL)),
    ("IM", _points(PointKind.IM)),
    ("Social", _points(PointKind.SOCIAL)),
    ("Birthday", _date("birthday", "BDAY")),
    ("Anniversary", _date("anniversary", "ANNIVERSARY")),
    ("Met On", lambda r: r.met_on.isoformat() if r.met_on else ""),
    *[(column, _tags(kind)) for column, kind in _TAG_COLUMNS.items()],
    ("Circles", _circles),
    *[(column, _text(attr)) for column, attr in _TEXT_COLUMNS.items()],
    ("Keep In Touch Days", _text("cadence_days")),
    ("Nurture", lambda r: "yes" if _ours(r).get("nurture") else ""),
    ("Related", lambda r: SEPARATOR.join(_labelled(x.name, x.kind) for x in r.related)),
    ("Other Positions", _other_positions),
    ("Notes", lambda r: r.note),
    ("UID", lambda r: r.uid),
]
HEADER = [name for name, _ in _COLUMNS]
PHONE_COLUMNS = frozenset({"Phones"})


def row_cells(record: ContactRecord) -> list[tuple[str, str]]:
    """(column, text) for every column of HEADER, before spreadsheet escaping."""
    return [(name, column(record)) for name, column in _COLUMNS]


# --- reading -----------------------------------------------------------------------------------


def unguard(cell: str) -> str:
    """Undo the apostrophe `csv_writer.safe_cell` puts before a would-be formula."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SEPARATOR.strip())] if cell else []


def _unlabelled(text: str) -> tuple[str, str]:
    match = _LABELLED.match(text)
    return (match[1], match[2]) if match else (text, "")


def read_row(row: Row, header: list[str], record: ContactRecord) -> None:
    """One row of netdesk's export back into the record it was written from."""

    def cell(name: str) -> str:
        return unguard(row.get(name))

    record.prefix, record.given = cell("Prefix"), cell("Given")
    record.additional, record.family = cell("Additional"), cell("Family")
    record.suffix, record.nickname = cell("Suffix"), cell("Nickname")
    if cell("Name") != record.display_name():
        record.formatted_name = cell("Name")
    position(record, cell("Organization"), cell("Title"), cell("Department"))
    record.positions += _read_other_positions(cell("Other Positions"))
    _read_points(record, cell)
    for column, prop in _TEXT_DATES.items():
        _read_date(record, column, prop, cell(column))
    _read_met_on(record, cell("Met On"))
    for column, kind in _TAG_COLUMNS.items():
        record.tags += [(kind, name) for name in _split(cell(column)) if name]
    texts = {attr: cell(column) for column, attr in _TEXT_COLUMNS.items()}
    cadence = cell("Keep In Touch Days")
    record.extra += netdesk_props.netdesk_lines(
        texts,
        [name for name in _split(cell("Circles")) if name],
        int(cadence) if cadence.isdigit() else None,
        cell("Nurture").lower() in ("yes", "1", "true"),
    )
    record.related = [RelatedRecord(*_unlabelled(p)) for p in _split(cell("Related")) if p]
    note(record, cell("Notes"))
    record.uid = cell("UID")


def _read_points(record: ContactRecord, cell: Callable[[str], str]) -> None:
    for column, kind in _POINT_COLUMNS.items():
        if kind is PointKind.PHONE:
            _read_phones(record, cell)
            continue
        for part in filter(None, _split(cell(column))):
            add_point(record, kind, *_unlabelled(part))


def _read_phones(record: ContactRecord, cell: Callable[[str], str]) -> None:
    phones = [p for p in _split(cell("Phones")) if p]
    labels = _split(cell("Phone Labels"))
    for index, phone in enumerate(phones):
        if labels:
            label = labels[index] if index < len(labels) else ""
            record.points.append(PointRecord(PointKind.PHONE, phone, label))
        else:  # an export from before phone labels had their own column
            add_point(record, PointKind.PHONE, *_unlabelled(phone))


def _read_other_positions(text: str) -> list[PositionRecord]:
    if not text:
        return []
    if "|" not in text and "\n" not in text:  # older exports: "title, organisation; ..."
        pairs = (part.rpartition(", ") for part in _split(text) if part)
        return [PositionRecord(org, title) for title, _, org in pairs]
    positions = []
    for line in filter(None, (x.strip() for x in text.split("\n"))):
        fields = [f.strip().replace("\\|", "|").replace("\\\\", "\\")
                  for f in _FIELD_SPLIT.split(line)]
        fields += [""] * (3 - len(fields))
        positions.append(PositionRecord(fields[0], fields[1], fields[2]))
    return positions


def _read_date(record: ContactRecord, column: str, prop: str, text: str) -> None:
    if not text:
        return
    try:
        date = parse_date(text)
    except ValueError:  # a date netdesk kept as text: it stays text
        escaped = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        record.extra.append(f"{prop};VALUE=text:{escaped}")
        return
    setattr(record, "birthday" if column == "Birthday" else "anniversary", date)


def _read_met_on(record: ContactRecord, text: str) -> None:
    if not text:
        return
    try:
        record.met_on = parse_day(text)
    except ValueError:
        record.problems.append(Problem(f"The date {text[:40]!r} in Met On is not a date."))
