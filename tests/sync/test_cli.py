"""`netdesk sync` on the command line, as a separate process against a real Radicale."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from netdesk.core.sync import accounts
from netdesk.system import secrets
from tests.helpers.paths import REPO
from tests.helpers.people import person
from tests.helpers.radicale import PASSWORD
from tests.sync.computers import computer


def netdesk(*args: str, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), NETDESK_SYNC_PASSWORD=password)
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_add_then_sync_as_json_then_status(tmp_path, radicale, phone):
    db = tmp_path / "b.db"
    with computer(db):
        person("Ana Souza", email="ana@example.org")
    added = netdesk("sync", "add", radicale.url, "--user", "ana", "--name", "home", "--db", str(db))
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith(f"Added home: ana at {radicale.url}.")
    assert "no keyring is available here" in added.stderr  # a test machine has none
    done = netdesk("sync", "--json", "--db", str(db))
    assert done.returncode == 0, done.stderr
    [report] = json.loads(done.stdout)
    assert (report["account"], report["pushed"], report["conflicts"]) == ("home", 1, 0)
    assert len(phone.items("contacts")) == 1
    status = netdesk("sync", "status", "--db", str(db))
    assert status.stdout.startswith(f"home: ana at {radicale.url}\n  last sync: ")
    assert "0 pulled new, 0 pulled updated, 0 pulled deleted, 1 pushed" in status.stdout


def test_a_wrong_password_is_one_line_and_exit_code_1(tmp_path, radicale):
    db = tmp_path / "b.db"
    netdesk("sync", "add", radicale.url, "--user", "ana", "--db", str(db), password="wrong")
    done = netdesk("sync", "--db", str(db))
    assert done.returncode == 1
    host = radicale.url.split("/")[2]
    assert done.stderr == (f"netdesk: {host}: {host} refused the user name or password (401).\n")
    status = netdesk("sync", "status", "--json", "--db", str(db))
    [account] = json.loads(status.stdout)
    assert account["last_result"]["kind"] == "password"


def test_sync_without_an_account_says_how_to_add_one(tmp_path):
    done = netdesk("sync", "--db", str(tmp_path / "b.db"))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "netdesk: no sync account yet; add one with `netdesk sync add URL --user NAME`\n"
    )


def test_remove_forgets_the_account_its_folder_and_password_but_not_the_people(tmp_path, radicale):
    db = tmp_path / "b.db"
    with computer(db):
        person("Ana Souza", email="ana@example.org")
    netdesk("sync", "add", radicale.url, "--user", "ana", "--name", "home", "--db", str(db))
    assert netdesk("sync", "--db", str(db)).returncode == 0
    assert (tmp_path / "sync").is_dir() and any((tmp_path / "sync").iterdir())
    removed = netdesk("sync", "remove", "home", "--db", str(db))
    assert removed.stdout == "Removed home; its people stay in netdesk.\n"
    assert not any((tmp_path / "sync").iterdir())
    with computer(db):
        assert accounts.all_accounts() == []
        assert netdesk("list", "--db", str(db)).stdout.count("Ana Souza") == 1
    assert PASSWORD not in secrets.secrets_file().read_text()


def test_the_vdirsyncer_inside_netdesk_answers():
    done = netdesk("--vdirsyncer", "--version")
    assert done.returncode == 0
    assert done.stdout.startswith("vdirsyncer, version ")
