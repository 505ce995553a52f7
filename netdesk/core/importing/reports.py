"""What an import did, or for a dry run would do, with one file: counts and problems."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from netdesk.core.importing.plan import Action, Decision, ImportPlan, PlanItem
from netdesk.io.records import Problem


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do) with one file."""

    file: str
    format: str
    cards: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0  # of `updated`: matched people the import had nothing to add to
    duplicates: int = 0  # possible duplicates left out
    invalid: int = 0
    skipped: int = 0  # left out by the user's decision
    problems: list[Problem] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False
    encoding_fallback: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "cards": self.cards,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "invalid": self.invalid,
            "skipped": self.skipped,
            "batch_id": self.batch_id,
            "dry_run": self.dry_run,
            "problems": [
                {"card": p.card, "line": p.line, "message": p.message} for p in self.problems
            ],
        }


def report_for(plan_: ImportPlan, decisions: dict[int, Decision] | None = None) -> ImportReport:
    """The counts `apply` would report, without writing (the dry run)."""
    report = empty_report(plan_, dry_run=True)
    for item in plan_.items:
        verb = counter_for(item, (decisions or {}).get(item.index))
        setattr(report, verb, getattr(report, verb) + 1)
    return report


def empty_report(plan_: ImportPlan, *, dry_run: bool) -> ImportReport:
    return ImportReport(
        file=plan_.source_name,
        format=plan_.fmt,
        cards=plan_.cards,
        invalid=plan_.unreadable,
        problems=list(plan_.problems),
        dry_run=dry_run,
        encoding_fallback=plan_.encoding_fallback,
    )


def counter_for(item: PlanItem, decision: Decision | None) -> str:
    """Which report counter an item lands in: new, updated, duplicates, invalid or skipped."""
    if item.action is Action.INVALID:
        return "invalid"
    if decision is Decision.SKIP:
        return "duplicates" if item.action is Action.DUPLICATE else "skipped"
    if decision is Decision.KEEP_BOTH or item.action is Action.NEW:
        return "new"
    if item.action is Action.UPDATE or decision is Decision.MERGE:
        return "updated"
    return "duplicates"  # a possible duplicate nobody decided on stays out


def report_json(reports: Iterable[ImportReport]) -> str:
    return json.dumps({"files": [r.as_json() for r in reports]}, ensure_ascii=False, indent=1)
