"""The server side against a real Radicale: vdirsyncer's config, discovery, one exchange, and
each failure said in one line."""

from __future__ import annotations

import socket
import threading

import pytest

from netdesk.core.sync import accounts, vdirsyncer_config
from netdesk.core.sync.run import run_sync
from netdesk.core.sync.transport import Transport
from netdesk.core.sync.vdirsyncer_run import SyncError
from netdesk.system import secrets
from tests.helpers.radicale import PASSWORD
from tests.sync.computers import add_account
from tests.sync.tls import served_fingerprint

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:;{name};;;\r\nEND:VCARD\r\n"


def test_the_config_holds_no_password_and_sends_conflicts_to_netdesk(store, radicale, db_path):
    account = add_account(radicale)
    Transport(account, db_path).prepare()
    text = account_config(account, db_path)
    assert PASSWORD not in text
    assert '"sync", "password", "--db"' in text
    assert '"sync-merge", "--db"' in text
    assert "wins" not in text


def account_config(account, db_path) -> str:
    return vdirsyncer_config.layout(db_path, account).config.read_text()


def test_the_first_sync_makes_an_address_book_and_a_task_list_on_an_empty_server(
    store, radicale, phone, db_path
):
    account = add_account(radicale, tasks=True)
    assert Transport(account, db_path).prepare()
    saved = accounts.find()
    assert (saved.address_book, saved.task_list) == ("contacts", "tasks")
    collections = radicale.folder / "collections" / "collection-root" / "ana"
    assert '"VADDRESSBOOK"' in (collections / "contacts" / ".Radicale.props").read_text()
    assert '"VCALENDAR"' in (collections / "tasks" / ".Radicale.props").read_text()


def test_the_servers_own_address_book_is_chosen(store, radicale, phone, db_path):
    phone.make_address_book("Default")
    account = add_account(radicale)
    transport = Transport(account, db_path)
    transport.prepare()
    assert accounts.find().address_book == "Default"
    assert not (radicale.folder / "collections" / "collection-root" / "ana" / "contacts").exists()
    assert transport.folders()[0].name == "Default"


def test_an_exchange_carries_cards_both_ways(store, radicale, phone, db_path):
    transport = Transport(add_account(radicale), db_path)
    transport.prepare()
    folder, _tasks = transport.folders()
    (folder / "ana.vcf").write_text(CARD.format(uid="ana", name="Ana Souza"))
    phone.put("contacts", "bo.vcf", CARD.format(uid="bo", name="Bo Chen"), "text/vcard")
    transport.exchange()
    assert "FN:Ana Souza" in "".join(phone.items("contacts").values())
    assert "FN:Bo Chen" in "".join(p.read_text() for p in folder.glob("*.vcf"))


def test_a_wrong_password_is_said_in_one_line_and_remembered(store, radicale, db_path):
    account = add_account(radicale, password="not the password")
    with pytest.raises(SyncError, match=r"refused the user name or password \(401\)") as failed:
        run_sync(account)
    assert failed.value.kind == "password"
    assert accounts.find().last_result == {"error": str(failed.value), "kind": "password"}
    assert accounts.find().last_sync is not None


def test_a_password_that_cannot_be_read_is_said_as_such_and_remembered(store, radicale, db_path):
    account = add_account(radicale)
    secrets.forget(account.secret_key)  # gone from where it was kept
    with pytest.raises(SyncError) as failed:
        run_sync(account)
    host = radicale.url.split("/")[2]
    assert str(failed.value) == (
        f"the password for {host} could not be read (no password is kept for {account.name};"
        " change its password); set it again (Settings > Sync > Change password…, or"
        " `netdesk sync password-set`)."
    )
    assert failed.value.kind == "password"  # the window offers Change password…
    assert accounts.find().last_result["kind"] == "password"


def test_a_server_that_is_down_is_said_in_one_line(store, radicale, db_path):
    account = add_account(radicale)
    radicale.stop()
    with pytest.raises(SyncError, match=r"^cannot reach 127\.0\.0\.1:\d+: check the address"):
        run_sync(account)


def test_a_server_that_never_answers_times_out(store, db_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    account, _ = accounts.add(f"http://127.0.0.1:{port}/", "ana", "pw")
    try:
        with pytest.raises(SyncError, match="did not answer within 3 seconds") as failed:
            run_sync(account, timeout=3)
    finally:
        listener.close()
        for connection in accepted:
            connection.close()
    assert failed.value.kind == "timeout"


def test_a_self_signed_certificate_is_refused_with_its_fingerprint_until_trusted(
    store, tls_radicale, db_path
):
    account = add_account(tls_radicale)
    fingerprint = served_fingerprint(tls_radicale)
    host = tls_radicale.url.split("/")[2]
    with pytest.raises(SyncError) as refused:
        run_sync(account)
    assert str(refused.value) == (
        f"{host}'s certificate is not trusted (self-signed certificate); "
        f"its SHA-256 fingerprint is {fingerprint}."
    )
    assert (refused.value.kind, refused.value.fingerprint) == ("certificate", fingerprint)
    assert accounts.find().last_result == {
        "error": str(refused.value),
        "kind": "certificate",
        "fingerprint": fingerprint,
    }
    assert accounts.find().trusted_fingerprint is None  # never trusted without a yes
    trusted = accounts.trust_certificate("radicale", fingerprint.replace(":", "").lower())
    assert trusted.trusted_fingerprint == fingerprint
    report = run_sync(trusted)
    assert accounts.find().last_result == report.as_dict()
    assert f'verify_fingerprint = "{fingerprint}"' in account_config(trusted, db_path)


def test_a_certificate_that_changed_since_it_was_trusted_is_refused_again(
    store, tls_radicale, db_path
):
    first = served_fingerprint(tls_radicale)
    add_account(tls_radicale)
    run_sync(accounts.trust_certificate("radicale", first))
    tls_radicale.stop()
    tls_radicale.start()  # the same server with a new certificate
    second = served_fingerprint(tls_radicale)
    assert second != first
    with pytest.raises(SyncError) as refused:
        run_sync(accounts.find())
    host = tls_radicale.url.split("/")[2]
    assert str(refused.value) == (
        f"{host}'s certificate is not the one you trusted: its SHA-256 fingerprint is now "
        f"{second}; trust it only if you know the server's certificate was replaced."
    )
    assert (refused.value.kind, refused.value.fingerprint) == ("certificate", second)
    assert accounts.find().trusted_fingerprint == first
    assert accounts.find().last_result["fingerprint"] == second


def test_a_server_without_https_there_is_said_without_a_fingerprint(store, radicale, db_path):
    account, _ = accounts.add(radicale.url.replace("http:", "https:"), "ana", "pw")
    with pytest.raises(SyncError, match="does not speak https at that address") as refused:
        run_sync(account)
    assert refused.value.fingerprint == ""
    assert "fingerprint" not in accounts.find().last_result


def test_a_second_sync_of_an_account_while_one_runs_is_refused(store, radicale, db_path):
    import filelock

    account = add_account(radicale)
    lock = vdirsyncer_config.layout(db_path, account).root / "sync.lock"
    with filelock.FileLock(lock), pytest.raises(SyncError, match="already running") as failed:
        run_sync(account)
    assert failed.value.kind == "busy"
    assert accounts.find().last_result is None  # the running sync's result is not overwritten


def test_an_address_with_401_in_it_is_not_taken_for_a_refused_password():
    # a port (or an address) holding the digits 401 once made "cannot reach" read as a 401
    from netdesk.core.sync.vdirsyncer_run import describe

    url = "http://127.0.0.1:40109/"
    down = "error: Cannot connect to host 127.0.0.1:40109 ssl:default [Connect call failed]"
    assert describe(down, url).kind == "unreachable"
    assert describe("Cannot connect to host 10.0.40.1:443", "https://10.0.40.1/").kind == (
        "unreachable"
    )
    refused = "error: 401, message='Unauthorized', url=URL('http://127.0.0.1:40109/')"
    assert describe(refused, url).kind == "password"
    assert describe("Server responded with status 401", url).kind == "password"
