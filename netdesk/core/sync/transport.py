"""The server side of a sync: one account's vdirs kept in step with its CardDAV/CalDAV server.

`Transport(account, db_path)` writes the account's vdirsyncer config; `prepare()` chooses the
server's address book (and task list) the first time and lets vdirsyncer pair them with local
folders, creating them where they are missing; `exchange()` is one `vdirsyncer sync` (both
directions); `folders()` names the vdirs netdesk reconciles with. Failures are `SyncError`s; a
refused certificate's carries the fingerprint the server presents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netdesk.core.sync import accounts, agreed, certificates, vdirsyncer_config, vdirsyncer_run
from netdesk.core.sync.accounts import Account
from netdesk.core.sync.vdirsyncer_config import CONTACTS_PAIR, TASKS_PAIR, Layout
from netdesk.core.sync.vdirsyncer_run import SyncError

# The collection chosen when the server has several: the usual default names first.
ADDRESS_BOOK_NAMES = ("contacts", "default", "addressbook", "card")
TASK_LIST_NAMES = ("tasks", "todo", "todos", "reminders")


@dataclass
class Transport:
    account: Account
    db_path: Path
    timeout: float = vdirsyncer_run.TIMEOUT

    def __post_init__(self) -> None:
        self.where: Layout = vdirsyncer_config.layout(self.db_path, self.account)

    @property
    def pairs(self) -> list[str]:
        return [CONTACTS_PAIR, TASKS_PAIR] if self.account.tasks else [CONTACTS_PAIR]

    def prepare(self) -> bool:
        """Write the config; discover the collections when not done yet (True then)."""
        vdirsyncer_config.write_config(self.where, self.account, self.db_path)
        if not self._needs_discovery():
            return False
        self.discover()
        return True

    def discover(self) -> None:
        account = self.account
        if account.address_book is None or (account.tasks and account.task_list is None):
            self._vdirsyncer("discover")  # the server's collections become local folders
            self._choose_collections()
            vdirsyncer_config.write_config(self.where, account, self.db_path)
        self._vdirsyncer("discover")  # pairs the chosen ones, creating what is missing

    def exchange(self) -> None:
        """One `vdirsyncer sync`: the server's changes here, this side's there; then the
        address book as both now agree on it is kept (the base of later conflicts)."""
        try:
            self._vdirsyncer("sync", *self.pairs)
        except SyncError as exc:
            if not vdirsyncer_run.needs_discover(exc):
                raise
            self._vdirsyncer("discover", *self.pairs)  # a changed URL or password
            self._vdirsyncer("sync", *self.pairs)
        agreed.keep(self.folders()[0], self.where.agreed)

    def folders(self) -> tuple[Path, Path | None]:
        """The vdirs netdesk reconciles with: the address book's and, when synced, the tasks'."""
        if self.account.address_book is None:
            raise SyncError(f"{self.account.name} has no address book chosen yet.")
        contacts = self.where.contacts / self.account.address_book
        task_list = self.account.task_list if self.account.tasks else None
        return contacts, self.where.tasks / task_list if task_list else None

    def _vdirsyncer(self, *args: str) -> str:
        account = self.account
        try:
            return vdirsyncer_run.run(
                self.where.config, *args, url=account.url, timeout=self.timeout
            )
        except SyncError as exc:
            explained = certificates.explain(exc, account.url, account.trusted_fingerprint)
            if explained is exc:
                raise
            raise explained from exc

    def _needs_discovery(self) -> bool:
        account = self.account
        if account.address_book is None or (account.tasks and account.task_list is None):
            return True
        return any(not (self.where.status / f"{p}.collections").exists() for p in self.pairs)

    def _choose_collections(self) -> None:
        account = self.account
        account.address_book = account.address_book or choose(
            self.where.contacts, ADDRESS_BOOK_NAMES, any_name=True
        )
        if account.tasks:
            account.task_list = account.task_list or choose(
                self.where.tasks, TASK_LIST_NAMES, any_name=False
            )
        _remove_unchosen(self.where.contacts, account.address_book)
        _remove_unchosen(self.where.tasks, account.task_list)
        accounts.save(account)


def choose(folder: Path, names: tuple[str, ...], *, any_name: bool) -> str:
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


def _remove_unchosen(folder: Path, chosen: str | None) -> None:
    """The empty local folders discovery made for collections netdesk does not sync."""
    if not folder.is_dir():
        return
    for collection in folder.iterdir():
        if collection.name != chosen and collection.is_dir() and not any(collection.iterdir()):
            collection.rmdir()
