"""`netdesk sync`: contacts (and follow-ups as tasks) both ways with CardDAV servers.

    netdesk sync add URL --user NAME [--tasks] [--name N]   an account (password prompted, or
                 [--trust-fingerprint SHA256]              NETDESK_SYNC_PASSWORD for scripts)
    netdesk sync [--account N] [--json]                     one sync of every account (or N)
    netdesk sync status [--json]                            the accounts and their last sync
    netdesk sync password-set [N]                           a new password (the server's changed)
    netdesk sync trust [N] SHA256                           accept the server's certificate of
                                                           that fingerprint (a self-signed one)
    netdesk sync remove [N]                                 an account, its folder and password

vdirsyncer, which moves the items, calls two helpers: `netdesk sync password ACCOUNT` (prints
the password from the keyring) and `netdesk sync-merge A B` (netdesk's merge of an item both
sides changed, written into both files).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from netdesk.cli.base import EXIT_OK, EXIT_USER, Command, UserError, add_db_option, open_store

PASSWORD_VARIABLE = "NETDESK_SYNC_PASSWORD"
COUNTS = ("pulled_new", "pulled_updated", "pulled_deleted", "pushed", "merged", "conflicts")


class SyncCommand(Command):
    help = "sync contacts with CardDAV servers (Nextcloud, Radicale, Fastmail...)"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--account", metavar="NAME", help="sync only this account")
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_db_option(parser)
        actions = parser.add_subparsers(
            dest="action", metavar="{add,status,password-set,trust,remove}"
        )
        _configure_add(actions.add_parser("add", help="add a server account"))
        status = actions.add_parser("status", help="the accounts and their last sync")
        status.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        new_password = actions.add_parser(
            "password-set",
            help=f"change an account's password (prompted, or from {PASSWORD_VARIABLE})",
        )
        _account_name(new_password)
        trust = actions.add_parser(
            "trust", help="trust a server's certificate by its SHA-256 fingerprint"
        )
        _account_name(trust)
        trust.add_argument("fingerprint", metavar="SHA256", help="as the refusal showed it")
        remove = actions.add_parser("remove", help="remove an account (its people stay)")
        _account_name(remove)
        secret = actions.add_parser("password")  # vdirsyncer's, so it is left out of the help
        secret.add_argument("name", metavar="ACCOUNT")
        for sub in actions.choices.values():
            sub.add_argument(
                "--db",
                type=Path,
                metavar="PATH",
                default=argparse.SUPPRESS,
                help="database file to use",
            )

    def run(self, args: argparse.Namespace) -> int:
        open_store(args.db)
        action = {
            None: _sync,
            "add": _add,
            "status": _status,
            "remove": _remove,
            "password": _password,
            "password-set": _password_set,
            "trust": _trust,
        }[args.action]
        return action(args)


class SyncMergeCommand(Command):
    help = "merge two copies of one synced card into both files (A is this computer's)"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("a", type=Path, metavar="A")
        parser.add_argument("b", type=Path, metavar="B")
        parser.add_argument("--account", metavar="ID", help="the sync account's folder id")
        parser.add_argument(
            "--agreed", type=Path, metavar="FOLDER", help="the copy both sides last agreed on"
        )
        add_db_option(parser)

    def run(self, args: argparse.Namespace) -> int:
        from netdesk.core.sync import CardError, agreed, merge_conflicting_files, task_merge
        from netdesk.io.errors import ReadError

        open_store(args.db)
        text = args.a.read_text(encoding="utf-8", errors="replace")
        try:
            if task_merge.is_task(text):
                task_merge.merge_task_files(args.a, args.b)
                return EXIT_OK
            base = agreed.base_for(args.agreed, agreed.uid_of(text)) if args.agreed else None
            merge_conflicting_files(args.a, args.b, account=args.account, base=base)
        except (CardError, ReadError) as exc:
            raise UserError(f"the two copies cannot be merged: {exc}") from exc
        return EXIT_OK


def _configure_add(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", metavar="URL", help="the server's address (or just its domain)")
    parser.add_argument("--user", required=True, metavar="NAME", help="your user name there")
    parser.add_argument("--name", metavar="N", help="a name for the account (default: the host)")
    parser.add_argument("--tasks", action="store_true", help="also sync follow-ups as tasks")
    parser.add_argument(
        "--trust-fingerprint",
        metavar="SHA256",
        help="accept the server's certificate of this fingerprint (a self-signed one)",
    )


def _account_name(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="NAME", help="the account's name")


def _add(args: argparse.Namespace) -> int:
    from netdesk.core.sync import accounts

    password = _read_password(f"Password for {args.user} at {args.url}: ")
    try:
        account, plain_file = accounts.add(
            args.url,
            args.user,
            password,
            name=args.name,
            tasks=args.tasks,
            trusted_fingerprint=args.trust_fingerprint,
        )
    except accounts.AccountError as exc:
        raise UserError(str(exc)) from exc
    _warn_if_plain(plain_file)
    print(f"Added {account.name}: {account.user} at {account.url}. `netdesk sync` syncs it now.")
    return EXIT_OK


def _password_set(args: argparse.Namespace) -> int:
    from netdesk.core.sync import accounts

    account = _find(args.name)
    password = _read_password(f"New password for {account.user} at {account.url}: ")
    try:
        plain_file = accounts.change_password(account, password)
    except accounts.AccountError as exc:
        raise UserError(str(exc)) from exc
    _warn_if_plain(plain_file)
    print(f"Changed the password of {account.name}; the next sync uses it.")
    return EXIT_OK


def _trust(args: argparse.Namespace) -> int:
    from netdesk.core.sync import accounts

    try:
        account = accounts.trust_certificate(_find(args.name).name, args.fingerprint)
    except accounts.AccountError as exc:
        raise UserError(str(exc)) from exc
    print(
        f"{account.name} now accepts the certificate {account.trusted_fingerprint} "
        "and no other; `netdesk sync` syncs it."
    )
    return EXIT_OK


def _read_password(prompt: str) -> str:
    """NETDESK_SYNC_PASSWORD when it is set (scripts), else typed without being shown."""
    if PASSWORD_VARIABLE in os.environ:
        return os.environ[PASSWORD_VARIABLE]
    try:
        return getpass.getpass(prompt)
    except EOFError:  # no one to ask: input is not a terminal
        raise UserError(f"no password given: type it, or set {PASSWORD_VARIABLE}") from None


def _warn_if_plain(plain_file: Path | None) -> None:
    from netdesk.system import secrets

    if plain_file is not None:
        print(
            f"netdesk: warning: {secrets.PLAIN_FILE_WARNING.format(path=plain_file)}",
            file=sys.stderr,
        )


def _sync(args: argparse.Namespace) -> int:
    from netdesk.core.sync import accounts
    from netdesk.core.sync.run import run_sync
    from netdesk.core.sync.vdirsyncer_run import SyncError

    chosen = [_find(args.account)] if args.account else accounts.all_accounts()
    if not chosen:
        _find(None)  # says how to add one
    results, failed = [], False
    for account in chosen:
        try:
            results.append(run_sync(account).as_dict())
        except SyncError as exc:
            failed = True
            results.append({"account": account.name, **exc.as_result()})
    _print_results(results, as_json=args.json, db_arg=args.db)
    return EXIT_USER if failed else EXIT_OK


def _print_results(
    results: list[dict[str, Any]], *, as_json: bool, db_arg: Path | None = None
) -> None:
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for result in results:
        if "error" in result:
            print(f"netdesk: {result['account']}: {result['error']}", file=sys.stderr)
            if result.get("fingerprint"):
                print(_how_to_trust(result, db_arg), file=sys.stderr)
            continue
        print(f"{result['account']}: {_summary(result)}")
        for error in result.get("errors", []):
            print(f"  {error}")


def _how_to_trust(result: dict[str, Any], db_arg: Path | None) -> str:
    command = ["netdesk", "sync", "trust", result["account"], result["fingerprint"]]
    if db_arg is not None:
        command += ["--db", str(db_arg)]
    return (
        "netdesk: compare it with the fingerprint your server shows; if they are the same, "
        f"trust it: {shlex.join(command)}"
    )


def _summary(result: dict[str, Any]) -> str:
    parts = [f"{result.get(key, 0)} {key.replace('_', ' ')}" for key in COUNTS]
    if result.get("errors"):
        parts.append(f"{len(result['errors'])} errors")
    return ", ".join(parts)


def _status(args: argparse.Namespace) -> int:
    from netdesk.core.sync import accounts

    found = accounts.all_accounts()
    if getattr(args, "json", False):
        print(json.dumps([_status_record(a) for a in found], ensure_ascii=False, indent=1))
        return EXIT_OK
    for account in found:
        print(
            f"{account.name}: {account.user} at {account.url}"
            + (", with tasks" if account.tasks else "")
        )
        print(f"  last sync: {_last_sync(account)}")
        if account.trusted_fingerprint:
            print(f"  certificate trusted: {account.trusted_fingerprint}")
    if not found:
        print("There is no sync account yet; add one with `netdesk sync add URL --user NAME`.")
    return EXIT_OK


def _status_record(account: Any) -> dict[str, Any]:
    keys = (
        "name", "url", "user", "tasks", "address_book", "task_list", "last_sync",
        "trusted_fingerprint",
    )  # fmt: skip
    return {key: getattr(account, key) for key in keys} | {"last_result": account.last_result}


def _last_sync(account: Any) -> str:
    if account.last_sync is None:
        return "never"
    result = account.last_result or {}
    outcome = f"failed: {result['error']}" if "error" in result else _summary(result)
    return f"{account.last_sync_time:%Y-%m-%d %H:%M}, {outcome}"


def _remove(args: argparse.Namespace) -> int:
    from netdesk import db
    from netdesk.core.sync import accounts, vdirsyncer_config

    account = _find(args.name)
    accounts.remove(account)
    vdirsyncer_config.forget_folder(db.current_path(), account)
    print(f"Removed {account.name}; its people stay in netdesk.")
    return EXIT_OK


def _password(args: argparse.Namespace) -> int:
    from netdesk.core.sync import accounts

    try:
        print(accounts.password(_find(args.name)))
    except accounts.AccountError as exc:
        raise UserError(str(exc)) from exc
    return EXIT_OK


def _find(name: str | None) -> Any:
    """An account by its name or folder id (what vdirsyncer's config names it by)."""
    from netdesk.core.sync import accounts

    if name is not None:
        for account in accounts.all_accounts():
            if name in (account.name, account.folder_id):
                return account
    try:
        return accounts.find(name)
    except accounts.AccountError as exc:
        raise UserError(str(exc)) from exc
