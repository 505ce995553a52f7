"""What a person can choose about how a file is read, reached through core so the window never
imports io: the encodings the picker offers, and a CSV's column map.

- `ENCODINGS`: (name `encoding=` takes, what to call it), the one list; `encoding_label(name)`
  names one in a sentence ("Mac Roman").
- `CsvLayout`: a CSV no known layout matched, as the column-mapping step shows it: its header,
  first rows and the reader's guess (`columns`); `has_identity(map)`: a map that can name a
  person (a name, email, phone or organisation column). Reading again with `columns={file: map}`
  (`plan_file`, `plan_together`, `plan_bytes`) uses the person's map instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netdesk.io.csv_layouts import ColumnMap, Field, has_identity
from netdesk.io.encodings import ENCODINGS
from netdesk.io.encodings import label as encoding_label

__all__ = ["ENCODINGS", "ColumnMap", "CsvLayout", "Field", "encoding_label", "has_identity"]

PREVIEW_ROWS = 5


@dataclass
class CsvLayout:
    """A CSV file whose columns the person should confirm before it is imported."""

    file: str  # the name `columns=` is keyed by
    header: list[str]  # the header cells, or "Column 1"... for a file without a header
    has_header: bool
    rows: list[list[str]] = field(default_factory=list)  # the first data rows
    columns: ColumnMap = field(default_factory=dict)  # the reader's best guess
