"""The database a process uses, and how one netdesk program starts another."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netdesk import __version__
from netdesk.system import paths


def test_db_path_is_the_option_or_the_default(_private_home, monkeypatch, tmp_path):
    assert paths.db_path(None) == _private_home / "netdesk.db"
    assert paths.db_path(tmp_path / "work.db") == tmp_path / "work.db"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.db_path(Path("~/contacts.db")) == tmp_path / "contacts.db"


def fake_interpreter(folder: Path, monkeypatch) -> Path:
    """Point sys.executable at a folder laid out like a virtualenv's bin/ (only the layout
    matters: nothing is run)."""
    folder.mkdir()
    python = folder / "python"
    python.write_text("")
    monkeypatch.setattr(sys, "executable", str(python))
    return python


def test_a_frozen_bundle_starts_the_executable_beside_its_own(monkeypatch, tmp_path):
    fake_interpreter(tmp_path / "bundle", monkeypatch)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert paths.installed_command("netdesk") == [str(tmp_path / "bundle" / "netdesk")]
    assert paths.installed_command("netdesk-reminders") == [
        str(tmp_path / "bundle" / "netdesk-reminders")
    ]


def test_an_installed_script_beside_the_interpreter_is_preferred(monkeypatch, tmp_path):
    python = fake_interpreter(tmp_path / "bin", monkeypatch)
    (python.parent / "netdesk-reminders").write_text("#!/bin/sh\n")
    assert paths.installed_command("netdesk-reminders") == [
        str(python.parent / "netdesk-reminders")
    ]
    assert paths.installed_command("netdesk") == [str(python), "-m", "netdesk"]


def test_without_a_script_the_interpreter_runs_the_module(monkeypatch, tmp_path):
    python = fake_interpreter(tmp_path / "bin", monkeypatch)
    assert paths.installed_command("netdesk-reminders") == [str(python), "-m", "netdesk.reminders"]


@pytest.mark.parametrize("name", ["netdesk", "netdesk-reminders"])
def test_the_installed_command_of_this_installation_runs(name):
    done = subprocess.run(
        [*paths.installed_command(name), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{name} {__version__}"
