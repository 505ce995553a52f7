"""`netdesk suggest`: introductions you could make, each with the reason it was suggested."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from netdesk.cli.base import EXIT_OK, Command, add_db_option, open_store


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


class SuggestCommand(Command):
    help = "introductions you could make: who could help with someone's need, and why"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--at", type=_day, default=None, metavar="DATE", help="as of DATE")
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import suggestions

        open_store(args.db)
        found = suggestions.suggest(args.at)
        if args.json:
            print(json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=1))
        elif found:
            print("\n".join(s.sentence for s in found))
        else:
            print(
                "No introductions to suggest: note what people are looking for and can help with."
            )
        return EXIT_OK
