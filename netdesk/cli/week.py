"""`netdesk week`: this week's plan, the people to reach out to, each with the reason."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from netdesk.cli.base import EXIT_OK, Command, add_at_option, add_db_option, open_store

MAX_SIZE = 1000


def _size(text: str) -> int:
    try:
        size = int(text)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_SIZE:
        raise argparse.ArgumentTypeError(f"a number of people from 1 to {MAX_SIZE}: {text}")
    return size


class WeekCommand(Command):
    help = "this week's plan: the people to reach out to, each with the reason"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--size",
            type=_size,
            default=None,
            metavar="N",
            help="how many people (default: the setting, 5 unless changed)",
        )
        add_at_option(parser)
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import settings, week

        open_store(args.db)
        size = args.size if args.size is not None else settings.people_per_week()
        found = week.plan(today=args.at or dt.date.today(), size=size)
        if args.json:
            print(json.dumps([i.as_json() for i in found], ensure_ascii=False, indent=1))
        elif found:
            print("\n".join(f"{i.person_id:>6}  {i.name}: {i.reason}" for i in found))
        else:
            print("Nobody to reach out to this week.")
        return EXIT_OK
