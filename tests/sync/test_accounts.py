"""Sync accounts in the database's settings; passwords in the keyring or a private file."""

from __future__ import annotations

import os
import stat

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from netdesk.core.sync import accounts
from netdesk.system import secret_service, secrets
from netdesk.system.secret_service import SecretServiceKeyring


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS keyring (Secret Service, Keychain), which a test machine lacks."""

    # below keyring's own "fail" backend: keyring registers every subclass it sees, and the
    # other tests must keep getting the machine's real choice
    priority = -1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        self.kept[service, username] = password

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def os_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_an_account_is_kept_in_the_settings_and_its_password_in_the_keyring(store, os_keyring):
    _account, plain_file = accounts.add("https://dav.example.org/", "ana", "s3cret", tasks=True)
    assert plain_file is None
    assert not secrets.secrets_file().exists()
    assert os_keyring.kept == {("netdesk", "sync ana@https://dav.example.org/"): "s3cret"}
    found = accounts.find()
    assert (found.name, found.url, found.user, found.tasks) == (
        "dav.example.org",
        "https://dav.example.org/",
        "ana",
        True,
    )
    assert accounts.password(found) == "s3cret"
    assert "s3cret" not in str(accounts.settings.get(accounts.SETTING))


def test_without_a_keyring_the_password_goes_to_a_file_only_its_owner_reads(store, no_keyring):
    _account, plain_file = accounts.add("https://dav.example.org/", "ana", "s3cret")
    assert plain_file == secrets.secrets_file()
    assert stat.S_IMODE(os.stat(plain_file).st_mode) == 0o600
    assert accounts.password(accounts.find()) == "s3cret"


def test_removing_an_account_forgets_its_password(store, os_keyring):
    account, _ = accounts.add("https://dav.example.org/", "ana", "s3cret")
    accounts.remove(account)
    assert accounts.all_accounts() == []
    assert os_keyring.kept == {}


def test_removing_an_account_forgets_a_password_kept_in_the_file(store, no_keyring):
    account, _ = accounts.add("https://dav.example.org/", "ana", "s3cret")
    accounts.remove(account)
    assert "s3cret" not in secrets.secrets_file().read_text()


def test_a_bare_domain_means_https_for_discovery(store, no_keyring):
    account, _ = accounts.add("fastmail.com", "ana@fastmail.com", "app-password")
    assert account.url == "https://fastmail.com/"


@pytest.mark.parametrize(
    ("url", "user", "password", "message"),
    [
        ("ftp://dav.example.org", "ana", "pw", "not a server address: ftp://dav.example.org"),
        ("https://", "ana", "pw", "not a server address: https://"),
        ("https://dav.example.org", " ", "pw", "the user name is empty"),
        ("https://dav.example.org", "ana", "", "the password is empty"),
    ],
)
def test_a_wrong_account_is_refused_in_one_line_and_stores_nothing(
    store, no_keyring, url, user, password, message
):
    with pytest.raises(accounts.AccountError, match=message):
        accounts.add(url, user, password)
    assert accounts.all_accounts() == []
    assert not secrets.secrets_file().exists()


def test_two_accounts_cannot_share_a_name(store, no_keyring):
    accounts.add("https://dav.example.org", "ana", "pw")
    with pytest.raises(accounts.AccountError, match="already a sync account called"):
        accounts.add("https://dav.example.org", "bob", "pw")
    assert [a.user for a in accounts.all_accounts()] == ["ana"]


def test_an_unknown_or_unnamed_account_among_several_is_said(store, no_keyring):
    with pytest.raises(accounts.AccountError, match="no sync account yet"):
        accounts.find()
    accounts.add("https://one.example.org", "ana", "pw")
    accounts.add("https://two.example.org", "ana", "pw")
    with pytest.raises(accounts.AccountError, match="several sync accounts"):
        accounts.find()
    with pytest.raises(accounts.AccountError, match="no sync account called 'three'"):
        accounts.find("three")


def test_a_changed_password_replaces_the_kept_one(store, os_keyring):
    account, _ = accounts.add("https://dav.example.org/", "ana", "old")
    assert accounts.change_password(accounts.find(), "new") is None
    assert os_keyring.kept == {("netdesk", account.secret_key): "new"}
    assert accounts.password(accounts.find()) == "new"
    with pytest.raises(accounts.AccountError, match=r"^the password is empty$"):
        accounts.change_password(accounts.find(), "")
    assert accounts.password(accounts.find()) == "new"


def test_without_a_keyring_a_changed_password_replaces_the_one_in_the_file(store, no_keyring):
    accounts.add("https://dav.example.org/", "ana", "old-secret")
    assert accounts.change_password(accounts.find(), "new-secret") == secrets.secrets_file()
    kept = secrets.secrets_file().read_text()
    assert "new-secret" in kept and "old-secret" not in kept
    assert stat.S_IMODE(os.stat(secrets.secrets_file()).st_mode) == 0o600


def test_a_password_changed_in_a_real_secret_service_replaces_its_item(keyring_daemon, store):
    previous = keyring.get_keyring()
    keyring.set_keyring(SecretServiceKeyring())
    try:
        account, _ = accounts.add("https://dav.example.org/", "ana", "old")
        assert accounts.change_password(account, "new") is None
        assert accounts.password(accounts.find()) == "new"
    finally:
        keyring.set_keyring(previous)
    with secret_service._session() as kept:
        assert len(kept.find("netdesk", account.secret_key)) == 1  # replaced, not added


def test_a_trusted_fingerprint_is_kept_in_pairs_whatever_way_it_was_written(store, no_keyring):
    digits = "ab" * 32
    account, _ = accounts.add(
        "https://nas.local:5232/", "ana", "pw", trusted_fingerprint=f"SHA256 Fingerprint={digits}"
    )
    assert account.trusted_fingerprint == ":".join(["AB"] * 32)
    assert accounts.trust_certificate(account.name, "CD:" * 31 + "CD").trusted_fingerprint == (
        ":".join(["CD"] * 32)
    )
    assert accounts.find().trusted_fingerprint == ":".join(["CD"] * 32)


def test_a_wrong_fingerprint_is_refused_in_one_line_and_changes_nothing(store, no_keyring):
    message = r"^not a SHA-256 fingerprint: '12:34' \(64 hexadecimal digits, as AB:CD:…\)$"
    with pytest.raises(accounts.AccountError, match=message):
        accounts.add("https://nas.local/", "ana", "pw", trusted_fingerprint="12:34")
    assert accounts.all_accounts() == []
    accounts.add("https://nas.local/", "ana", "pw", trusted_fingerprint="ab" * 32)
    with pytest.raises(accounts.AccountError, match="not a SHA-256 fingerprint: 'zz'"):
        accounts.trust_certificate("nas.local", "zz")
    assert accounts.find().trusted_fingerprint == ":".join(["AB"] * 32)


class LockedKeyring(MemoryKeyring):
    """A keyring that exists but will not open: gnome-keyring asking to unlock with no screen
    to ask on. (Stands in for the OS keyring, which a test machine lacks.)"""

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("no keyring was created (its prompt was dismissed)")


def test_a_password_kept_in_the_file_is_found_while_a_keyring_will_not_open(store, no_keyring):
    account, kept_in = accounts.add("https://dav.example.org/", "ana", "s3cret", name="home")
    assert kept_in == secrets.secrets_file()  # no keyring at the time
    keyring.set_keyring(LockedKeyring())  # a keyring appears later, and stays locked
    assert accounts.password(account) == "s3cret"
    secrets.forget(account.secret_key)
    with pytest.raises(accounts.AccountError, match="the keyring refused: no keyring was created"):
        accounts.password(account)
