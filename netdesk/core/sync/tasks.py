"""To-dos as task files (VTODO, one per `.ics` in a tasks folder), so a phone's tasks app shows
them: every open follow-up of a conversation, and the next keep-in-touch date of each person
marked to nurture (the date comes from `keep_in_touch`'s rule).

A task ticked off in the folder marks its follow-up done. A keep-in-touch task ticked off logs
nothing: it is kept as done, and when the person's date moves (a conversation was logged) a
new task is written for the new date. A to-do that is no longer open here loses its file unless
it was ticked off there. Each task's UID is made once (uuid4) and kept in `sync_task`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.core import keep_in_touch, store
from netdesk.db.models import Interaction, Participant, Person, SyncTask, database
from netdesk.io import vdir, vtodo
from netdesk.io.errors import ReadError
from netdesk.values import Topic

if TYPE_CHECKING:
    from netdesk.core.sync.reconcile import ReconcileReport

FOLLOW_UP = "follow_up"
KEEP_IN_TOUCH = "keep_in_touch"
SUFFIX = ".ics"


@dataclass(frozen=True)
class Wanted:
    kind: str
    ref: int  # the interaction (follow-up) or the person (keep in touch)
    due: dt.date
    summary: str


@dataclass(frozen=True)
class _File:
    href: str
    completed: bool


def open_follow_ups() -> list[Wanted]:
    query = (
        Interaction.select(Interaction.id, Interaction.summary, Interaction.follow_up,
                           Person.display_name)
        .join(Participant).join(Person)
        .where(Interaction.follow_up.is_null(False) & ~Interaction.follow_up_done)
        .order_by(Interaction.id, Person.sort_name)
        .tuples()
    )
    names: dict[int, list[str]] = {}
    found: dict[int, tuple[str, dt.date]] = {}
    for iid, summary, due, name in query:
        names.setdefault(iid, []).append(name)
        found[iid] = (summary, due)
    return [
        Wanted(FOLLOW_UP, iid, due, _follow_up_words(names[iid], summary))
        for iid, (summary, due) in found.items()
    ]


def _follow_up_words(names: list[str], summary: str) -> str:
    who = " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    return f"Follow up with {who}" + (f": {summary.strip()}" if summary.strip() else "")


def nurtured_due() -> list[Wanted]:
    sql = (
        f"SELECT p.id, p.display_name, {keep_in_touch.NEXT_DUE_SQL} FROM person p "
        "WHERE p.nurture AND NOT p.archived"
    )
    out = []
    for pid, name, due in database.execute_sql(sql):
        day = keep_in_touch.parse_sql_date(due)
        if day is not None:
            out.append(Wanted(KEEP_IN_TOUCH, int(pid), day, f"Get in touch with {name}"))
    return out


def _files(folder: Path, errors: list[str]) -> dict[str, _File]:
    found: dict[str, _File] = {}
    for item in vdir.items(folder, SUFFIX):
        if item.error:
            errors.append(item.error)
            continue
        try:
            todo = vtodo.read_todo(item.data)
        except ReadError as exc:
            errors.append(f"{item.href} was left as it is: {exc}.")
            continue
        if todo.uid:
            found[todo.uid] = _File(item.href, todo.completed)
    return found


def sync_tasks(folder: Path, account: str, report: ReconcileReport) -> None:
    """One pass over the tasks folder (see the module's docstring)."""
    files = _files(folder, report.errors)
    with store.write():
        rows = list(SyncTask.select().where(SyncTask.account == account))
        _take_completions(rows, files, report)
        wanted = {(w.kind, w.ref): w for w in [*open_follow_ups(), *nurtured_due()]}
        stamp = dt.datetime.now(dt.UTC)
        for row in rows:
            want = wanted.pop((row.kind, row.ref), None)
            if want is None:
                _forget(folder, row, files)
            elif want.due != row.due:
                _move(folder, account, row, want, files, stamp)
                report.tasks_written += 1
        for want in wanted.values():
            _write(folder, account, str(uuid.uuid4()), want, stamp)
            report.tasks_written += 1


def _take_completions(
    rows: list[SyncTask], files: dict[str, _File], report: ReconcileReport
) -> None:
    for row in rows:
        file = files.get(row.uid)
        if file is None or not file.completed or row.done:
            continue
        row.done = True
        SyncTask.update(done=True).where(SyncTask.id == row.id).execute()
        report.tasks_done += 1
        if row.kind == FOLLOW_UP:
            Interaction.update(follow_up_done=True).where(Interaction.id == row.ref).execute()
            who = Participant.select(Participant.person).where(Participant.interaction == row.ref)
            store.changed(Topic.REMINDERS, *[int(p) for (p,) in who.tuples()])
            store.changed(Topic.INTERACTIONS)


def _write(folder: Path, account: str, uid: str, want: Wanted, stamp: dt.datetime) -> None:
    vdir.write_atomic(folder, vdir.file_name(uid, SUFFIX), vtodo.todo_text(uid, want.summary,
                                                                          want.due, stamp))
    SyncTask.create(account=account, uid=uid, kind=want.kind, ref=want.ref, due=want.due)


def _forget(folder: Path, row: SyncTask, files: dict[str, _File]) -> None:
    """A to-do no longer open here: its file goes, unless it was ticked off there."""
    file = files.get(row.uid)
    if file is not None and not file.completed:
        vdir.remove(folder, file.href)
    row.delete_instance()


def _move(
    folder: Path, account: str, row: SyncTask, want: Wanted, files: dict[str, _File],
    stamp: dt.datetime,
) -> None:
    """A follow-up whose date changed is rewritten; a keep-in-touch date that moved is a new
    task (the old one goes unless it was ticked off)."""
    if want.kind == FOLLOW_UP and not row.done:
        href = files[row.uid].href if row.uid in files else vdir.file_name(row.uid, SUFFIX)
        vdir.write_atomic(folder, href, vtodo.todo_text(row.uid, want.summary, want.due, stamp))
        SyncTask.update(due=want.due).where(SyncTask.id == row.id).execute()
        return
    _forget(folder, row, files)
    _write(folder, account, str(uuid.uuid4()), want, stamp)
