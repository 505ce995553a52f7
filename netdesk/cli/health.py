"""`netdesk health`: the numbers behind relationship health, for a terminal or a script."""

from __future__ import annotations

import argparse
import json

from netdesk.cli.base import EXIT_OK, Command, add_at_option, add_db_option, open_store


class HealthCommand(Command):
    help = "how your relationships are doing"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        add_at_option(parser)
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core import health

        open_store(args.db)
        found = health.summary(args.at)
        if args.json:
            print(json.dumps(found.as_json(), ensure_ascii=False, indent=1))
        else:
            print("\n".join(report_lines(found)))
        return EXIT_OK


def report_lines(found) -> list[str]:
    from netdesk.core.health import LABELS, STATES

    def counts(by_state: dict) -> str:
        return ", ".join(f"{by_state.get(s, 0)} {LABELS[s]}" for s in STATES)

    lines = [f"People: {counts(found.states)}", f"Nurtured: {counts(found.nurture)}", "Circles:"]
    lines += [f"  {name}: {counts(by_state)}" for name, by_state in found.circles]
    months = ", ".join(f"{month:%b} {n}" for month, n in found.months)
    lines.append(f"Contacts per month: {months}")
    lines.append(f"Drifting away ({len(found.drifting)}):")
    lines += [f"{d.id:>6}  {d.name}: {d.sentence}" for d in found.drifting]
    return lines
