"""The vdirsyncer configuration netdesk writes for one account, and where its files live.

Each account of a database has a private folder beside that database (`sync/<folder id>/`, in
netdesk's data folder for the default database): vdirsyncer's config, its status, and the vdirs
(one file per item) of the address book and the task list. Two databases never share one.

vdirsyncer never sees the password: it asks `netdesk sync password` for it (`password.fetch`),
which reads the keyring. A certificate the person chose to trust is pinned by its SHA-256
fingerprint (`verify_fingerprint`): vdirsyncer then accepts that one and refuses any other,
whoever signed it. When an item changed on both sides it calls `netdesk sync-merge A B`
(`conflict_resolution = ["command", ...]`, this computer's copy first), which writes
netdesk's field-by-field merge into both files; neither side simply wins.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from netdesk.core.sync.accounts import Account
from netdesk.system import paths

CONFIG_NAME = "vdirsyncer.conf"
CONTACTS_PAIR = "contacts"
TASKS_PAIR = "tasks"


@dataclass(frozen=True)
class Layout:
    """One account's sync folder."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def status(self) -> Path:
        return self.root / "status"

    @property
    def contacts(self) -> Path:  # vdirsyncer's local side: a subfolder per collection
        return self.root / "contacts"

    @property
    def tasks(self) -> Path:
        return self.root / "tasks"

    @property
    def agreed(self) -> Path:  # the address book as the server last had it (`agreed`)
        return self.root / "agreed"


def layout(db_path: Path, account: Account) -> Layout:
    sync_root = paths.ensure_private_dir(db_path.parent / "sync")
    return Layout(paths.ensure_private_dir(sync_root / account.folder_id))


def forget_folder(db_path: Path, account: Account) -> None:
    """Remove an account's sync folder (its vdirs and status), not the people synced."""
    shutil.rmtree(db_path.parent / "sync" / account.folder_id, ignore_errors=True)


def write_config(where: Layout, account: Account, db_path: Path) -> Path:
    where.status.mkdir(mode=0o700, exist_ok=True)
    where.config.write_text(render(where, account, db_path), encoding="utf-8")
    return where.config


def render(where: Layout, account: Account, db_path: Path) -> str:
    netdesk = paths.installed_command("netdesk")
    sections = [
        ("general", {"status_path": str(where.status) + "/"}),
        *_pair(
            CONTACTS_PAIR, account.address_book, netdesk, db_path, account.folder_id, where.agreed
        ),
        (f"storage {CONTACTS_PAIR}_server", _server(account, "carddav", netdesk, db_path)),
        (f"storage {CONTACTS_PAIR}_local", _local(where.contacts, ".vcf")),
    ]
    if account.tasks:
        sections += [
            *_pair(
                TASKS_PAIR, account.task_list, netdesk, db_path, account.folder_id, where.agreed
            ),
            (f"storage {TASKS_PAIR}_server", _server(account, "caldav", netdesk, db_path)),
            (f"storage {TASKS_PAIR}_local", _local(where.tasks, ".ics")),
        ]
    return "\n".join(_section(title, values) for title, values in sections)


def _pair(
    name: str,
    collection: str | None,
    netdesk: list[str],
    db_path: Path,
    account_key: str,
    agreed: Path,
) -> list[tuple[str, dict]]:
    """This computer = a (netdesk's side, first in the merge), the server = b. Until a
    collection is chosen, discovery lists the server's; `implicit = create` makes the chosen
    one on whichever side lacks it."""
    merge = [
        "command", *netdesk, "sync-merge", "--db", str(db_path), "--account", account_key,
        "--agreed", str(agreed),
    ]  # fmt: skip
    values = {
        "a": f"{name}_local",
        "b": f"{name}_server",
        "collections": [collection] if collection else ["from b"],
        "implicit": "create",
        "conflict_resolution": merge,
    }
    return [(f"pair {name}", values)]


def _server(account: Account, kind: str, netdesk: list[str], db_path: Path) -> dict:
    values: dict = {
        "type": kind,
        "url": account.url,
        "username": account.user,
        "password.fetch": [
            "command",
            *netdesk,
            "sync",
            "password",
            "--db",
            str(db_path),
            account.folder_id,
        ],
    }
    if account.trusted_fingerprint:
        values["verify_fingerprint"] = account.trusted_fingerprint
    if kind == "caldav":
        values["item_types"] = ["VTODO"]
    return values


def _local(folder: Path, extension: str) -> dict:
    return {"type": "filesystem", "path": str(folder) + "/", "fileext": extension}


def _section(title: str, values: dict) -> str:
    """vdirsyncer reads an INI file whose values are JSON."""
    lines = [f"[{title}]", *(f"{key} = {json.dumps(value)}" for key, value in values.items())]
    return "\n".join(lines) + "\n"
