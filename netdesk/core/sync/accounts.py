"""Sync accounts: which CardDAV server, as whom, and what the last sync did.

An account is kept in the database's settings (`sync_accounts`), so the window, the reminders
service and the command line see the same list; its password is never there but in the OS
keyring (`system.secrets`). The URL may be the server's DAV root or just its domain: vdirsyncer
asks the URL for the user's principal and, when that fails, the domain's
`/.well-known/carddav` (RFC 6764), so `https://fastmail.com` finds Fastmail's address books.
A server whose certificate no authority signed is reached once the person trusts that one
certificate: the account keeps its SHA-256 fingerprint (`sync.certificates`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from netdesk.core import settings
from netdesk.core.sync import certificates
from netdesk.system import secrets

SETTING = "sync_accounts"


class AccountError(ValueError):
    """A wrong or unknown account, said in one line."""


@dataclass
class Account:
    name: str
    url: str
    user: str
    tasks: bool = False  # follow-ups as a task list beside the address book
    folder_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    address_book: str | None = None  # the server's collection, chosen on the first sync
    task_list: str | None = None
    last_sync: str | None = None  # ISO time the last sync ended, whatever its result
    last_result: dict[str, Any] | None = None  # its report, or {"error": sentence}
    trusted_fingerprint: str | None = None  # the one certificate accepted without an authority

    @property
    def secret_key(self) -> str:
        return f"sync {self.user}@{self.url}"

    @property
    def last_sync_time(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.last_sync) if self.last_sync else None


def all_accounts() -> list[Account]:
    stored = settings.get(SETTING) or []
    return [Account(**record) for record in stored]


def find(name: str | None = None) -> Account:
    """The account called `name`; without a name, the only one there is."""
    accounts = all_accounts()
    if not accounts:
        raise AccountError("no sync account yet; add one with `netdesk sync add URL --user NAME`")
    if name is None:
        if len(accounts) > 1:
            names = ", ".join(a.name for a in accounts)
            raise AccountError(f"there are several sync accounts; name one of: {names}")
        return accounts[0]
    for account in accounts:
        if account.name == name:
            return account
    raise AccountError(f"there is no sync account called {name!r}")


def add(
    url: str,
    user: str,
    password: str,
    *,
    name: str | None = None,
    tasks: bool = False,
    trusted_fingerprint: str | None = None,
) -> tuple[Account, Path | None]:
    """A new account with its password kept; also the plain file it went to, if no keyring."""
    url = normalise_url(url)
    if not user.strip():
        raise AccountError("the user name is empty")
    _require(password)
    account = Account(name=name or default_name(url), url=url, user=user.strip(), tasks=tasks)
    if trusted_fingerprint:
        account.trusted_fingerprint = _fingerprint(trusted_fingerprint)
    if any(a.name == account.name for a in all_accounts()):
        raise AccountError(f"there is already a sync account called {account.name!r}")
    plain_file = _keep(account, password)
    save(account)
    return account, plain_file


def change_password(account: Account, password: str) -> Path | None:
    """Keep a new password for `account` (the server's changed), in place of the old one; the
    next sync uses it. Also the plain file it went to, if no keyring."""
    _require(password)
    return _keep(account, password)


def trust_certificate(name: str, fingerprint: str) -> Account:
    """Accept the server certificate of this SHA-256 fingerprint for the account `name`, and
    no other; the account as now stored."""
    account = find(name)
    account.trusted_fingerprint = _fingerprint(fingerprint)
    save(account)
    return account


def _require(password: str) -> None:
    if not password:
        raise AccountError("the password is empty")


def _keep(account: Account, password: str) -> Path | None:
    try:
        return secrets.store(account.secret_key, password)
    except secrets.SecretStoreError as exc:
        raise AccountError(str(exc)) from exc


def _fingerprint(text: str) -> str:
    try:
        return certificates.normalise(text)
    except ValueError as exc:
        raise AccountError(str(exc)) from exc


def save(account: Account) -> None:
    """Store `account`, replacing the one of its name."""
    others = [a for a in all_accounts() if a.name != account.name]
    settings.put(SETTING, [dataclasses.asdict(a) for a in [*others, account]])


def remove(account: Account) -> None:
    settings.put(SETTING, [dataclasses.asdict(a) for a in all_accounts() if a.name != account.name])
    if not any(a.secret_key == account.secret_key for a in all_accounts()):
        secrets.forget(account.secret_key)


def password(account: Account) -> str:
    try:
        found = secrets.fetch(account.secret_key)
    except secrets.SecretStoreError as exc:
        raise AccountError(str(exc)) from exc
    if not found:
        raise AccountError(f"no password is kept for {account.name}; change its password")
    return found


def normalise_url(url: str) -> str:
    """An http(s) URL; a bare domain ("fastmail.com") means https."""
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AccountError(f"not a server address: {url} (try https://HOST/...)")
    return url if parts.path else url + "/"


def default_name(url: str) -> str:
    return urlsplit(url).netloc
