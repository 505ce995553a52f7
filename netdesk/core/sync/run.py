"""One sync of one account: server -> folder, folder <-> database, folder -> server.

`run_sync(account)` (safe on a worker thread: the open store gives each thread its own
connection):

1. writes the account's vdirsyncer config; the first time, discovers the server's collections
   and chooses the address book (and task list), creating them where the server has none;
2. `vdirsyncer sync`: the server's changes into the account's vdir;
3. `reconcile`: the vdir and the database in step (one undoable batch, conflicts recorded);
4. `vdirsyncer sync` again: netdesk's changes to the server (left out when the reconcile
   changed no file: the folders still hold what the server has).

A failure raises `SyncError` (one sentence, `.kind` the failure class) and is remembered as the
account's last result (unless another sync of the account is running: "busy"); every step is
resumable, so the next sync finishes what this one did not. `on_step` hears each step's name
("discover", "pull", "reconcile", "push") as it starts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import filelock

from netdesk.core.sync import accounts, vdirsyncer_run
from netdesk.core.sync.accounts import Account
from netdesk.core.sync.transport import Transport
from netdesk.core.sync.vdirsyncer_run import SyncError

Step = Callable[[str], None]


@dataclass
class SyncReport:
    account: str
    started: dt.datetime
    finished: dt.datetime
    counts: dict[str, Any] = field(default_factory=dict)  # the reconcile report's as_dict()

    def as_dict(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": self.finished.isoformat(timespec="seconds"),
            **self.counts,
        }


def run_sync(
    account: Account,
    *,
    today: dt.date | None = None,
    timeout: float = vdirsyncer_run.TIMEOUT,
    on_step: Step | None = None,
) -> SyncReport:
    """One sync of `account` with the open database; SyncError when it failed."""
    from netdesk import db

    transport = Transport(account, db.current_path(), timeout)
    with _only_sync_of(transport):
        started = dt.datetime.now().astimezone()
        try:
            counts = _steps(transport, today, on_step or (lambda _name: None))
        except SyncError as exc:
            _remember(account, exc.as_result())
            raise
        except Exception as exc:  # a fault of this computer's (a full disk...): still said
            _remember(account, {"error": failure_sentence(exc), "kind": "other"})
            raise
    report = SyncReport(account.name, started, dt.datetime.now().astimezone(), counts)
    _remember(account, report.as_dict())
    return report


@contextlib.contextmanager
def _only_sync_of(transport: Transport) -> Iterator[None]:
    """One sync of an account at a time, across processes (the window's timer, the command
    line): two vdirsyncer runs on one status could send the same change twice."""
    lock = filelock.FileLock(transport.where.root / "sync.lock")
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        raise SyncError(
            f"a sync of {transport.account.name} is already running; try again when it ends.",
            "busy",
        ) from None
    try:
        yield
    finally:
        lock.release()


def _steps(transport: Transport, today: dt.date | None, step: Step) -> dict[str, Any]:
    step("discover")
    transport.prepare()
    step("pull")
    transport.exchange()
    step("reconcile")
    before = _fingerprint(transport)
    counts = _reconcile(transport, today)
    if _fingerprint(transport) != before:  # else the folders still hold what the server has
        step("push")
        transport.exchange()
    return counts


def _fingerprint(transport: Transport) -> frozenset[tuple[str, int, int, int]]:
    """Every file of the synced folders with its inode, size and time: netdesk and vdirsyncer
    replace files whole, so any change shows."""
    found = set()
    for folder in transport.folders():
        if folder is not None and folder.is_dir():
            for entry in os.scandir(folder):
                info = entry.stat()
                found.add((entry.path, info.st_ino, info.st_size, info.st_mtime_ns))
    return frozenset(found)


def _reconcile(transport: Transport, today: dt.date | None) -> dict[str, Any]:
    from netdesk.core.sync import reconcile

    contacts, tasks = transport.folders()
    contacts.mkdir(mode=0o700, parents=True, exist_ok=True)
    if tasks is not None:
        tasks.mkdir(mode=0o700, parents=True, exist_ok=True)
    report = reconcile(
        contacts, tasks_folder=tasks, today=today, account=transport.account.folder_id
    )
    counts: dict[str, Any] = report.as_dict()
    return counts


def failure_sentence(exc: BaseException) -> str:
    """A failure in one line for a person: its first line, or its kind when it says nothing."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _remember(account: Account, result: dict[str, Any]) -> None:
    """The last sync's time and result, for `netdesk sync status` and the window."""
    account.last_sync = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    account.last_result = result
    accounts.save(account)
