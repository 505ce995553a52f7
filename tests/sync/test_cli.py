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
from tests.sync.tls import served_fingerprint


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


def test_password_set_keeps_the_servers_new_password_for_the_next_sync(tmp_path, radicale):
    db = tmp_path / "b.db"
    netdesk("sync", "add", radicale.url, "--user", "ana", "--name", "home", "--db", str(db),
            password="the old one")  # fmt: skip
    assert netdesk("sync", "--db", str(db)).returncode == 1  # the server's password changed
    changed = netdesk("sync", "password-set", "home", "--db", str(db), password=PASSWORD)
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout == "Changed the password of home; the next sync uses it.\n"
    # vdirsyncer's own helper reads the new one
    assert netdesk("sync", "password", "home", "--db", str(db)).stdout == PASSWORD + "\n"
    done = netdesk("sync", "--db", str(db))
    assert (done.returncode, done.stderr) == (0, "")
    status = netdesk("sync", "status", "--db", str(db)).stdout
    assert "last sync: " in status and "failed" not in status


def test_password_set_refuses_an_empty_password_and_keeps_the_old_one(tmp_path):
    db = tmp_path / "b.db"
    netdesk("sync", "add", "https://dav.example.org", "--user", "ana", "--db", str(db))
    refused = netdesk("sync", "password-set", "--db", str(db), password="")
    assert (refused.returncode, refused.stderr) == (1, "netdesk: the password is empty\n")
    kept = netdesk("sync", "password", "dav.example.org", "--db", str(db))
    assert kept.stdout == PASSWORD + "\n"


def test_without_a_terminal_or_the_variable_no_password_is_one_line(tmp_path):
    db = tmp_path / "b.db"
    netdesk("sync", "add", "https://dav.example.org", "--user", "ana", "--db", str(db))
    env = {k: v for k, v in os.environ.items() if k != "NETDESK_SYNC_PASSWORD"}
    asked = subprocess.run(
        [sys.executable, "-m", "netdesk", "sync", "password-set", "--db", str(db)],
        capture_output=True, text=True, env=dict(env, PYTHONPATH=str(REPO)),
        stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    assert asked.returncode == 1
    assert asked.stderr.endswith(
        "netdesk: no password given: type it, or set NETDESK_SYNC_PASSWORD\n"
    )


def test_a_self_signed_certificate_is_trusted_by_the_fingerprint_its_refusal_shows(
    tmp_path, tls_radicale
):
    db = tmp_path / "b.db"
    netdesk("sync", "add", tls_radicale.url, "--user", "ana", "--name", "nas", "--db", str(db))
    refused = netdesk("sync", "--db", str(db))
    fingerprint = served_fingerprint(tls_radicale)
    host = tls_radicale.url.split("/")[2]
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"netdesk: nas: {host}'s certificate is not trusted (self-signed certificate); "
        f"its SHA-256 fingerprint is {fingerprint}.",
        "netdesk: compare it with the fingerprint your server shows; if they are the same, "
        f"trust it: netdesk sync trust nas {fingerprint} --db {db}",
    ]
    command = refused.stderr.splitlines()[1].split("trust it: netdesk ")[1].split()
    trusted = netdesk(*command)
    assert trusted.returncode == 0, trusted.stderr
    assert trusted.stdout == (
        f"nas now accepts the certificate {fingerprint} and no other; `netdesk sync` syncs it.\n"
    )
    done = netdesk("sync", "--db", str(db))
    assert (done.returncode, done.stderr) == (0, "")
    status = netdesk("sync", "status", "--db", str(db))
    assert f"  certificate trusted: {fingerprint}\n" in status.stdout


def test_add_can_trust_a_certificate_from_the_start(tmp_path, tls_radicale):
    db = tmp_path / "b.db"
    wrong = netdesk("sync", "add", tls_radicale.url, "--user", "ana", "--db", str(db),
                    "--trust-fingerprint", "12:34")  # fmt: skip
    assert wrong.returncode == 1
    assert wrong.stderr == (
        "netdesk: not a SHA-256 fingerprint: '12:34' (64 hexadecimal digits, as AB:CD:…)\n"
    )
    fingerprint = served_fingerprint(tls_radicale).replace(":", "").lower()
    added = netdesk("sync", "add", tls_radicale.url, "--user", "ana", "--db", str(db),
                    "--trust-fingerprint", fingerprint)  # fmt: skip
    assert added.returncode == 0, added.stderr
    done = netdesk("sync", "--json", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "error" not in json.loads(done.stdout)[0]


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
