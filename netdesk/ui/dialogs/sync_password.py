"""Change password… in Settings > Sync: a new password for an account whose server's password
changed, kept in the keyring in place of the old one; the account, its address book and its
sync state stay as they are, and the next sync uses the new password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from netdesk.core.sync import accounts
from netdesk.core.sync.accounts import Account, AccountError
from netdesk.core.write_errors import WRITE_FAILURES
from netdesk.qt import plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.feedback import FieldMessage


class ChangePasswordDialog(QDialog):
    """The new password; Change keeps it or says in one line what is wrong."""

    def __init__(self, parent: QWidget | None, account: Account) -> None:
        super().__init__(parent)
        self.setObjectName("change_sync_password")
        self.setWindowTitle(self.tr("Change the password"))
        self.account_name = account.name
        self.plain_file: Path | None = None
        form = QFormLayout(self)
        whose = QLabel(
            plain.clip(
                self.tr("The new password of %1 at %2, as the server now expects it.")
                .replace("%1", account.user)
                .replace("%2", account.url)
            ),
            self,
        )
        whose.setTextFormat(Qt.TextFormat.PlainText)  # typed by someone
        whose.setWordWrap(True)
        form.addRow(whose)
        self.password = QLineEdit(self)
        self.password.setObjectName("sync_new_password")
        self.password.setAccessibleName(self.tr("New password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&New password:"), self.password)
        self.error = FieldMessage(self, "change_password_error")
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        try:
            account = accounts.find(self.account_name)  # as stored now, not as first shown
            self.plain_file = accounts.change_password(account, self.password.text())
        except AccountError as exc:  # empty, the keyring refused, or removed meanwhile
            text = str(exc)
            self.error.show_error(text[:1].upper() + text[1:])
            return
        except WRITE_FAILURES as exc:  # a full disk (no keyring: the private file)
            modal.show_write_failure(self, exc)
            return
        super().accept()
