"""Introduce…: two people who should meet, and the email that tells each why.

The first person is given (the one shown, or a suggestion's); the second is picked by name, or
given too. The draft (`core.introductions.draft`) fills the subject and the body, both editable.
"Open in mail program" hands a `mailto:` URL to the desktop (the user's own mail program: netdesk
sends nothing); "Copy" puts the email on the clipboard. Either records the introduction through
`record(a, b, body)`, the window's undoable write, and closes; a failed write keeps the dialog
open with what was typed. Someone without an email address is said so in a line of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import introductions, lookup
from netdesk.qt import plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.person_field import PersonLineEdit

Record = Callable[[int, int, str], object]  # first, second, the email as sent


class IntroduceDialog(QDialog):
    """The second person, the subject and body, and how to send it."""

    introduced = Signal(int, int)  # the two people, once recorded

    def __init__(
        self, parent: QWidget | None, first: int, second: int = 0, *, record: Record
    ) -> None:
        super().__init__(parent)
        self.setObjectName("introduce_dialog")
        self.setMinimumSize(620, 520)
        self.first = first
        self.second = 0
        self._record = record
        self._draft: introductions.Draft | None = None
        first_name = plain.clip(lookup.name_of(first))
        self.setWindowTitle(self.tr("Introduce %1").replace("%1", first_name))
        self.who = QLabel(self)
        self.who.setObjectName("who")
        self.who.setTextFormat(Qt.TextFormat.PlainText)  # names come from people
        self.who.setWordWrap(True)
        self.picker = PersonLineEdit(self)
        self.picker.setObjectName("second")
        self.picker.setPlaceholderText(self.tr("Type the name of the person they should meet"))
        self.picker.set_excluded({first})
        self.picker.person_chosen.connect(lambda person_id, _name: self.choose(person_id))
        self.picker.text_entered.connect(self._typed)
        self.subject = QLineEdit(self)
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit(self)  # plain text: the draft quotes what people wrote
        self.body.setObjectName("body")
        self.body.setTabChangesFocus(True)  # Tab reaches the buttons; an email needs no tab
        self.note = QLabel(self)
        self.note.setObjectName("no_email_note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Meet"), self.picker)
        form.addRow(self.tr("&Subject"), self.subject)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.send_button = self._button(self.tr("&Open in mail program"), "send", self.send)
        self.copy_button = self._button(self.tr("&Copy"), "copy", self.copy)
        # Enter in the subject must not close the dialog and lose the edited email
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._show_people()
        if second:
            self.choose(second)
        else:
            self.picker.setFocus()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.setEnabled(False)
        button.clicked.connect(lambda _=False: slot())
        return button

    @Slot(str, bool)
    def _typed(self, text: str, _shift: bool) -> None:
        """Enter on a typed name takes the best match, as the other people fields do."""
        match = self.picker.best_match(text)
        if match is not None:
            self.choose(match[0])
            self.picker.reset()

    @Slot(int)
    def choose(self, second: int) -> None:
        """Introduce the first person to `second`: the draft replaces subject and body."""
        if second == self.first:
            return
        draft = introductions.draft(self.first, second)
        self.second, self._draft = second, draft
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        self._show_people()
        self.body.setFocus()

    def _show_people(self) -> None:
        draft = self._draft
        if draft is None:
            self.who.setText(
                self.tr("Who should %1 meet?").replace("%1", plain.clip(lookup.name_of(self.first)))
            )
        else:
            text = self.tr("Introducing %1 and %2.").replace("%1", plain.clip(draft.a.name))
            self.who.setText(text.replace("%2", plain.clip(draft.b.name)))
        missing = draft.without_email if draft else []
        if missing:
            names = ", ".join(plain.clip(name) for name in missing)
            note = self.tr(
                "No email address for %1: copy the email and send it to them your own way."
            )
            self.note.setText(note.replace("%1", names))
        self.note.setVisible(bool(missing))
        self.copy_button.setEnabled(draft is not None)
        self.send_button.setEnabled(bool(draft and draft.recipients))

    def mailto(self) -> QUrl:
        """The email as the mail program receives it."""
        assert self._draft is not None
        url = introductions.mailto_url(
            self._draft.recipients, self.subject.text(), self.body.toPlainText()
        )
        return QUrl.fromEncoded(url.encode("ascii"))

    def clipboard_text(self) -> str:
        assert self._draft is not None
        lines = []
        if self._draft.recipients:
            lines.append(self.tr("To: %1").replace("%1", ", ".join(self._draft.recipients)))
        lines.append(self.tr("Subject: %1").replace("%1", self.subject.text()))
        return "\n".join(lines) + "\n\n" + self.body.toPlainText()

    @Slot()
    def send(self) -> None:
        """Open the email in the user's mail program, then record the introduction."""
        if self._draft is None or not self._draft.recipients:
            return
        if not QDesktopServices.openUrl(self.mailto()):
            self.note.setText(self.tr("No mail program opened the email: Copy it instead."))
            self.note.show()
            return
        self._done()

    @Slot()
    def copy(self) -> None:
        """Put the email on the clipboard, then record the introduction."""
        if self._draft is None:
            return
        QGuiApplication.clipboard().setText(self.clipboard_text())
        self._done()

    def _done(self) -> None:
        first, second, body = self.first, self.second, self.body.toPlainText()
        if modal.guarded_write(self, lambda: self._record(first, second, body)):
            self.introduced.emit(first, second)
            self.accept()
