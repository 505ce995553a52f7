"""Opening netdesk from a reminder: the running window, or this installation's command."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from netdesk.reminders.launcher import Launcher


def test_without_a_window_it_starts_netdesk_on_the_same_database(qapp, monkeypatch, tmp_path):
    # A stand-in `netdesk` executable beside a "frozen" reminders binary records its arguments.
    record = tmp_path / "args.txt"
    fake = tmp_path / "netdesk"
    script = f'printf "%s\\n" "$@" > "{record}.tmp" && mv "{record}.tmp" "{record}"'
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "netdesk-reminders"))
    db_path = tmp_path / "my contacts.db"

    assert Launcher(db_path).open_person(42)

    deadline = time.monotonic() + 20
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert record.read_text().splitlines() == ["--db", str(db_path), "--show-person", "42"]


def test_a_missing_program_is_reported_not_raised(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "nothing-here" / "netdesk-reminders"))
    assert not os.path.exists(tmp_path / "nothing-here")
    assert Launcher(Path("x.db")).open_app() is False
