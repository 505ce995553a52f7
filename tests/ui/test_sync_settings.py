"""Settings > Sync and Sync now: the accounts with their last sync, adding one (the password to
the keyring, never to a file or the settings), changing its password, removing one after asking,
and Sync now on a worker with its steps, its one-line result and the window's lists updated; a
failure is one sentence, and a self-signed certificate is trusted only on an explicit yes. A
real Radicale server stands for the CardDAV server (one serving https for the certificates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import keyring
import pytest
from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMessageBox, QPushButton, QWidget

from netdesk.core import settings
from netdesk.core.store import ChangeSet
from netdesk.core.sync import accounts
from netdesk.qt.sync_worker import LOCK_NAME, last_sync_line, summary, sync_accounts, when_words
from netdesk.system import paths, secrets
from netdesk.values import Topic
from tests.helpers.database_files import run_netdesk
from tests.helpers.radicale import PASSWORD, USER, Phone, free_port
from tests.sync.test_accounts import MemoryKeyring
from tests.sync.tls import served_fingerprint

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bo\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\nEND:VCARD\r\n"
NOW = dt.datetime(2025, 3, 10, 10, 0)


@pytest.fixture
def os_keyring() -> Iterator[MemoryKeyring]:
    """The OS keyring (Secret Service, Keychain), which a test machine lacks, kept in memory."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def open_sync_settings(window):
    window.act_settings.trigger()
    return window.settings_dialog.sync_page


def add_through_the_dialog(page, url: str, user: str, password: str, *, tasks: bool = False):
    dialog = page.add_account()
    dialog.url.setText(url)
    dialog.user.setText(user)
    dialog.password.setText(password)
    dialog.tasks.setChecked(tasks)
    dialog.accept()
    return dialog


def test_adding_an_account_keeps_its_password_in_the_keyring_only(
    make_window, os_keyring, private_settings
):
    page = open_sync_settings(make_window())
    dialog = add_through_the_dialog(page, "dav.example.org", "ana", "s3cret", tasks=True)
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    account = accounts.find()
    assert (account.name, account.url, account.user, account.tasks) == (
        "dav.example.org",
        "https://dav.example.org/",
        "ana",
        True,
    )
    assert os_keyring.kept == {("netdesk", "sync ana@https://dav.example.org/"): "s3cret"}
    assert "s3cret" not in str(settings.get(accounts.SETTING))
    assert not secrets.secrets_file().exists()
    assert all("s3cret" not in f.read_text() for f in private_settings.rglob("*") if f.is_file())
    row = page.list.topLevelItem(0)
    assert [row.text(c) for c in range(4)] == [
        "dav.example.org",
        "https://dav.example.org/",
        "ana",
        "not synced yet",
    ]
    assert page.status.text() == "Added dav.example.org. Sync now to bring its contacts in."


def test_a_wrong_entry_is_one_line_in_the_dialog_and_what_was_typed_stays(make_window, os_keyring):
    page = open_sync_settings(make_window())
    dialog = add_through_the_dialog(page, "dav.example.org", "ana", "")
    assert dialog.isVisible()
    assert dialog.error.text() == "The password is empty"
    assert (dialog.url.text(), dialog.user.text()) == ("dav.example.org", "ana")
    assert accounts.all_accounts() == [] and os_keyring.kept == {}
    dialog.url.setText("ftp://dav.example.org")
    dialog.password.setText("s3cret")
    dialog.accept()
    assert dialog.error.text().startswith("Not a server address: ftp://dav.example.org")
    assert accounts.all_accounts() == []


def test_with_no_account_the_page_says_what_sync_is_for(make_window):
    page = open_sync_settings(make_window())
    assert page.list.topLevelItemCount() == 0
    assert page.status.text().startswith("No server yet. Add… connects netdesk to your own")
    assert not page.remove_button.isEnabled() and not page.sync_button.isEnabled()


def test_remove_asks_first_and_forgets_the_password(make_window, os_keyring):
    accounts.add("https://dav.example.org/", "ana", "s3cret")
    page = open_sync_settings(make_window())
    box = page.ask_remove()
    assert "Stop syncing with dav.example.org" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert [a.name for a in accounts.all_accounts()] == ["dav.example.org"]
    box = page.ask_remove()
    box.findChild(QPushButton, "remove_account_yes").click()
    assert accounts.all_accounts() == [] and os_keyring.kept == {}
    assert page.list.topLevelItemCount() == 0
    assert not page.remove_button.isEnabled() and not page.sync_button.isEnabled()


def test_the_last_sync_is_said_in_words():
    assert when_words(None, NOW) == "never"
    assert when_words(NOW - dt.timedelta(seconds=20), NOW) == "just now"
    assert when_words(NOW - dt.timedelta(minutes=1), NOW) == "1 minute ago"
    assert when_words(NOW - dt.timedelta(minutes=5), NOW) == "5 minutes ago"
    assert when_words(NOW - dt.timedelta(hours=2), NOW) == "today at 08:00"
    assert when_words(NOW - dt.timedelta(days=1, hours=1), NOW) == "yesterday at 09:00"
    assert when_words(NOW - dt.timedelta(days=5), NOW) == "5 days ago"
    account = accounts.Account("Fastmail", "https://fastmail.com/", "ana")
    account.last_sync = (NOW - dt.timedelta(minutes=5)).isoformat()
    account.last_result = {"pulled_new": 1}
    assert last_sync_line(account, NOW) == "synced 5 minutes ago"
    account.last_result = {"error": "cannot reach fastmail.com.", "kind": "unreachable"}
    assert last_sync_line(account, NOW) == "failed 5 minutes ago: cannot reach fastmail.com."


def test_a_result_is_one_line_of_counts():
    counts = {"pulled_new": 3, "pulled_updated": 2, "conflicts": 1, "errors": []}
    assert (
        summary("Fastmail", counts)
        == "Synced with Fastmail: 3 new, 2 updated, 1 conflict to review"
    )
    assert summary("Fastmail", {"pushed": 1, "conflicts": 2}) == (
        "Synced with Fastmail: 1 sent, 2 conflicts to review"
    )
    assert summary("Fastmail", {"pulled_deleted": 1, "errors": ["a.vcf: two cards"]}) == (
        "Synced with Fastmail: 1 archived, 1 card could not be read"
    )
    assert summary("Fastmail", {}) == "Synced with Fastmail: nothing changed"


def test_a_failed_sync_is_one_sentence_in_the_window_and_the_settings(make_window, qtbot):
    accounts.add(f"http://127.0.0.1:{free_port()}/", "ana", "pw", name="Home <b>server</b>")
    window = make_window()
    page = open_sync_settings(window)
    assert page.sync_now()
    assert window.sync.runner.running and not page.sync_button.isEnabled()  # on a worker
    qtbot.waitUntil(lambda: not window.sync.runner.running, timeout=60_000)
    expected = "Sync with Home <b>server</b> failed: cannot reach 127.0.0.1:"
    assert page.status.text().startswith(expected)
    assert "\n" not in page.status.text() and "Traceback" not in page.status.text()
    box = window.findChild(QMessageBox, "error_box")
    assert box.text() == page.status.text()
    qtbot.waitUntil(lambda: "failed just now: cannot reach" in window.sync.label.text())
    assert window.sync.label.text().startswith("Home <b>server</b>: failed just now")
    assert accounts.find().last_result["kind"] == "unreachable"
    assert page.list.topLevelItem(0).text(3).startswith("failed just now: cannot reach")
    assert page.sync_button.isEnabled()


def test_a_sync_by_another_process_shows_in_the_open_settings(
    make_window, db_path, qtbot, monkeypatch
):
    accounts.add(f"http://127.0.0.1:{free_port()}/", "ana", "pw", name="home")
    page = open_sync_settings(make_window())
    page.list.setCurrentItem(page.list.topLevelItem(0))
    assert page.list.topLevelItem(0).text(3) == "not synced yet"
    monkeypatch.setenv("NETDESK_SYNC_PASSWORD", "pw")  # the other process has no keyring
    done = run_netdesk("sync", "--db", str(db_path))  # as the reminders service's timer would
    assert done.returncode == 1 and "cannot reach 127.0.0.1:" in done.stderr
    qtbot.waitUntil(
        lambda: page.list.topLevelItem(0).text(3).startswith("failed just now: cannot reach"),
        timeout=5_000,
    )
    assert page.chosen_name() == "home"  # the row the person had chosen stays chosen


def test_a_closed_settings_dialog_no_longer_listens(make_window, qtbot):
    accounts.add("https://dav.example.org/", "ana", "pw", name="home")
    window = make_window()
    page = open_sync_settings(window)
    heard: list[str] = []
    page.list.itemSelectionChanged.connect(lambda: heard.append("refreshed"))
    window.notifier.changed.emit(ChangeSet({Topic.SETTINGS}))
    assert heard  # an open page refreshes its list
    window.settings_dialog.reject()  # closed: deleted with the dialog
    qtbot.waitUntil(lambda: window.findChild(QWidget, "sync_settings") is None)
    window.notifier.changed.emit(ChangeSet({Topic.SETTINGS}))  # reaches no deleted page


def test_sync_now_brings_the_servers_people_into_the_window(make_window, radicale, qtbot):
    phone = Phone(radicale)
    phone.make_address_book("contacts")
    phone.put("contacts", "bo.vcf", CARD, "text/vcard")
    accounts.add(radicale.url, USER, PASSWORD, name="radicale")
    window = make_window()
    steps: list[str] = []
    window.sync.runner.step.connect(steps.append)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    qtbot.waitUntil(lambda: window.sync.label.text() == "radicale: not synced yet")
    window.act_sync.trigger()
    assert window.sync.runner.running and not window.act_sync.isEnabled()  # on a worker
    qtbot.waitUntil(lambda: not window.sync.runner.running, timeout=120_000)
    assert any(m.startswith("Synced with radicale: 1 new") for m in messages)
    assert "Syncing with radicale: receiving changes…" in steps
    assert "Syncing with radicale: sending changes…" in steps
    qtbot.waitUntil(lambda: [r.name for r in window.people_model.rows()] == ["Bo Chen"])
    qtbot.waitUntil(lambda: window.sync.label.text() == "radicale: synced just now")
    assert window.act_sync.isEnabled()


def test_while_another_process_syncs_sync_now_says_so_and_syncs_nothing(make_window, qtbot):
    accounts.add("https://dav.example.org/", "ana", "pw", name="home")
    other = QLockFile(str(paths.data_dir() / LOCK_NAME))  # the reminders service, syncing
    assert other.tryLock(0)
    try:
        window = make_window()
        qtbot.waitUntil(lambda: window.sync.label.text() == "home: not synced yet")
        messages: list[str] = []
        window.statusBar().messageChanged.connect(messages.append)
        window.act_sync.trigger()
        qtbot.waitUntil(lambda: not window.sync.runner.running, timeout=10_000)
    finally:
        other.unlock()
    said = "Sync with home failed: another sync is running; try again in a moment."
    assert said in messages
    assert window.findChild(QMessageBox, "error_box").text() == said
    assert accounts.find().last_sync is None


def test_a_changed_password_is_kept_for_the_next_sync_and_the_failure_line_clears(
    make_window, radicale, qtbot
):
    # The machine's own choice of keyring: vdirsyncer asks a child process for the password.
    before, _ = accounts.add(radicale.url, USER, "the old one", name="radicale")
    window = make_window()
    page = open_sync_settings(window)
    page.sync_now()
    qtbot.waitUntil(lambda: not window.sync.runner.running, timeout=60_000)
    host = radicale.url.split("/")[2]
    refused = f"failed just now: {host} refused the user name or password (401)."
    assert page.list.topLevelItem(0).text(3) == refused
    dialog = page.change_password()
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text() == "The password is empty"
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert not dialog.isVisible()
    assert secrets.fetch(before.secret_key) == PASSWORD
    assert page.status.text().startswith("New password kept for radicale; the next sync uses it.")
    assert accounts.find().folder_id == before.folder_id  # the same account, not a new one
    page.sync_now()
    qtbot.waitUntil(lambda: not window.sync.runner.running, timeout=120_000)
    assert page.status.text() == "Synced with radicale: nothing changed"
    assert page.list.topLevelItem(0).text(3) == "synced just now"
    qtbot.waitUntil(lambda: window.sync.label.text() == "radicale: synced just now")


def test_change_password_waits_for_an_account_to_be_chosen(make_window):
    page = open_sync_settings(make_window())
    assert not page.password_button.isEnabled()
    assert page.change_password() is None


def trust_box(window, qtbot) -> QMessageBox:
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "trust_certificate_box") is not None,
        timeout=120_000,
    )
    return window.findChild(QMessageBox, "trust_certificate_box")


def in_two_lines(fingerprint: str) -> str:
    return fingerprint[:47] + "\n" + fingerprint[48:]


def test_a_self_signed_certificate_is_trusted_only_on_an_explicit_yes(
    make_window, tls_radicale, qtbot
):
    accounts.add(tls_radicale.url, USER, PASSWORD, name="Home <b>NAS</b>")
    window = make_window()
    page = open_sync_settings(window)
    page.sync_now()
    box = trust_box(window, qtbot)
    host = tls_radicale.url.split("/")[2]
    first = served_fingerprint(tls_radicale)
    assert box.text() == (
        f"The certificate of {host} is not signed by an authority this computer trusts, as is "
        "usual for a home server or a NAS. The sync with Home <b>NAS</b> stopped.\n\n"
        f"Its SHA-256 fingerprint:\n{in_two_lines(first)}\n\n"
        "Trust it only if your server shows this same fingerprint. netdesk then accepts this "
        "certificate for Home <b>NAS</b>, and no other."
    )
    assert box.textFormat() is Qt.TextFormat.PlainText
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert window.findChild(QMessageBox, "error_box") is None  # the question says it all
    assert accounts.find().trusted_fingerprint is None  # nothing trusted yet
    box.findChild(QPushButton, "trust_certificate_yes").click()
    assert accounts.find().trusted_fingerprint == first
    # the row can say so (heard from the sync's own commit) a moment before the sync returns
    qtbot.waitUntil(lambda: not window.sync.runner.running, timeout=120_000)
    assert page.list.topLevelItem(0).text(3) == "synced just now"

    tls_radicale.stop()
    tls_radicale.start()  # the same server with another certificate
    second = served_fingerprint(tls_radicale)
    window.act_sync.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "trust_certificate_box") is not box)
    box = trust_box(window, qtbot)
    assert box.text().startswith(
        f"The certificate of {host} is not the one you trusted for Home <b>NAS</b>: the server "
        f"now presents another.\n\nIts SHA-256 fingerprint:\n{in_two_lines(second)}\n\n"
        "Trust it only if you replaced the server's certificate"
    )
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert accounts.find().trusted_fingerprint == first  # never trusted silently
    assert accounts.find().last_result["kind"] == "certificate"
    refused = f"failed just now: {host}'s certificate is not the one you trusted"
    assert page.list.topLevelItem(0).text(3).startswith(refused)


def test_a_certificate_failure_without_a_fingerprint_is_said_as_an_error(
    make_window, radicale, qtbot
):
    accounts.add(radicale.url.replace("http:", "https:"), USER, PASSWORD, name="radicale")
    window = make_window()
    window.act_sync.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error_box") is not None, timeout=60_000)
    said = window.findChild(QMessageBox, "error_box").text()
    assert said.startswith("Sync with radicale failed: ") and "does not speak https" in said
    assert window.findChild(QMessageBox, "trust_certificate_box") is None


def mnemonic(text: str) -> str:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if at >= 0 else ""


def test_a_certificate_the_background_sync_refused_is_trusted_from_settings(
    make_window, tls_radicale, qtbot
):
    accounts.add(tls_radicale.url, USER, PASSWORD, name="nas")
    # the reminders service's sync, on its own: nobody is asked
    sync_accounts(None, lambda _account, _step: None)
    served = served_fingerprint(tls_radicale)
    assert accounts.find().last_result["fingerprint"] == served
    where = "Its certificate can be trusted in Settings > Sync."
    window = make_window()
    qtbot.waitUntil(lambda: window.sync.label.text().endswith(where))
    assert window.sync.label.text().count(where) == 1
    page = open_sync_settings(window)
    assert page.list.topLevelItem(0).text(3).endswith(f"is {served}. {where}")
    button = page.trust_button
    assert button.isEnabled() and button.text() == "&Trust certificate…"
    others = window.settings_dialog.findChildren(QAbstractButton)
    taken = [mnemonic(b.text()) for b in others if b is not button]
    taken += [mnemonic(window.settings_dialog.tabs.tabText(n)) for n in range(4)]
    assert mnemonic(button.text()) not in taken

    button.click()
    box = page.findChild(QMessageBox, "trust_certificate_box")
    assert f"Its SHA-256 fingerprint:\n{in_two_lines(served)}" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert accounts.find().trusted_fingerprint is None and button.isEnabled()
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "trust_certificate_box") is None)

    button.click()
    page.findChild(QMessageBox, "trust_certificate_box").findChild(
        QPushButton, "trust_certificate_yes"
    ).click()
    assert accounts.find().trusted_fingerprint == served
    assert not button.isEnabled()
    assert button.toolTip() == "The last sync of this account refused no certificate"
    assert where not in page.list.topLevelItem(0).text(3)
    assert page.status.text() == "nas's certificate is trusted now; Sync now uses it."


def test_trust_certificate_waits_for_a_refused_certificate(make_window):
    accounts.add("https://dav.example.org/", "ana", "pw", name="home")
    page = open_sync_settings(make_window())
    assert not page.trust_button.isEnabled()
    assert page.trust_button.toolTip() == "The last sync of this account refused no certificate"
    assert page.trust_certificate() is None
    assert "Settings > Sync" not in page.list.topLevelItem(0).text(3)
    page.list.clearSelection()
    page.list.setCurrentItem(None)
    assert not page.trust_button.isEnabled()
    assert page.trust_button.toolTip() == "Choose an account first"
