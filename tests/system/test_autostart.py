"""Autostart entries: a valid XDG desktop file and a LaunchAgent plist that loads.

The Windows Run key needs winreg and a Windows machine; it is not exercised here.
"""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.system import autostart, paths


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return home


def validate(path: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.fail(
            "desktop-file-validate is missing; install desktop-file-utils "
            "(.ci/desktop-deps.sh does)",
            pytrace=False,
        )
    done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def exec_arguments(line: str) -> list[str]:
    """Undo the key-file string escape, then split the Exec value per the Desktop Entry spec."""
    value = line.replace("\\\\", "\\")
    args, current, quoted, i, started = [], "", False, 0, False
    while i < len(value):
        ch = value[i]
        if quoted and ch == "\\" and i + 1 < len(value):
            current, i = current + value[i + 1], i + 2
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started or current:
                args.append(current)
            current, started = "", False
        else:
            current += ch
        i += 1
    if started or current:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


def test_xdg_entry_is_valid_and_honours_xdg_config_home(tmp_path, home, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert not autostart.is_enabled(platform="linux")
    path = autostart.enable(platform="linux")
    assert path == config / "autostart" / "org.netdesk.reminders.desktop"
    validate(path)
    assert autostart.is_enabled(platform="linux")
    assert not (home / ".config").exists()
    autostart.disable(platform="linux")
    assert not path.exists() and not autostart.is_enabled(platform="linux")
    autostart.disable(platform="linux")  # twice is fine


def test_xdg_entry_defaults_to_dot_config_and_runs_this_installation(home):
    path = autostart.enable(platform="linux")
    assert path == home / ".config" / "autostart" / "org.netdesk.reminders.desktop"
    validate(path)
    [exec_line] = [ln for ln in path.read_text().splitlines() if ln.startswith("Exec=")]
    args = exec_arguments(exec_line.removeprefix("Exec="))
    assert args == paths.installed_command("netdesk-reminders")


def test_awkward_database_paths_survive_the_exec_quoting(home, tmp_path):
    db_path = tmp_path / 'my "work" $HOME 100% net`desk`.db'
    path = autostart.enable(db_path, platform="linux")
    validate(path)
    [exec_line] = [ln for ln in path.read_text().splitlines() if ln.startswith("Exec=")]
    assert exec_arguments(exec_line.removeprefix("Exec=")) == autostart.reminders_command(db_path)


def test_an_entry_the_desktop_switched_off_counts_as_disabled(home):
    path = autostart.enable(platform="linux")
    path.write_text(path.read_text() + "Hidden=true\n")
    assert not autostart.is_enabled(platform="linux")


def test_macos_launch_agent_loads_with_plistlib(home):
    path = autostart.enable(platform="darwin")
    assert path == home / "Library" / "LaunchAgents" / "org.netdesk.reminders.plist"
    with path.open("rb") as handle:
        agent = plistlib.load(handle)
    assert agent["Label"] == "org.netdesk.reminders"
    assert agent["ProgramArguments"] == paths.installed_command("netdesk-reminders")
    assert agent["RunAtLoad"] is True
    assert autostart.is_enabled(platform="darwin")
    autostart.disable(platform="darwin")
    assert not autostart.is_enabled(platform="darwin")


def test_a_frozen_bundle_starts_its_sibling_executable(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "netdesk" / "netdesk"))
    assert autostart.reminders_command() == [str(tmp_path / "netdesk" / "netdesk-reminders")]
