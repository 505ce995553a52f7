"""Write `ContactRecord`s as a UTF-8 CSV for spreadsheets.

Spreadsheet programs run cells that start with `=`, `+`, `-` or `@` (and tab or CR) as formulas,
so such cells get a leading apostrophe (CSV injection, OWASP). The accepted trade-off: a phone
number such as `+44 20 7946 0958` is written as `'+44 20 7946 0958`, and a birthday without a
year (`--02-29`) as `'--02-29`. Spreadsheets hide the apostrophe; other tools see it and may
need to strip it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from typing import TextIO

from netdesk.io.records import ContactRecord
from netdesk.values import PointKind

__all__ = ["HEADER", "safe_cell", "write_csv"]

SEPARATOR = "; "  # between several values in one cell
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # a cell keeps tab, CR, LF


def safe_cell(text: str) -> str:
    """Prefix an apostrophe when a spreadsheet would run the cell as a formula; never a NUL or
    other control character (a note keeps its line breaks)."""
    text = _CONTROLS.sub(lambda m: "" if m[0] == "\x00" else " ", text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _points(kind: PointKind) -> Callable[[ContactRecord], str]:
    def cell(record: ContactRecord) -> str:
        values = [_labelled(p.value, p.label) for p in record.points if p.kind is kind]
        return SEPARATOR.join(values)

    return cell


def _labelled(value: str, label: str) -> str:
    """`value (label)`; an unlabelled value that ends in brackets gets empty ones, so reading
    the file back (`csv_mappers`) does not take `555 (ext 2)` for 555 labelled "ext 2"."""
    if label or value.endswith(")"):
        return f"{value} ({label})"
    return value


def _first_position(field: str) -> Callable[[ContactRecord], str]:
    return lambda r: getattr(r.positions[0], field) if r.positions else ""


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
    ("Phones", _points(PointKind.PHONE)),
    ("Addresses", _points(PointKind.ADDRESS)),
    ("Websites", _points(PointKind.URL)),
    ("IM", _points(PointKind.IM)),
    ("Social", _points(PointKind.SOCIAL)),
    ("Birthday", lambda r: r.birthday.iso() if r.birthday else ""),
    ("Anniversary", lambda r: r.anniversary.iso() if r.anniversary else ""),
    ("Met On", lambda r: r.met_on.isoformat() if r.met_on else ""),
    ("Tags", lambda r: SEPARATOR.join(name for _, name in r.tags)),
    ("Related", lambda r: SEPARATOR.join(
        f"{x.name} ({x.kind})" if x.kind else x.name for x in r.related)),
    ("Other Positions", lambda r: SEPARATOR.join(
        ", ".join(x for x in (p.title, p.organization) if x) for p in r.positions[1:])),
    ("Notes", lambda r: r.note),
    ("UID", lambda r: r.uid),
]
HEADER = [name for name, _ in _COLUMNS]


def write_csv(records: Iterable[ContactRecord], out: TextIO, *, bom: bool = False) -> int:
    """Write a header and one row per record; returns the row count.

    Open `out` with `newline=""` and `encoding="utf-8"`; `bom=True` adds the byte-order mark
    Excel needs to recognise UTF-8.
    """
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for record in records:
        writer.writerow([safe_cell(column(record)) for _, column in _COLUMNS])
        count += 1
    return count
