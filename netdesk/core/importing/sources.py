"""Files and bytes in, plans out: the one place an import reads.

`plan_file(path)` reads one file completely, then plans it. A file that cannot be imported at
all (missing, a folder, empty, not contacts, or unreadable, also part-way) raises `FileRefused`
with one sentence, and nothing of it is kept: a read that fails after some cards must not
import those cards. `plan_files(paths)` plans several files one after another, each refusal on
its own, lazily, so a caller can apply each plan before the next file is planned against the
store. `plan_together(paths)` makes one plan of several files (one import, one Undo) that
carries the refused files; `plan_bytes(data, name)` plans dragged data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from netdesk.core.errors import CoreError
from netdesk.core.gc_pause import gc_paused
from netdesk.core.importing.apply import apply
from netdesk.core.importing.choices import PREVIEW_ROWS, ColumnMap, CsvLayout
from netdesk.core.importing.plan import (
    Cancel,
    Decision,
    ImportCancelled,
    ImportPlan,
    Progress,
    Refusal,
    plan,
    prepare_record,
)
from netdesk.core.importing.reports import ImportReport, report_for
from netdesk.io import reading
from netdesk.io.errors import FileTooLargeError, ReadError
from netdesk.io.records import ContactRecord, GroupRecord, Problem

# Cards one import takes from one file. A plan and the people it writes stay in memory until the
# single transaction commits (about 1 KB a card to plan, 4 KB to import), so a file past this is
# refused as soon as reading reaches it instead of exhausting memory. Address books stop far
# below it (Google at 25,000 contacts, iCloud at 50,000).
MAX_CARDS = 200_000


class FileRefused(CoreError):
    """A whole file cannot be imported; nothing of it was kept."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(reason)
        self.refusal = Refusal(file, reason)


@dataclass
class FilePlan:
    """One file's outcome: its plan, or why it was refused."""

    path: Path
    plan: ImportPlan | None = None
    refusal: Refusal | None = None


@dataclass
class _Read:
    """A file read completely: its records and what the reader said about it."""

    name: str
    fmt: str
    cards: int
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding_fallback: str | None = None
    groups: list[GroupRecord] = field(default_factory=list)
    layouts: list[CsvLayout] = field(default_factory=list)  # CSVs whose columns were guessed
    files: list[tuple[str, int]] = field(default_factory=list)  # (file, records) when combined
    file_date: dt.date | None = None  # the file's modification day: when the export was made


class _Watched:
    """A binary stream that remembers a failed read: the vCard reader turns any error into a
    problem and stops, which must refuse the file instead of importing the cards before it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.failure: OSError | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(size)
        except OSError as exc:
            self.failure = exc
            raise

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._stream.seek(offset, whence)

    def close(self) -> None:
        self._stream.close()

    def __getattr__(self, name: str) -> Any:  # tell, readable, name...: as the file has them
        return getattr(self._stream, name)


class _NoItems(list[Any]):
    """The one empty list every empty list field of a read record shares: a minimal card has
    six, 56 bytes each, more than the card's text. Records are not changed after reading; a
    change would raise here rather than reach every other record."""

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("a read record's empty list is shared and cannot change")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


_NO_ITEMS = _NoItems()
_LIST_FIELDS = ("points", "positions", "tags", "related", "extra", "problems")


def _share_empty_lists(record: ContactRecord) -> None:
    for name in _LIST_FIELDS:
        if not getattr(record, name):
            setattr(record, name, _NO_ITEMS)


def _open(path: Path) -> BinaryIO:
    return path.open("rb")


def _cannot_read(path: Path, exc: OSError) -> str:
    return f"{path} cannot be read: {exc.strerror or exc}."


def _read_stream(
    stream: _Watched,
    name: str,
    size: int,
    encoding: str | None,
    progress: Progress | None,
    cancel: Cancel | None,
    columns: Mapping[str, ColumnMap] | None = None,
) -> _Read:
    def on_read(_cards: int, done_bytes: int) -> None:
        if progress is not None:
            progress(min(done_bytes, size), size)

    reader = reading.open_reader(
        stream,
        name=name,
        encoding=encoding,
        columns=(columns or {}).get(name),
        progress=on_read,
        size=size,
    )
    read = _Read(name, reader.format, 0, layouts=_guessed_layout(reader, name))
    for record in reader.records():
        if cancel is not None and cancel():
            reader.close()
            raise ImportCancelled("The import was cancelled; nothing was changed.")
        if reader.cards > MAX_CARDS:
            reader.close()
            raise FileTooLargeError(
                f"“{name}” has more than {MAX_CARDS:,} cards, more than netdesk imports from "
                "one file; split it into smaller files."
            )
        prepare_record(record, read.problems)  # photos shrink as they come: memory stays small
        _share_empty_lists(record)
        read.records.append(record)
    read.cards = reader.cards
    read.problems[:0] = reader.problems
    read.encoding_fallback = reader.encoding_fallback
    read.groups = reader.groups
    return read


def _guessed_layout(reader: reading.Reader, name: str) -> list[CsvLayout]:
    """The CSV whose column map was guessed (no known layout, no map passed), for the window's
    column-mapping step; nothing for any other file."""
    table = reader.csv
    if table is None or not table.needs_mapping:
        return []
    rows = table.preview(PREVIEW_ROWS)
    return [CsvLayout(name, list(table.header), table.has_header, rows, table.columns)]


@gc_paused
def read_file(
    path: Path,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    columns: Mapping[str, ColumnMap] | None = None,
) -> _Read:
    """Read one file completely; raises FileRefused when nothing of it can be imported."""
    path = Path(path)
    if not path.exists():
        raise FileRefused(str(path), f"{path} does not exist.")
    if path.is_dir():
        raise FileRefused(str(path), f"{path} is a folder, not a contacts file.")
    try:
        stream = _Watched(_open(path))
    except OSError as exc:
        raise FileRefused(str(path), _cannot_read(path, exc)) from exc
    try:
        stat = path.stat()
        read = _read_stream(
            stream, path.name, max(1, stat.st_size), encoding, progress, cancel, columns
        )
        read.file_date = dt.date.fromtimestamp(stat.st_mtime)
    except ReadError as exc:
        raise FileRefused(str(path), str(exc)) from exc
    except OSError as exc:
        raise FileRefused(str(path), _cannot_read(path, exc)) from exc
    finally:
        stream.close()
    if stream.failure is not None:
        raise FileRefused(str(path), _cannot_read(path, stream.failure))
    _refuse_unreadable(str(path), read)
    return read


def _refuse_unreadable(file: str, read: _Read) -> None:
    """A fatal problem that belongs to no card, after some cards were read, means reading
    stopped part-way: the cards before it must not be imported as if they were the file."""
    if not read.records:
        return  # nothing was read, nothing can be half-imported (the report says so)
    for problem in read.problems:
        if problem.fatal and problem.card is None:
            raise FileRefused(file, f"{file}: {problem.message}")


def _plan_read(read: _Read, source_name: str) -> ImportPlan:
    planned = plan(
        read.records,
        source_name=source_name,
        fmt=read.fmt,
        cards=read.cards,
        problems=read.problems,
        encoding_fallback=read.encoding_fallback,
        groups=read.groups,
        layouts=read.layouts,
        files=read.files,
    )
    planned.file_date = read.file_date
    return planned


def plan_file(
    path: Path,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    columns: Mapping[str, ColumnMap] | None = None,
) -> ImportPlan:
    """Read one file and plan it; raises FileRefused when nothing of it can be imported.
    `columns` maps a CSV's file name to the column map the person chose."""
    read = read_file(path, encoding=encoding, progress=progress, cancel=cancel, columns=columns)
    return _plan_read(read, Path(path).name)


def plan_files(
    paths: Iterable[Path],
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Iterator[FilePlan]:
    """Each file planned on its own, in order; a refused file never stops the others. Each plan
    is made when the caller asks for it, so it sees what the caller applied before."""
    paths = [Path(p) for p in paths]
    for number, path in enumerate(paths):
        step = _file_step(progress, number, len(paths))
        try:
            yield FilePlan(path, plan_file(path, encoding=encoding, progress=step, cancel=cancel))
        except FileRefused as exc:
            yield FilePlan(path, refusal=exc.refusal)


def plan_together(
    paths: Sequence[Path],
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    columns: Mapping[str, ColumnMap] | None = None,
) -> ImportPlan:
    """Several files as one plan (one import, one Undo); a person in two files is created once.
    Refused files are listed in the plan; when every file is refused, the first refusal is
    raised."""
    reads: list[_Read] = []
    refused: list[Refusal] = []
    for number, path in enumerate(paths):
        step = _file_step(progress, number, len(paths))
        try:
            reads.append(
                read_file(path, encoding=encoding, progress=step, cancel=cancel, columns=columns)
            )
        except FileRefused as exc:
            refused.append(exc.refusal)
    if not reads:
        raise FileRefused(refused[0].file, "\n".join(r.reason for r in refused))
    combined = _combine(reads, ", ".join(Path(p).name for p in paths))
    planned = _plan_read(combined, combined.name)
    planned.refused = refused
    # also as problems, so a preview that lists problems shows each refused file
    planned.problems[:0] = [Problem(r.reason, file=Path(r.file).name) for r in refused]
    return planned


def _combine(reads: list[_Read], name: str) -> _Read:
    if len(reads) == 1:
        return reads[0]
    formats = {r.fmt for r in reads}
    out = _Read(name, formats.pop() if len(formats) == 1 else "mixed", 0)
    for read in reads:
        for problem in read.problems:
            problem.file = problem.file or read.name
        out.records += read.records
        out.problems += read.problems
        out.cards += read.cards
        out.groups += read.groups
        out.encoding_fallback = out.encoding_fallback or read.encoding_fallback
        out.layouts += read.layouts
        out.files.append((read.name, len(read.records)))
        if read.file_date is not None:
            out.file_date = max(out.file_date or read.file_date, read.file_date)
    return out


def _file_step(progress: Progress | None, number: int, count: int) -> Progress | None:
    """Progress through one file of several, as a share of the whole."""
    if progress is None:
        return None

    def step(done: int, total: int) -> None:
        progress(number * 1000 + 1000 * done // max(1, total), count * 1000)

    return step


@gc_paused
def plan_bytes(
    data: bytes,
    name: str,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    columns: Mapping[str, ColumnMap] | None = None,
) -> ImportPlan:
    """Plan contacts held in memory (dragged from another app); raises FileRefused."""
    import io

    stream = _Watched(io.BytesIO(data))
    try:
        read = _read_stream(stream, name, max(1, len(data)), encoding, progress, cancel, columns)
    except ReadError as exc:
        raise FileRefused(name, str(exc)) from exc
    _refuse_unreadable(name, read)
    return _plan_read(read, name)


def read_path(
    path: Path,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportPlan:
    """One file's plan (kept for callers that name it so)."""
    return plan_file(path, encoding=encoding, progress=progress, cancel=cancel)


def import_path(
    path: Path | str,
    *,
    dry_run: bool = False,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    decisions: dict[int, Decision] | None = None,
) -> ImportReport:
    """Read, plan and (unless `dry_run`) apply one file. `progress(done, 1000)` goes through
    reading (the first 60 %) and writing (the rest)."""

    def reading_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(600 * done // max(1, total), 1000)

    def apply_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(600 + 400 * done // max(1, total), 1000)

    planned = plan_file(Path(path), encoding=encoding, progress=reading_progress, cancel=cancel)
    if dry_run:
        return report_for(planned, decisions)
    return apply(planned, decisions=decisions, progress=apply_progress, cancel=cancel)
