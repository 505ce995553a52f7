"""Sync passwords in a real Secret Service (gnome-keyring on a private session bus), through
netdesk's own keyring backend, and in the private file where no Secret Service runs.

Each test starts its own dbus-daemon, whose configuration names no service folders: nothing on
it can be started by D-Bus activation, so only what the test starts is there. Missing programs
fail the test: `.ci/run` installs them with `.ci/desktop-deps.sh`.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import SecretService
from keyring.errors import KeyringError, KeyringLocked, PasswordDeleteError

from netdesk.system import secret_service
from netdesk.system.secret_service import SecretServiceKeyring

REPO = Path(__file__).resolve().parents[2]
SERVICE = "netdesk"
KEY = "sync ana@https://dav.example.org/"
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
# Ask a fresh process which backend keyring picks (it picks once per process) and use secrets.
PICK_AND_STORE = """
import json, sys, keyring
from netdesk.system import secrets
plain = secrets.store(sys.argv[1], sys.argv[2])
chosen = keyring.get_keyring()
first = getattr(chosen, "backends", [chosen])[0]  # keyring chains several viable backends
print(json.dumps({"plain": plain and str(plain), "backend": type(first).__name__,
                  "fetched": secrets.fetch(sys.argv[1])}))
"""


def require(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.fail(
            f"programs missing: {', '.join(missing)}; install them with .ci/desktop-deps.sh "
            "(which .ci/run calls)",
            pytrace=False,
        )


@contextlib.contextmanager
def private_bus(folder: Path) -> Iterator[str]:
    """A session bus of our own; its address."""
    require("dbus-daemon")
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=folder), encoding="utf-8")
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), "dbus-daemon printed no address"
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)


@pytest.fixture
def bus_folder() -> Iterator[Path]:
    # Short: a unix socket's path holds at most 107 bytes, which tmp_path can exceed.
    folder = Path(tempfile.mkdtemp(prefix="nd-bus-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def empty_bus(bus_folder, monkeypatch) -> Iterator[str]:
    """A session bus with no Secret Service on it, nor any that D-Bus could start."""
    with private_bus(bus_folder) as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


@pytest.fixture
def keyring_daemon(bus_folder, tmp_path, monkeypatch) -> Iterator[str]:
    """gnome-keyring's Secret Service on a private bus, its login keyring unlocked."""
    require("gnome-keyring-daemon")
    with private_bus(bus_folder) as address:
        runtime = bus_folder / "run"
        runtime.mkdir(mode=0o700)
        env = dict(
            os.environ, DBUS_SESSION_BUS_ADDRESS=address, XDG_RUNTIME_DIR=str(runtime),
            XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path),
        )
        # --unlock reads the login keyring's password on stdin, creating that keyring (the
        # default collection) unlocked; an empty password creates none.
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
        assert daemon.stdin is not None
        daemon.stdin.write(b"login password")
        daemon.stdin.close()
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        try:
            _wait_for_default_collection(daemon)
            yield address
        finally:
            daemon.terminate()
            daemon.wait(timeout=30)


def _wait_for_default_collection(daemon: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert daemon.poll() is None, f"gnome-keyring-daemon exited {daemon.returncode}"
        # not on the bus yet, or its default collection not made yet
        with contextlib.suppress(Exception), secret_service._session() as secrets:
            if secrets.collection:
                return
        time.sleep(0.05)
    pytest.fail("gnome-keyring-daemon did not offer its default collection", pytrace=False)


def _run_secrets(key: str, password: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    done = subprocess.run(
        [sys.executable, "-c", PICK_AND_STORE, key, password],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_password_is_kept_read_back_replaced_and_removed(keyring_daemon):
    backend = SecretServiceKeyring()
    assert SecretServiceKeyring.viable
    assert backend.get_password(SERVICE, KEY) is None
    backend.set_password(SERVICE, KEY, "first – ünïcode")
    assert backend.get_password(SERVICE, KEY) == "first – ünïcode"
    backend.set_password(SERVICE, KEY, "second")
    assert backend.get_password(SERVICE, KEY) == "second"
    with secret_service._session() as secrets:
        assert len(secrets.find(SERVICE, KEY)) == 1  # replaced, not added
    backend.delete_password(SERVICE, KEY)
    assert backend.get_password(SERVICE, KEY) is None
    with pytest.raises(PasswordDeleteError):
        backend.delete_password(SERVICE, KEY)


def test_keyring_picks_netdesks_backend_where_a_secret_service_runs(keyring_daemon, tmp_path):
    from netdesk.system import secrets

    result = _run_secrets(KEY, "s3cret")
    assert result == {"plain": None, "backend": "SecretServiceKeyring", "fetched": "s3cret"}
    assert not secrets.secrets_file().exists()
    assert SecretServiceKeyring().get_password(SERVICE, KEY) == "s3cret"


def test_passwords_are_shared_with_keyrings_own_secret_service_backend(keyring_daemon):
    """A password kept before netdesk had its own backend still reads back; replacing it leaves
    one item, and other programs using keyring read what netdesk keeps."""
    theirs = SecretService.Keyring()
    ours = SecretServiceKeyring()
    theirs.set_password(SERVICE, KEY, "kept by keyring")
    assert ours.get_password(SERVICE, KEY) == "kept by keyring"
    ours.set_password(SERVICE, KEY, "kept by netdesk")
    assert theirs.get_password(SERVICE, KEY) == "kept by netdesk"
    with secret_service._session() as secrets:
        assert len(secrets.find(SERVICE, KEY)) == 1


def test_a_locked_keyring_whose_prompt_is_dismissed_is_one_clear_error(keyring_daemon):
    backend = SecretServiceKeyring()
    backend.set_password(SERVICE, KEY, "before")
    with secret_service._session() as secrets:
        secrets.call("/org/freedesktop/secrets", "Service", "Lock", "ao", [secrets.collection])
    # The private bus has no prompter to show the unlock dialog: the prompt ends dismissed.
    with pytest.raises(KeyringLocked) as raised:
        backend.set_password(SERVICE, KEY, "after")
    assert str(raised.value) == "the keyring stayed locked (its unlock prompt was dismissed)"


def test_without_a_secret_service_the_password_goes_to_the_private_file(empty_bus):
    from netdesk.system import secrets

    assert not SecretServiceKeyring.viable
    result = _run_secrets(KEY, "s3cret")
    assert result["plain"] == str(secrets.secrets_file())
    assert result["fetched"] == "s3cret"
    assert stat.S_IMODE(secrets.secrets_file().stat().st_mode) == 0o600
    assert json.loads(secrets.secrets_file().read_text(encoding="utf-8")) == {KEY: "s3cret"}


@pytest.mark.parametrize("address", ["unix:path={tmp}/no-bus", "not an address", None])
def test_without_a_session_bus_netdesks_backend_is_not_viable_and_says_why(
    address, tmp_path, monkeypatch
):
    if address is None:
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address.format(tmp=tmp_path))
    assert not SecretServiceKeyring.viable
    with pytest.raises(KeyringError) as raised:
        SecretServiceKeyring().get_password(SERVICE, KEY)
    message = str(raised.value)
    assert message.startswith("cannot reach the D-Bus session bus: ") and "\n" not in message


def test_a_locked_keyring_is_one_line_when_a_sync_account_is_added(keyring_daemon, store):
    """The command line and Settings > Sync show an AccountError's sentence, never a traceback."""
    import keyring

    from netdesk.core.sync import accounts

    backend = SecretServiceKeyring()
    backend.set_password(SERVICE, KEY, "before")
    with secret_service._session() as secrets:
        secrets.call("/org/freedesktop/secrets", "Service", "Lock", "ao", [secrets.collection])
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(accounts.AccountError) as raised:
            accounts.add("https://dav.example.com", "ana", "s3cret")
    finally:
        keyring.set_keyring(previous)
    assert str(raised.value) == (
        "the keyring refused: the keyring stayed locked (its unlock prompt was dismissed)"
    )
    assert accounts.all_accounts() == []  # nothing half-added
