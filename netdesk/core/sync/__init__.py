"""Keeping netdesk's people and a vdir folder of cards in step (the transport, vdirsyncer and
its accounts, lives elsewhere and calls this).

- `reconcile(folder, *, tasks_folder=None, today=None, account=None) -> ReconcileReport`:
  one pass, pull then push (`reconcile`); the report's `as_dict()` is its JSON.
- `merge_vcard_texts(base, a, b) -> MergeOutcome(text, conflicts)`: the field merge on texts.
- `merge_conflicting_files(a_path, b_path)`: vdirsyncer's conflict command.
- `list_conflicts()`, `resolve_conflict(id, "mine" | "theirs")`: the review list.
- tasks: open follow-ups and nurtured people's keep-in-touch dates as VTODO files (`tasks`).
"""

from netdesk.core.sync.conflicting_files import merge_conflicting_files
from netdesk.core.sync.conflicts import ConflictRow, list_conflicts, resolve_conflict
from netdesk.core.sync.merge3 import CardError, FieldConflict, MergeOutcome, merge_vcard_texts
from netdesk.core.sync.reconcile import ReconcileReport, reconcile

__all__ = [
    "CardError",
    "ConflictRow",
    "FieldConflict",
    "MergeOutcome",
    "ReconcileReport",
    "list_conflicts",
    "merge_conflicting_files",
    "merge_vcard_texts",
    "reconcile",
    "resolve_conflict",
]
