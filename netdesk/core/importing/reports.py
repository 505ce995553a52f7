"""What an import did, or for a dry run would do, with one file: counts, problems, and each
card's fate with its reason in words."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from netdesk.core.dedupe import Flag
from netdesk.core.importing.plan import Action, Decision, ImportPlan, PlanItem, Refusal
from netdesk.io.records import Problem


@dataclass(frozen=True)
class CardFate:
    """One card: the counter it landed in (new, updated, duplicates, skipped, invalid), whether
    it is flagged for review, and why, in words."""

    card: int
    name: str
    fate: str
    flag: Flag
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {
            "card": self.card,
            "name": self.name,
            "fate": self.fate,
            "flag": str(self.flag),
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do) with one file."""

    file: str
    format: str
    cards: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0  # of `updated`: matched people the import had nothing to add to
    duplicates: int = 0  # cards flagged for review and left out by choice
    flagged: int = 0  # of `new`: cards flagged for review (the same name as someone...)
    invalid: int = 0
    skipped: int = 0  # left out by the user's decision
    problems: list[Problem] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False
    encoding_fallback: str | None = None
    fates: list[CardFate] = field(default_factory=list)
    proposed_changes: int = 0  # known people's new jobs and emails, left for the user to review

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "cards": self.cards,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "flagged": self.flagged,
            "invalid": self.invalid,
            "skipped": self.skipped,
            "batch_id": self.batch_id,
            "dry_run": self.dry_run,
            "problems": [
                {"card": p.card, "line": p.line, "message": p.message} for p in self.problems
            ],
            "cards_detail": [f.as_json() for f in self.fates],
        }


def report_for(plan_: ImportPlan, decisions: dict[int, Decision] | None = None) -> ImportReport:
    """The counts `apply` would report, without writing (the dry run)."""
    report = empty_report(plan_, dry_run=True)
    for item in plan_.items:
        count(report, item, (decisions or {}).get(item.index))
    return report


def count(report: ImportReport, item: PlanItem, decision: Decision | None) -> str:
    """Count one item in the report and note its fate; returns the counter it landed in."""
    verb = counter_for(item, decision)
    setattr(report, verb, getattr(report, verb) + 1)
    if verb == "new" and item.action is Action.DUPLICATE:
        report.flagged += 1
    card = item.record.card or item.index + 1
    reason = fate_text(item, decision, verb)
    report.fates.append(CardFate(card, item.name, verb, item.flag, reason))
    return verb


def fate_text(item: PlanItem, decision: Decision | None, verb: str) -> str:
    """The card's fate in words, after the user's decision."""
    if verb == "invalid":
        return f"not imported: {item.reason}"
    if item.action is Action.DUPLICATE and verb == "updated":
        return f"updates {item.match_name}: merged by your choice ({item.evidence})"
    if verb in ("duplicates", "skipped"):
        return f"left out by your choice; {item.evidence or item.reason}"
    if item.action is Action.UPDATE and verb == "new":
        return f"new by your choice; {item.evidence} as {item.match_name}"
    return item.reason


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
    if item.action is Action.UPDATE and decision is not Decision.KEEP_BOTH:
        return "updated"
    if item.action is Action.DUPLICATE and decision is Decision.MERGE:
        return "updated"
    return "new"  # a flagged card nobody decided on is imported: nothing is left out


def report_json(reports: Iterable[ImportReport], refused: Iterable[Refusal] = ()) -> str:
    """One JSON object: a report per imported file, and the files left out whole with why."""
    out = {
        "files": [r.as_json() for r in reports],
        "refused": [{"file": r.file, "reason": r.reason} for r in refused],
    }
    return json.dumps(out, ensure_ascii=False, indent=1)
