"""Writer processes for the concurrency test: `python -m tests.safety.writers ROLE DB SECONDS LOG`.

`store` acts like the window: people.update and interactions.log through core, in a loop.
`reminders` acts like the reminders service: claims ReminderLog occurrences with
`core.reminder_log.claim`. Each logs one JSON line per write *after* it committed; a write that
raised is logged as an error (and its message goes to stderr), so the test can tell attempted,
committed and lost writes apart.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import TextIO

from netdesk import db


def _log(out: TextIO, **record: object) -> None:
    out.write(json.dumps(record) + "\n")
    out.flush()


def run_store(deadline: float, out: TextIO) -> None:
    from netdesk.core import interactions, people
    from netdesk.core.interactions import InteractionDraft
    from netdesk.core.people import PersonDraft

    pid = people.create(PersonDraft(display_name="Window Writer"))
    _log(out, kind="person", key=pid)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        try:
            if n % 2:
                draft = people.get(pid).as_draft()
                draft.notes = f"update {n}"
                people.update(pid, draft)
                _log(out, kind="update", key=n, person=pid)
            else:
                iid = interactions.log(
                    InteractionDraft(when=dt.date.today(), summary=f"store {n}", people=[pid])
                )
                _log(out, kind="interaction", key=f"store {n}", id=iid)
        except Exception as exc:
            print(f"store write {n} failed: {exc}", file=sys.stderr)
            _log(out, kind="error", key=n, error=str(exc))


def run_reminders(deadline: float, out: TextIO) -> None:
    from netdesk.core import people, reminder_log
    from netdesk.core.due import DueItem
    from netdesk.core.people import PersonDraft
    from netdesk.values import DueKind

    pid = people.create(PersonDraft(display_name="Reminder Target"))
    _log(out, kind="person", key=pid)
    n = 0
    start = dt.date(2000, 1, 1)
    while time.monotonic() < deadline:
        n += 1
        item = DueItem(pid, "Reminder Target", DueKind.FOLLOW_UP, start, "check", ref=n)
        try:
            claimed = reminder_log.claim([item], dt.datetime.now())
            _log(out, kind="claim", key=n, person=pid, claimed=len(claimed))
        except Exception as exc:
            print(f"reminder claim {n} failed: {exc}", file=sys.stderr)
            _log(out, kind="error", key=n, error=str(exc))
        time.sleep(0.005)  # the service claims in bursts, not flat out


ROLES = {"store": run_store, "reminders": run_reminders}


def main(argv: list[str]) -> int:
    role, db_path, seconds, log_path = argv
    db.open(Path(db_path))
    deadline = time.monotonic() + float(seconds)
    with open(log_path, "w", encoding="utf-8") as out:
        ROLES[role](deadline, out)
    db.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
