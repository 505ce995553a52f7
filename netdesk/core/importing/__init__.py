"""Importing contacts: read files, match their records against the store, preview, apply, undo.

- `sources`: files and bytes in, plans out (the one read-and-plan entry point).
- `choices`: what a person may choose about reading (encodings, a CSV's column map).
- `plan`: what each record will become (new, update, possible duplicate, invalid).
- `apply`: writes a plan as one transaction and one undoable batch (`targets`, `writing`).
- `reports`: what an import did or would do.
- `batches`: past imports; `batch_undo`: undo that leaves later work alone.
"""

from netdesk.core.importing.apply import apply
from netdesk.core.importing.batch_undo import AlreadyUndone, LaterWork, UndoResult, undo
from netdesk.core.importing.batches import BatchInfo, batch_snapshot, batches
from netdesk.core.importing.choices import ENCODINGS, ColumnMap, CsvLayout, Field, encoding_label
from netdesk.core.importing.plan import (
    Action,
    Decision,
    Flag,
    ImportCancelled,
    ImportPlan,
    PlanItem,
    Refusal,
    plan,
    prepare_record,
    record_keys,
    thumbnail,
)
from netdesk.core.importing.reports import CardFate, ImportReport, report_for, report_json
from netdesk.core.importing.sources import (
    FilePlan,
    FileRefused,
    import_path,
    plan_bytes,
    plan_file,
    plan_files,
    plan_together,
    read_path,
)

__all__ = [
    "ENCODINGS",
    "Action",
    "AlreadyUndone",
    "BatchInfo",
    "CardFate",
    "ColumnMap",
    "CsvLayout",
    "Decision",
    "Field",
    "FilePlan",
    "FileRefused",
    "Flag",
    "ImportCancelled",
    "ImportPlan",
    "ImportReport",
    "LaterWork",
    "PlanItem",
    "Refusal",
    "UndoResult",
    "apply",
    "batch_snapshot",
    "batches",
    "encoding_label",
    "import_path",
    "plan",
    "plan_bytes",
    "plan_file",
    "plan_files",
    "plan_together",
    "prepare_record",
    "read_path",
    "record_keys",
    "report_for",
    "report_json",
    "thumbnail",
    "undo",
]
