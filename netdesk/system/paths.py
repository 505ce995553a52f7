"""Where netdesk keeps its files, and how to start its programs.

The database and backups live in the user's data folder (platformdirs). `NETDESK_HOME` moves the
whole folder (tests, portable installs); `--db PATH` on the command line picks one database file.
Folders are created 0700 so other users of the machine cannot read anyone's contacts.
`installed_command` is how the reminders start the window and how login starts the reminders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from netdesk import APP_NAME

DB_FILENAME = "netdesk.db"


PACKAGE_DATA = Path(__file__).resolve().parents[1] / "data"


def package_data(name: str) -> Path:
    """A file shipped inside the package (icons, the sample card), also in the frozen bundle."""
    return PACKAGE_DATA / name


def data_dir() -> Path:
    """The folder holding the database, created 0700 on first use."""
    override = os.environ.get("NETDESK_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    return ensure_private_dir(path)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def db_path(arg: Path | None) -> Path:
    """The database a process works on: `--db PATH` when given, else the default one."""
    return Path(arg).expanduser() if arg is not None else default_db_path()


# What `python -m` runs for each installed command when no executable of that name is found.
_MODULES = {"netdesk": "netdesk", "netdesk-reminders": "netdesk.reminders"}


def installed_command(name: str) -> list[str]:
    """How to start this installation's `netdesk` or `netdesk-reminders`: the executable beside
    a frozen bundle's, the script beside the running interpreter (a virtualenv's bin/ or
    Scripts/), else `python -m` with the running interpreter."""
    executable = Path(sys.executable)
    program = executable.with_name(name + (".exe" if sys.platform == "win32" else ""))
    if getattr(sys, "frozen", False) or program.is_file():
        return [str(program)]
    return [sys.executable, "-m", _MODULES[name]]


def backups_dir(db_path: Path) -> Path:
    """Backups sit beside the database they protect, in their own private folder."""
    return ensure_private_dir(db_path.parent / "backups")


def log_dir() -> Path:
    override = os.environ.get("NETDESK_HOME")
    if override:
        return ensure_private_dir(Path(override) / "logs")
    return ensure_private_dir(Path(platformdirs.user_log_dir(APP_NAME, False)))


def runtime_name(base: str) -> str:
    """A per-user, per-data-folder name for local sockets and lock files."""
    import hashlib

    key = hashlib.sha1(str(data_dir()).encode()).hexdigest()[:10]
    user = os.environ.get("USER") or os.environ.get("USERNAME") or "user"
    return f"{APP_NAME}-{base}-{user}-{key}"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` 0700, and any parent folder it needs 0700 too (mkdir's `parents` would make
    those with the umask's mode, readable by everyone)."""
    missing = []
    folder = path.parent
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    path.mkdir(mode=0o700, exist_ok=True)
    return path
