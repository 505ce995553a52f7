"""Passwords netdesk keeps for others (sync servers): the OS keyring, else a private file.

The `keyring` library picks the OS store: the Keychain on macOS, the Windows Credential Locker,
and on Linux the Secret Service through netdesk's own backend (`secret_service`, which needs no
`cryptography`). Where it has none (its "fail" backend: a server without a desktop
session, a minimal container), the password goes into `secrets.json`, 0600 in netdesk's data
folder, and `store` says so, so the caller can warn that it is a plain file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from netdesk.system import paths

SERVICE = "netdesk"
FILE_NAME = "secrets.json"
PLAIN_FILE_WARNING = (
    "no keyring is available here: the password is kept in {path}, readable by you only"
)


class SecretStoreError(Exception):
    """The keyring refused (locked and not unlocked, or broken): one sentence."""


@contextlib.contextmanager
def _said() -> Iterator[None]:
    import keyring.errors

    try:
        yield
    except keyring.errors.KeyringError as exc:
        detail = str(exc).strip().rstrip(".") or type(exc).__name__
        raise SecretStoreError(f"the keyring refused: {detail}") from exc


def store(key: str, password: str) -> Path | None:
    """Keep `password` under `key`; the plain file it went to when no keyring exists."""
    keyring = _keyring()
    if keyring is not None:
        with _said():
            keyring.set_password(SERVICE, key, password)
        return None
    secrets = _read_file()
    secrets[key] = password
    return _write_file(secrets)


def fetch(key: str) -> str | None:
    """The password kept under `key`, or None. A keyring that exists but will not open (its
    unlock prompt has no screen, say) still lets a password kept in the file be found."""
    keyring = _keyring()
    refused: SecretStoreError | None = None
    if keyring is not None:
        try:
            with _said():
                found = keyring.get_password(SERVICE, key)
        except SecretStoreError as exc:
            refused = exc
        else:
            if found is not None:
                return str(found)
    kept = _read_file().get(key)
    if kept is None and refused is not None:
        raise refused
    return kept


def forget(key: str) -> None:
    """Remove the password kept under `key`, wherever it is."""
    keyring = _keyring()
    if keyring is not None:
        import keyring.errors

        with _said(), contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(SERVICE, key)
    secrets = _read_file()
    if secrets.pop(key, None) is not None:
        _write_file(secrets)


def _keyring():  # the module, or None where only keyring's "fail" backend exists
    import keyring
    from keyring.backends import fail

    # Imported before keyring first picks its backend, so netdesk's is among the candidates.
    from netdesk.system import secret_service  # noqa: F401

    if isinstance(keyring.get_keyring(), fail.Keyring):
        return None
    return keyring


def secrets_file() -> Path:
    return paths.data_dir() / FILE_NAME


def _read_file() -> dict[str, str]:
    try:
        data = json.loads(secrets_file().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_file(secrets: dict[str, str]) -> Path:
    """Replace the file atomically, created 0600 before any secret is written into it."""
    path = secrets_file()
    partial = path.with_name(path.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(secrets, out)
    os.replace(partial, path)
    return path
