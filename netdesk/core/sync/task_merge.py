"""A task both sides changed since the last sync: one copy for both.

A task ticked off on either side stays ticked off (the phone's tick is the news); otherwise
this computer's copy is kept, as netdesk rewrites a task only when its follow-up or date
moved. The chosen text goes into both files, as vdirsyncer's conflict command must leave them.
"""

from __future__ import annotations

from pathlib import Path

from netdesk.io import vdir, vtodo


def is_task(text: str) -> bool:
    return "BEGIN:VTODO" in text.upper()


def merge_task_files(a_path: Path, b_path: Path) -> str:
    """Write the kept copy (`a` is this computer's) into both files; raises ReadError when
    either is not a task."""
    a_text, b_text = a_path.read_text(encoding="utf-8"), b_path.read_text(encoding="utf-8")
    a_done = vtodo.read_todo(a_text.encode()).completed
    b_done = vtodo.read_todo(b_text.encode()).completed
    kept = b_text if b_done and not a_done else a_text
    for path in (a_path, b_path):
        vdir.write_atomic(path.parent, path.name, kept)
    return kept
