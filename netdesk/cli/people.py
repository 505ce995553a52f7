"""`netdesk list` and `netdesk due`: the people and what needs attention, for a terminal or a
script (`--json`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from netdesk.cli.base import EXIT_OK, Command, add_at_option, add_db_option, open_store


class ListCommand(Command):
    help = "list people"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--search", default="", metavar="TEXT", help="only people matching TEXT"
        )
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--archived", action="store_true", help="list archived people instead")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import export_rows, listing

        open_store(args.db)
        query = listing.ListQuery(
            search=args.search,
            filter=listing.Filter.ARCHIVED if args.archived else listing.Filter.ALL,
        )
        rows = export_rows.list_rows(query)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
            return EXIT_OK
        for row in rows:
            print(_row_line(row))
        return EXIT_OK


def _row_line(row: dict) -> str:
    job = ", ".join(x for x in (row["title"], row["organization"]) if x)
    due = f"  next {row['next_due']} ({row['status']})" if row["next_due"] else ""
    return f"{row['id']:>6}  {row['name']}" + (f" — {job}" if job else "") + due


class DueCommand(Command):
    help = "what needs attention"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        add_at_option(parser)
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import due

        open_store(args.db)
        items = due.compute(args.at or dt.date.today())
        if args.json:
            print(json.dumps([i.as_json() for i in items], ensure_ascii=False, indent=1))
            return EXIT_OK
        for item in items:
            print(f"{item.due}  {item.kind:<13}  {item.name}: {item.detail}")
        if not items:
            print("Nothing is due.")
        return EXIT_OK
