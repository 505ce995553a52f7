"""Applying a plan: ONE transaction with ONE `ImportBatch` row.

New people (and the points they bring) point at the batch; updates only add to a person and
never overwrite what the user entered; the updated people's profiles before and after and a
fingerprint of each new person are stored on the batch, for undo (`batch_undo`). A cancel or any
failure rolls everything back.
"""

from __future__ import annotations

from netdesk.core import job_changes, snapshots, store
from netdesk.core.gc_pause import gc_paused
from netdesk.core.importing import batch_undo
from netdesk.core.importing.groups import join_groups
from netdesk.core.importing.plan import (
    Action,
    Cancel,
    Decision,
    ImportCancelled,
    ImportPlan,
    PlanItem,
    Progress,
)
from netdesk.core.importing.reports import ImportReport, count, counter_for, empty_report
from netdesk.core.importing.targets import Target, absorb, fresh_target, load_targets, new_fields
from netdesk.core.importing.writing import write_new, write_updates
from netdesk.db import backup
from netdesk.db.connection import current_path
from netdesk.db.models import ImportBatch
from netdesk.values import Topic

# New people written at a time: a big file's people never all wait in memory for the commit.
WRITE_CHUNK = 5000


@gc_paused
def apply(
    plan_: ImportPlan,
    *,
    decisions: dict[int, Decision] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Write the plan in one transaction; raises ImportCancelled (nothing written) on cancel."""
    decisions = decisions or {}
    report = empty_report(plan_, dry_run=False)
    total = len(plan_.items)
    if all(item.action is Action.INVALID for item in plan_.items):
        for item in plan_.items:  # each card still says why it was not imported
            count(report, item, decisions.get(item.index))
        return report  # no valid card: nothing to write, not even an import record
    # a copy first, so even a wrong-but-successful import can be rolled back by restore
    backup.before_import(current_path())
    with store.write():
        batch = ImportBatch.create(source=plan_.source_name, format=plan_.fmt, cards=plan_.cards)
        existing = load_targets(_existing_ids(plan_, decisions))
        # a known person's new job or email waits for the user's word (Tools > Who moved on)
        review = job_changes.Review.for_people(existing)
        by_item: dict[int, Target] = {}
        new_targets: list[Target] = []
        touched: set[int] = set()
        kept = _pointed_at(plan_)
        written: list[Target] = []  # new people no later card joins: written a chunk at a time
        created: dict[int, str] = {}  # new people's fingerprints by id, for undo
        for item in plan_.items:
            if cancel is not None and cancel():
                raise ImportCancelled("The import was cancelled; nothing was changed.")
            verb = count(report, item, decisions.get(item.index))
            if verb in ("new", "updated"):
                if verb == "new":  # a flagged card too: it only names whom a Merge would update
                    target = fresh_target(item, batch.id)
                    if kept is not None and item.index not in kept:
                        written.append(target)
                        if len(written) >= WRITE_CHUNK:
                            created |= write_new(written, batch.id)
                            written = []
                    else:
                        new_targets.append(target)
                        by_item[item.index] = target
                else:
                    target = _target_for(item, verb, existing, by_item, new_targets)
                    known = target.person_id is not None
                    before = known and target.dirty
                    absorb(target, review.hold_back(target, item), batch.id)
                    if known:
                        touched.add(target.person_id)
                        if not target.dirty and not before:
                            report.unchanged += 1
            if progress is not None:
                progress(item.index + 1, total)
        if cancel is not None and cancel():
            raise ImportCancelled("The import was cancelled; nothing was changed.")
        join_groups(plan_, by_item, report.problems)
        changed = [t for t in existing.values() if t.dirty]
        before = snapshots.capture_profile([t.person_id for t in changed if t.person_id])
        created |= write_new([*written, *new_targets], batch.id)
        write_updates(changed, batch.id)
        batch.created_count = report.new
        batch.updated_count = report.updated
        batch.skipped_count = report.duplicates + report.skipped + report.invalid
        batch.snapshot = batch_undo.record(before, batch.id, created)
        proposed = review.save(source=plan_.source_name, seen_on=plan_.file_date, batch_id=batch.id)
        report.proposed_changes = len(review.found)
        batch.save()
        report.batch_id = int(batch.id)
        store.changed(Topic.PEOPLE, *created, *touched, *proposed)
        store.changed(Topic.IMPORTS)
    return report


def _pointed_at(plan_: ImportPlan) -> set[int] | None:
    """The items a later card joins: their new people must wait for it. None when every new
    person must wait (group cards look their members up among them)."""
    if plan_.groups:
        return None
    return {item.into for item in plan_.items if item.into is not None}


def _existing_ids(plan_: ImportPlan, decisions: dict[int, Decision]) -> set[int]:
    return {
        item.person_id
        for item in plan_.items
        if item.person_id is not None and counter_for(item, decisions.get(item.index)) == "updated"
    }


def _target_for(
    item: PlanItem,
    verb: str,
    existing: dict[int, Target],
    by_item: dict[int, Target],
    new_targets: list[Target],
) -> Target:
    target: Target | None = None
    if verb == "updated":
        if item.person_id is not None:
            target = existing.get(item.person_id)
        elif item.into is not None:
            target = by_item.get(item.into)
    if target is None:  # new, or the record it matched was left out: it starts a person
        target = Target(None, new_fields(item))
        new_targets.append(target)
        if item.into is not None:
            by_item.setdefault(item.into, target)
    by_item[item.index] = target
    return target
