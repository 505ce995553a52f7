"""Start the reminders service at login: `enable()`, `disable()`, `is_enabled()`.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/org.netdesk.reminders.desktop`.
- macOS: a LaunchAgent, `~/Library/LaunchAgents/org.netdesk.reminders.plist`.
- Windows: a value under HKCU `Software\\Microsoft\\Windows\\CurrentVersion\\Run` (winreg; kept
  small because no test machine here can run it).

The command is this installation's `netdesk-reminders` (`paths.installed_command`). No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import re
import subprocess
import sys
from pathlib import Path

from netdesk.system import paths

LABEL = "org.netdesk.reminders"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "netdesk reminders"


def reminders_command(db_path: Path | None = None) -> list[str]:
    """The command line that starts this installation's reminders service."""
    command = paths.installed_command("netdesk-reminders")
    if db_path is not None:
        command += ["--db", str(Path(db_path).expanduser().resolve())]
    return command


def _platform(platform: str | None) -> str:
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    return "xdg"


def enable(db_path: Path | None = None, *, platform: str | None = None) -> Path | str:
    """Start the reminders at login; returns where that was recorded."""
    kind = _platform(platform)
    command = reminders_command(db_path)
    if kind == "windows":
        return _windows_set(subprocess.list2cmdline(command))
    path = launch_agent_path() if kind == "macos" else desktop_entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = launch_agent(command) if kind == "macos" else desktop_entry(command).encode("utf-8")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # never leave a half-written entry for the session to trip on
    return path


def disable(*, platform: str | None = None) -> None:
    kind = _platform(platform)
    if kind == "windows":
        _windows_delete()
        return
    path = launch_agent_path() if kind == "macos" else desktop_entry_path()
    path.unlink(missing_ok=True)


def is_enabled(*, platform: str | None = None) -> bool:
    kind = _platform(platform)
    if kind == "windows":
        return _windows_get() is not None
    if kind == "macos":
        return launch_agent_path().is_file()
    path = desktop_entry_path()
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8", errors="replace")
    # Desktops switch an entry off by editing it rather than deleting it.
    return not re.search(r"^(Hidden=true|X-GNOME-Autostart-enabled=false)\s*$", text, re.M)


# -- XDG ---------------------------------------------------------------------------------------


def desktop_entry_path() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or ""
    base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    return base / "autostart" / f"{LABEL}.desktop"


def desktop_entry(command: list[str]) -> str:
    """An autostart entry valid for `desktop-file-validate`."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=netdesk reminders",
        "GenericName=Relationship reminders",
        "Comment=Reminds you when to get back in touch",
        f"Exec={exec_line(command)}",
        "Icon=org.netdesk.netdesk",  # the name the installed icon theme has
        "Terminal=false",
        "NoDisplay=true",
        "Categories=Office;ContactManagement;",
        "X-GNOME-Autostart-enabled=true",
        "X-GNOME-Autostart-Delay=10",
        "",
    ]
    return "\n".join(lines)


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_line(command: list[str]) -> str:
    """Quote arguments as the Desktop Entry spec's Exec key wants them."""
    parts = []
    for arg in command:
        arg = arg.replace("%", "%%")  # a lone % starts a field code
        if arg and not _RESERVED.intersection(arg):
            parts.append(arg)
            continue
        escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
        parts.append(f'"{escaped}"')
    # The value itself is a string in the key file format: its backslashes are escaped again.
    return " ".join(parts).replace("\\", "\\\\")


# -- macOS -------------------------------------------------------------------------------------


def launch_agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def launch_agent(command: list[str]) -> bytes:
    agent = {
        "Label": LABEL,
        "ProgramArguments": command,
        "RunAtLoad": True,
        "KeepAlive": False,
        "ProcessType": "Interactive",
    }
    return plistlib.dumps(agent)


# -- Windows (not exercised by the test suite: there is no Windows machine to run it) -----------


def _windows_set(command_line: str) -> str:
    if sys.platform != "win32":  # also tells the type checker where winreg exists
        raise OSError("The Run key exists only on Windows.")
    import winreg

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
        winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, command_line)
    return rf"HKCU\{RUN_KEY}\{RUN_VALUE}"


def _windows_get() -> str | None:
    if sys.platform != "win32":  # also tells the type checker where winreg exists
        raise OSError("The Run key exists only on Windows.")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            return str(winreg.QueryValueEx(key, RUN_VALUE)[0])
    except FileNotFoundError:
        return None


def _windows_delete() -> None:
    if sys.platform != "win32":  # also tells the type checker where winreg exists
        raise OSError("The Run key exists only on Windows.")
    import winreg

    with (
        contextlib.suppress(FileNotFoundError),
        winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key,
    ):
        winreg.DeleteValue(key, RUN_VALUE)
