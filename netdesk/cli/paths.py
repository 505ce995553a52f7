"""`netdesk paths TEXT`: who can introduce you to people at an organisation or in a role."""

from __future__ import annotations

import argparse
import json

from netdesk.cli.base import EXIT_OK, Command, UserError, add_at_option, add_db_option, open_store


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text}")
    return number


class PathsCommand(Command):
    help = "who can introduce you to someone at an organisation or in a role, warmest first"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("text", metavar="TEXT", help="an organisation, or a role's words")
        parser.add_argument(
            "--limit", type=_positive, default=20, metavar="N", help="at most N paths (20)"
        )
        add_at_option(parser)
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import warm_paths
        from netdesk.core.errors import ValidationError

        open_store(args.db)
        try:
            found = warm_paths.find(args.text, limit=args.limit, today=args.at)
        except ValidationError as exc:
            raise UserError(str(exc)) from exc
        if args.json:
            print(json.dumps([p.as_json() for p in found], ensure_ascii=False, indent=1))
        elif found:
            print("\n".join(p.sentence for p in found))
        else:
            print(f"Nobody at or working as “{args.text.strip()}” among your people.")
        return EXIT_OK
