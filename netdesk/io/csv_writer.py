"""Write `ContactRecord`s as a UTF-8 CSV for spreadsheets, in netdesk's own layout
(`netdesk_csv`, which also reads it back).

Spreadsheet programs run cells that start with `=`, `+`, `-` or `@` (and tab or CR) as formulas,
so such cells get a leading apostrophe (CSV injection, OWASP), which netdesk's reader removes
again. Phone cells are the exception when they hold nothing but phone numbers (`+44 20 7946 0958;
+1 555 0100 ext. 2`): digits, spaces and `+-()./` cannot call a function, so they are written as
they are. A year-less birthday (`--02-29`) keeps its apostrophe: spreadsheets would subtract.
No cell holds a NUL or another control character; a note keeps its line breaks.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TextIO

from netdesk.io.netdesk_csv import FORMULA_STARTS, HEADER, PHONE_COLUMNS, row_cells
from netdesk.io.records import ContactRecord

__all__ = ["HEADER", "safe_cell", "write_csv"]

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # a cell keeps tab, CR, LF
_PLAIN_PHONE = re.compile(r"\+?[\d ().\-/]*\d[\d ().\-/]*(?: ?(?:ext\.?|x) ?\d+)?", re.I)


def safe_cell(text: str, *, phone: bool = False) -> str:
    """Prefix an apostrophe when a spreadsheet would run the cell as a formula (or when the
    text already starts with an apostrophe before such a character, so reading it back removes
    exactly one). A `phone` cell of plain numbers is left as it is."""
    if phone and text.startswith("+") and all(_plain_phones(text)):
        return text
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def _plain_phones(cell: str) -> list[bool]:
    return [bool(_PLAIN_PHONE.fullmatch(part.strip())) for part in cell.split(";")]


def _printable(text: str) -> str:
    return _CONTROLS.sub(lambda m: "" if m[0] == "\x00" else " ", text)


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
        writer.writerow(
            safe_cell(_printable(text), phone=name in PHONE_COLUMNS)
            for name, text in row_cells(record)
        )
        count += 1
    return count
