"""Reading files into plans."""

from __future__ import annotations

from pathlib import Path

from netdesk.core.gc_pause import gc_paused
from netdesk.core.importing.apply import apply
from netdesk.core.importing.plan import (
    Cancel,
    Decision,
    ImportCancelled,
    ImportPlan,
    Progress,
    plan,
    prepare_record,
)
from netdesk.core.importing.reports import ImportReport, report_for
from netdesk.io.records import ContactRecord, Problem


@gc_paused
def read_path(
    path: Path,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportPlan:
    """Read a file with the streaming reader and plan it. Photos become thumbnails as each record
    arrives, so memory holds light records, not the file. Raises ReadError for unreadable files."""
    from netdesk.io import reading

    path = Path(path)
    size = max(1, path.stat().st_size)

    def on_read(cards: int, done_bytes: int) -> None:
        if progress is not None:
            progress(min(done_bytes, size), size)

    reader = reading.iter_records(path, encoding=encoding, progress=on_read)
    records: list[ContactRecord] = []
    problems: list[Problem] = []
    for record in reader.records():
        if cancel is not None and cancel():
            raise ImportCancelled("The import was cancelled; nothing was changed.")
        prepare_record(record, problems)
        records.append(record)
    return plan(
        records,
        source_name=path.name,
        fmt=reader.format,
        cards=reader.cards,
        problems=[*reader.problems, *problems],
        encoding_fallback=reader.encoding_fallback,
        groups=reader.groups,
    )


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

    planned = read_path(Path(path), encoding=encoding, progress=reading_progress, cancel=cancel)
    if dry_run:
        return report_for(planned, decisions)
    return apply(planned, decisions=decisions, progress=apply_progress, cancel=cancel)
