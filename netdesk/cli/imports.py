"""`netdesk import`, `export`, `undo-import` and `imports`: contacts in and out from a terminal.

`import` reads each file completely before it plans and applies it as one transaction and one
undoable batch; the next file is planned after it (a person in two files is created once). A
file that is missing, empty, unreadable (even part-way) or neither a vCard nor a contacts CSV
netdesk knows is left out whole with one line (in `--json`, under "refused") and never stops
the others; the exit code is 1 only when no file had a card to import. No card is left out by
default: cards flagged for review (the same name as someone, one UID under two names) are
imported as new people and listed with their reasons; `--skip-possible-duplicates` leaves them
out instead. A calendar file (.ics) is read for its meetings instead (`core.calendar_import`):
each becomes an event with its attendees matched to people, and `--create-people` adds those
nobody matches.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from netdesk.cli.base import (
    EXIT_OK,
    EXIT_USER,
    Command,
    UserError,
    add_db_option,
    check_output,
    open_store,
)

if TYPE_CHECKING:
    from netdesk.core.importing import ImportReport, Refusal

MAX_PROBLEMS_SHOWN = 20
MAX_FATES_SHOWN = 100  # the text report lists the cards with something to say; --json lists all


class ImportCommand(Command):
    help = "import contacts from vCard or CSV files (LinkedIn, Google, Outlook), meetings from .ics"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="read and match, but change nothing"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON report")
        parser.add_argument(
            "--skip-possible-duplicates",
            action="store_true",
            help="leave out the cards flagged for review (same name as someone already known)",
        )
        parser.add_argument(
            "--encoding", metavar="NAME", help="text encoding of files that are not UTF-8"
        )
        parser.add_argument(
            "--create-people",
            action="store_true",
            help="calendar files: add attendees nobody matches as new people (else listed only)",
        )
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import calendar_import, importing

        open_store(args.db)
        reports: list[ImportReport] = []
        refused: list[Refusal] = []
        contacts = [f for f in args.files if not calendar_import.is_calendar(f)]
        # each file is planned after the one before it was applied: a person in two files is
        # created once; a refused file leaves the others alone
        for file in importing.plan_files(contacts, encoding=args.encoding):
            if file.plan is None:
                assert file.refusal is not None
                refused.append(file.refusal)
                continue
            planned = file.plan
            decisions = {}
            if args.skip_possible_duplicates:
                decisions = {
                    item.index: importing.Decision.SKIP
                    for item in planned.items
                    if item.action is importing.Action.DUPLICATE
                }
            if args.dry_run:
                report = importing.report_for(planned, decisions)
            else:
                report = importing.apply(planned, decisions=decisions)
            report.file = str(file.path)
            reports.append(report)
        calendars = [f for f in args.files if calendar_import.is_calendar(f)]
        meetings = calendar_import.import_files(
            calendars, refused, create_people=args.create_people, dry_run=args.dry_run
        )
        if args.json:
            text = importing.report_json(reports, refused)
            print(calendar_import.with_calendars(text, meetings) if calendars else text)
        else:
            for report in reports:
                _print_report(report)
            for calendar in meetings:
                print("\n".join(calendar.lines()))
        for refusal in refused:
            print(f"netdesk: {refusal.reason}", file=sys.stderr)
        imported = any(map(_importable, reports)) or any(c.meetings for c in meetings)
        return EXIT_OK if imported else EXIT_USER


def _importable(report: ImportReport) -> bool:
    """Whether the file had a card to import (or, for a dry run, that could be)."""
    return report.cards > report.invalid


def _print_report(report: ImportReport) -> None:
    verb = "would import" if report.dry_run else "imported"
    print(
        f"{report.file} ({report.format}): {report.cards} cards; {verb} {report.new} new, "
        f"{report.updated} updated ({report.unchanged} unchanged); "
        f"{report.flagged} to review; {report.duplicates} possible duplicates left out; "
        f"{report.invalid} invalid" + (f"; {report.skipped} skipped" if report.skipped else "")
    )
    _print_fates(report)
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        where = []
        if problem.card:
            where.append(f"card {problem.card}")
        if problem.line:
            where.append(f"line {problem.line}")
        print(f"  {', '.join(where) or 'file'}: {problem.message}")
    if len(report.problems) > MAX_PROBLEMS_SHOWN:
        print(f"  ... and {len(report.problems) - MAX_PROBLEMS_SHOWN} more problems")
    if report.batch_id is not None and (report.new or report.updated - report.unchanged):
        print(f"  to undo: netdesk undo-import {report.batch_id}")
    if report.proposed_changes:
        print(
            f"  {report.proposed_changes} job or email changes wait for your word: "
            "Tools > Who moved on… in the window"
        )


def _print_fates(report: ImportReport) -> None:
    """Cards with something to say, the ones left out or to review first; a plain "new" goes
    unsaid."""
    telling = [f for f in report.fates if f.reason != "new"]
    telling.sort(key=lambda f: (not f.flag and f.fate in ("new", "updated"), f.card))
    for fate in telling[:MAX_FATES_SHOWN]:
        print(f"  card {fate.card} ({fate.name or 'no name'}): {fate.reason}")
    if len(telling) > MAX_FATES_SHOWN:
        print(f"  ... and {len(telling) - MAX_FATES_SHOWN} more cards (--json lists every card)")


class ExportCommand(Command):
    help = "export people as vCard 4.0, vCard 3.0 or CSV, or upcoming reminders as iCalendar"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--format",
            choices=["vcard", "vcard3", "csv", "ics"],
            default="vcard",
            help="vcard (4.0, default), vcard3, csv, or ics (upcoming reminders)",
        )
        parser.add_argument("--archived", action="store_true", help="include archived people")
        parser.add_argument(
            "--days",
            type=int,
            default=90,
            help="with --format ics: how many days ahead (default 90, at most 3650)",
        )
        parser.add_argument("out", metavar="OUT", help="file to write, or - for standard output")
        parser.add_argument(
            "--force", action="store_true", help="replace OUT if it exists (never a database)"
        )
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        out = Path(args.out)
        if args.out != "-" and not out.parent.is_dir():
            raise UserError(f"The folder {out.parent} does not exist.")
        if args.format == "ics" and not 1 <= args.days <= 3650:
            raise UserError("--days must be between 1 and 3650.")
        open_store(args.db)
        if args.out != "-":
            check_output(out, force=args.force)
        target = sys.stdout if args.out == "-" else out
        try:
            count = self._write(args, target)
        except OSError as exc:
            raise UserError(f"{out} cannot be written: {exc.strerror or exc}.") from exc
        if target is not sys.stdout:
            what = "reminders" if args.format == "ics" else "people"
            print(f"Exported {count} {what} to {out}")
        return EXIT_OK

    @staticmethod
    def _write(args: argparse.Namespace, target: Path | TextIO) -> int:
        if args.format == "ics":
            from netdesk.core import calendar_export

            return calendar_export.export(target, days=args.days)
        from netdesk.core import exporting

        return exporting.export(target, args.format, include_archived=args.archived)



class UndoImportCommand(Command):
    help = "undo an import: remove the people it added, restore the people it changed"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "batch", type=int, metavar="BATCH", help="import number (netdesk imports)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="undo even when that deletes work added since (a backup is made first)",
        )
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import importing
        from netdesk.core.errors import CoreError

        open_store(args.db)
        try:
            result = importing.undo(args.batch, force=args.force)
        except importing.LaterWork as exc:
            raise UserError(
                f"{exc} Run it again with --force to undo anyway (a backup is made first)."
            ) from exc
        except CoreError as exc:
            raise UserError(str(exc)) from exc
        print(
            f"Undid import {args.batch}: removed {result.removed} people, "
            f"restored {result.restored}."
        )
        if result.kept:
            print(result.kept)
        return EXIT_OK


class ImportsCommand(Command):
    help = "list past imports (newest first)"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import importing

        open_store(args.db)
        infos = importing.batches()
        if args.json:
            rows = [
                {
                    "id": b.id,
                    "source": b.source,
                    "format": b.format,
                    "created": b.created.isoformat(),
                    "cards": b.cards,
                    "new": b.created_count,
                    "updated": b.updated_count,
                    "skipped": b.skipped_count,
                    "undone": b.undone,
                    "people": b.people,
                }
                for b in infos
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=1))
            return EXIT_OK
        for b in infos:
            state = "undone" if b.undone else f"{b.people} people"
            print(
                f"{b.id:>5}  {b.created:%Y-%m-%d %H:%M}  {b.source} ({b.format}): "
                f"{b.created_count} new, {b.updated_count} updated; {state}"
            )
        if not infos:
            print("Nothing was imported yet.")
        return EXIT_OK
