"""One sync of one account: server -> folder, folder <-> database, folder -> server.

`run_sync(store, account)` (safe on a worker thread: no globals, the store's own connection):

1. writes the account's vdirsyncer config; the first time, discovers the server's collections
   and chooses the address book (and task list), creating them where the server has none;
2. `vdirsyncer sync`: the server's changes into the account's vdir;
3. `reconcile`: the vdir and the database in step (one undoable batch, conflicts recorded);
4. `vdirsyncer sync` again: netdesk's changes to the server.

A failure raises `SyncError` (one sentence, `.kind` the failure class) and is remembered as the
account's last result; every step is resumable, so the next sync finishes what this one did
not. `on_step` hears each step's name ("discover", "pull", "reconcile", "push") as it starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netdesk.core.sync import accounts, vdirsyncer_config, vdirsyncer_run
from netdesk.core.sync.accounts import Account
from netdesk.core.sync.vdirsyncer_config import CONTACTS_PAIR, TASKS_PAIR, Layout
from netdesk.core.sync.vdirsyncer_run import SyncError

# The collection chosen when the server has several: the usual default names first.
ADDRESS_BOOK_NAMES = ("contacts", "default", "addressbook", "card")
TASK_LIST_NAMES = ("tasks", "todo", "todos", "reminders")

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


@dataclass
class _Sync:
    """One run's account, files and options."""

    store: Any
    account: Account
    where: Layout
    db_path: Path
    timeout: float
    on_step: Step

    def step(self, name: str) -> None:
        self.on_step(name)

    def vdirsyncer(self, *args: str) -> str:
        return vdirsyncer_run.run(
            self.where.config, *args, url=self.account.url, timeout=self.timeout
        )


def run_sync(
    store: Any,
    account: Account,
    *,
    today: dt.date | None = None,
    timeout: float = vdirsyncer_run.TIMEOUT,
    on_step: Step | None = None,
) -> SyncReport:
    """One sync of `account` with the open database `store`; SyncError when it failed."""
    from netdesk import db

    db_path = db.current_path()
    where = vdirsyncer_config.layout(db_path, account)
    run = _Sync(store, account, where, db_path, timeout, on_step or (lambda _name: None))
    started = dt.datetime.now().astimezone()
    try:
        counts = _sync(run, today)
    except SyncError as exc:
        _remember(account, {"error": str(exc), "kind": exc.kind})
        raise
    report = SyncReport(account.name, started, dt.datetime.now().astimezone(), counts)
    _remember(account, report.as_dict())
    return report


def _sync(run: _Sync, today: dt.date | None) -> dict[str, Any]:
    vdirsyncer_config.write_config(run.where, run.account, run.db_path)
    if _needs_discovery(run):
        run.step("discover")
        discover(run)
    run.step("pull")
    _sync_with_server(run)
    run.step("reconcile")
    counts = _reconcile(run, today)
    run.step("push")
    _sync_with_server(run)
    return counts


def _needs_discovery(run: _Sync) -> bool:
    chosen = run.account.address_book and (run.account.task_list or not run.account.tasks)
    return not chosen or not (run.where.status / f"{CONTACTS_PAIR}.collections").exists()


def discover(run: _Sync) -> None:
    """Choose the collections (the first time) and let vdirsyncer pair them up, creating
    them where they are missing."""
    account = run.account
    if account.address_book is None or (account.tasks and account.task_list is None):
        run.vdirsyncer("discover")  # lists the server's collections into local folders
        account.address_book = account.address_book or _choose(
            run.where.contacts, ADDRESS_BOOK_NAMES, any_name=True
        )
        if account.tasks:
            account.task_list = account.task_list or _choose(
                run.where.tasks, TASK_LIST_NAMES, any_name=False
            )
        _remove_unchosen(run.where, account)
        accounts.save(account)
        vdirsyncer_config.write_config(run.where, account, run.db_path)
    run.vdirsyncer("discover")


def _choose(folder: Path, names: tuple[str, ...], *, any_name: bool) -> str:
    """The server's collection to sync: a usual name, else (for contacts) the first one, else
    a new one of the first usual name. A calendar is not taken for tasks only for being
    first: it may hold events only, where no phone would show the tasks."""
    found = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    for name in names:
        for collection in found:
            if collection.lower() == name:
                return collection
    if any_name and found:
        return found[0]
    return names[0]


def _remove_unchosen(where: Layout, account: Account) -> None:
    """The empty local folders discovery made for collections netdesk does not sync."""
    for folder, chosen in (
        (where.contacts, account.address_book),
        (where.tasks, account.task_list),
    ):
        if not folder.is_dir():
            continue
        for collection in folder.iterdir():
            if collection.name != chosen and collection.is_dir() and not any(collection.iterdir()):
                collection.rmdir()


def _sync_with_server(run: _Sync) -> None:
    pairs = [CONTACTS_PAIR, TASKS_PAIR] if run.account.tasks else [CONTACTS_PAIR]
    try:
        run.vdirsyncer("sync", *pairs)
    except SyncError as exc:
        if not vdirsyncer_run.needs_discover(exc):
            raise
        run.vdirsyncer("discover")  # a changed URL or password
        run.vdirsyncer("sync", *pairs)


def _reconcile(run: _Sync, today: dt.date | None) -> dict[str, Any]:
    from netdesk.core.sync import reconcile

    folders = contact_and_task_folders(run.where, run.account)
    report = reconcile(run.store, folders[0], tasks_folder=folders[1], today=today)
    counts: dict[str, Any] = report.as_dict()
    return counts


def contact_and_task_folders(where: Layout, account: Account) -> tuple[Path, Path | None]:
    """The vdirs netdesk reconciles with: the address book's and, when synced, the tasks'."""
    if account.address_book is None:
        raise SyncError(f"{account.name} has no address book chosen yet.")
    contacts = where.contacts / account.address_book
    tasks = where.tasks / account.task_list if account.tasks and account.task_list else None
    return contacts, tasks


def _remember(account: Account, result: dict[str, Any]) -> None:
    """The last sync's time and result, for `netdesk sync status` and the window."""
    account.last_sync = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    account.last_result = result
    accounts.save(account)
