"""Settings > Sync: the CardDAV accounts, adding one (its password goes to the keyring), changing
its password, trusting the certificate its last sync refused, removing one, and Sync now. What is
done here takes effect at once, not on OK: a password typed is kept when it is added or changed,
a certificate is trusted on the question's yes, and a sync runs while the dialog stays open. (The
window asks about a certificate its own sync refused; one the reminders service's background
sync refused is answered here.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.store import ChangeSet
from netdesk.core.sync import accounts, vdirsyncer_config
from netdesk.core.sync.accounts import Account, AccountError
from netdesk.core.write_errors import WRITE_FAILURES
from netdesk.qt import plain
from netdesk.qt.change_bridge import ChangeNotifier
from netdesk.qt.sync_worker import Outcome, SyncRunner, last_sync_line
from netdesk.system import secrets
from netdesk.ui.dialogs import modal, trust_certificate
from netdesk.ui.dialogs.feedback import FieldMessage
from netdesk.ui.dialogs.sync_password import ChangePasswordDialog
from netdesk.values import Topic

COLUMNS = ("Account", "Server", "User", "Last sync")
VISIBLE_ROWS = 4


class AddAccountDialog(QDialog):
    """The server's address, user name and password; Add keeps them (the password in the
    keyring) or says in one line what is wrong, keeping what was typed."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("add_sync_account")
        self.setWindowTitle(self.tr("Add a sync account"))
        self.added: Account | None = None
        self.plain_file: Path | None = None
        form = QFormLayout(self)
        self.url = self._line("sync_url", self.tr("Server"), "fastmail.com  or  https://…/dav/")
        self.user = self._line("sync_user", self.tr("User name"), "")
        self.password = self._line("sync_password", self.tr("Password"), "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.name = self._line("sync_name", self.tr("Name"), self.tr("the server's name"))
        for label, edit in (
            (self.tr("&Server:"), self.url),
            (self.tr("&User name:"), self.user),
            (self.tr("&Password:"), self.password),
            (self.tr("&Name (optional):"), self.name),
        ):
            form.addRow(label, edit)
        self.tasks = QCheckBox(self.tr("Sync follow-ups as &tasks"), self)
        self.tasks.setObjectName("sync_tasks")
        self.tasks.setToolTip(self.tr("Your follow-ups appear in the server's task list too"))
        form.addRow("", self.tasks)
        self.error = FieldMessage(self, "add_account_error")
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def accept(self) -> None:
        try:
            self.added, self.plain_file = accounts.add(
                self.url.text(),
                self.user.text(),
                self.password.text(),
                name=self.name.text().strip() or None,
                tasks=self.tasks.isChecked(),
            )
        except AccountError as exc:  # a wrong address, an empty field, a name taken
            self.error.show_error(_sentence(str(exc)))
            return
        except WRITE_FAILURES as exc:  # a full disk...: the dialog stays open as it is
            modal.show_write_failure(self, exc)
            return
        super().accept()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class SyncSettings(QGroupBox):
    """The accounts list with Add…, Change password…, Trust certificate…, Remove and Sync now;
    `changed` after an add or a remove."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget,
        db_path: Path,
        runner: SyncRunner,
        notifier: ChangeNotifier | None = None,
    ) -> None:
        super().__init__(parent.tr("Sync with a server (CardDAV)"), parent)
        self.setObjectName("sync_settings")
        self.db_path = db_path
        self.runner = runner
        self.stored: dict[str, Account] = {}  # as last read, by name
        column = QVBoxLayout(self)
        column.addWidget(self._accounts_list(), 1)
        column.addLayout(self._buttons())
        self.status = QLabel(self)
        self.status.setObjectName("sync_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # server sentences quote addresses
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        runner.step.connect(self.status.setText)
        runner.finished.connect(self._synced)
        if notifier is not None:  # a sync by the reminders service shows within a second
            notifier.changed.connect(self._store_changed)
        self.refresh()

    def _accounts_list(self) -> QTreeWidget:
        self.list = QTreeWidget(self)
        self.list.setObjectName("sync_accounts")
        self.list.setAccessibleName(self.tr("Sync accounts"))
        self.list.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        row = self.list.fontMetrics().height() + 8
        self.list.setMinimumHeight(row * (VISIBLE_ROWS + 1) + 6)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.currentItemChanged.connect(self._update_buttons)  # what chosen_name reads
        return self.list

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = self._button("sync_add", self.tr("&Add…"), self.add_account)
        self.password_button = self._button(
            "sync_change_password", self.tr("Change &password…"), self.change_password
        )
        self.trust_button = self._button(
            "sync_trust_certificate", self.tr("&Trust certificate…"), self.trust_certificate
        )
        self.remove_button = self._button("sync_remove", self.tr("&Remove"), self.ask_remove)
        self.sync_button = self._button("sync_now", self.tr("Sync &now"), self.sync_now)
        row.addWidget(self.add_button)
        row.addWidget(self.password_button)
        row.addWidget(self.trust_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.sync_button)
        return row

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def refresh(self, now: dt.datetime | None = None) -> None:
        """The accounts as stored now, the selection kept."""
        chosen = self.chosen_name()
        self.list.clear()
        self.stored = {a.name: a for a in accounts.all_accounts()}
        for account in self.stored.values():
            line = trust_certificate.where_to_trust(account, last_sync_line(account, now))
            item = QTreeWidgetItem([account.name, account.url, account.user, line])
            for column in range(len(COLUMNS)):  # a server's sentence can be long
                item.setText(column, plain.clip(item.text(column)))
                item.setToolTip(column, plain.tooltip(item.text(column)))
            self.list.addTopLevelItem(item)
            if account.name == chosen or (not chosen and self.list.topLevelItemCount() == 1):
                self.list.setCurrentItem(item)
        if not self.list.topLevelItemCount() and not self.status.text():
            self.status.setText(self._no_account_yet())
        self._update_buttons()

    def _no_account_yet(self) -> str:
        return self.tr(
            "No server yet. Add… connects netdesk to your own CardDAV server (Fastmail, "
            "Nextcloud, iCloud…); until then nothing leaves this computer."
        )

    def chosen_name(self) -> str:
        item = self.list.currentItem()
        return item.text(0) if item is not None else ""

    def _update_buttons(self) -> None:
        has_accounts = self.list.topLevelItemCount() > 0
        self.password_button.setEnabled(bool(self.chosen_name()))
        self.remove_button.setEnabled(bool(self.chosen_name()) and not self.runner.running)
        self.sync_button.setEnabled(has_accounts and not self.runner.running)
        self._update_trust_button()

    def _update_trust_button(self) -> None:
        chosen = self.stored.get(self.chosen_name())
        refused = chosen is not None and bool(trust_certificate.refused_fingerprint(chosen))
        self.trust_button.setEnabled(refused)
        if refused:
            why = self.tr("Compare the fingerprint of the certificate the last sync refused")
        elif chosen is None:
            why = self.tr("Choose an account first")
        else:
            why = self.tr("The last sync of this account refused no certificate")
        self.trust_button.setToolTip(why)

    # --- adding and removing ------------------------------------------------------------------

    def add_account(self) -> AddAccountDialog:
        dialog = AddAccountDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog.added, dialog.plain_file))
        dialog.open()
        return dialog

    def _added(self, account: Account | None, plain_file: Path | None) -> None:
        if account is None:
            return
        said = self.tr("Added %1. Sync now to bring its contacts in.").replace("%1", account.name)
        if plain_file is not None:
            said += " " + _sentence(secrets.PLAIN_FILE_WARNING.format(path=plain_file)) + "."
        self.status.setText(said)
        self.refresh()
        for index in range(self.list.topLevelItemCount()):
            if self.list.topLevelItem(index).text(0) == account.name:
                self.list.setCurrentItem(self.list.topLevelItem(index))
        self.changed.emit()

    def _chosen_account(self) -> Account | None:
        """The chosen account as stored now; None when none is chosen or it was removed
        meanwhile (the command line), which the status line then says."""
        name = self.chosen_name()
        if not name:
            return None
        try:
            return accounts.find(name)
        except AccountError as exc:
            self.status.setText(_sentence(str(exc)) + ".")
            self.refresh()
            return None

    def change_password(self) -> ChangePasswordDialog | None:
        """A new password for the chosen account (the server's changed); it stays as it is."""
        account = self._chosen_account()
        if account is None:
            return None
        dialog = ChangePasswordDialog(self, account)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._password_changed(account, dialog.plain_file))
        dialog.open()
        return dialog

    def _password_changed(self, account: Account, plain_file: Path | None) -> None:
        said = self.tr("New password kept for %1; the next sync uses it.").replace(
            "%1", account.name
        )
        if plain_file is not None:
            said += " " + _sentence(secrets.PLAIN_FILE_WARNING.format(path=plain_file)) + "."
        self.status.setText(said)

    def trust_certificate(self) -> QMessageBox | None:
        """The question the window asks after its own sync, for the certificate the chosen
        account's last sync refused (the reminders service's, say); None when none is left."""
        account = self._chosen_account()
        if account is None:
            return None
        box = trust_certificate.offer(self, account, self._certificate_trusted)
        if box is None:  # trusted or synced meanwhile
            self.refresh()
        return box

    def _certificate_trusted(self, account: Account) -> None:
        self.status.setText(
            self.tr("%1's certificate is trusted now; Sync now uses it.").replace(
                "%1", account.name
            )
        )
        self.refresh()

    def ask_remove(self) -> QMessageBox | None:
        """Asks first (without blocking the window); the account's people stay."""
        name = self.chosen_name()
        if not name:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove sync account"),
            self.tr(
                "Stop syncing with %1 and forget its password? Its people stay in netdesk."
            ).replace("%1", plain.clip(name)),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("remove_account_box")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name was typed by someone
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("remove_account_yes")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: button is remove and self.remove(name))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def remove(self, name: str) -> None:
        try:
            account = accounts.find(name)
            accounts.remove(account)
        except AccountError as exc:  # removed meanwhile (the command line)
            self.status.setText(_sentence(str(exc)) + ".")
        except WRITE_FAILURES as exc:
            modal.show_write_failure(self, exc)
            return
        else:
            vdirsyncer_config.forget_folder(self.db_path, account)
            self.status.setText(self.tr("Removed %1; its people stay.").replace("%1", name))
        self.refresh()
        self.changed.emit()

    # --- syncing -------------------------------------------------------------------------------

    def sync_now(self) -> bool:
        started = self.runner.start()
        if started:
            self.status.setText(self.tr("Syncing…"))
        self._update_buttons()
        return started

    @Slot(object)
    def _store_changed(self, changes: ChangeSet) -> None:
        if Topic.SETTINGS in changes.topics:  # where the accounts and their last syncs live
            self.refresh()

    def _synced(self, outcomes: list[Outcome]) -> None:
        self.status.setText("\n".join(o.line for o in outcomes) or self.tr("No account to sync."))
        self.refresh()
