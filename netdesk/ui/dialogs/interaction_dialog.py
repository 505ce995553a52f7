"""Log an interaction: what kind, when, with whom (several people), what was said, follow-up.

    draft = interaction_dialog.ask(parent, [person_id])   # InteractionDraft, or None on cancel

The window stores the draft with `core.interactions.log`, which resets every participant's
keep-in-touch clock.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.interactions import InteractionDraft
from netdesk.qt import formatting
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.dates import OptionalDateEdit, date_edit, from_qdate, to_qdate
from netdesk.ui.dialogs.feedback import FieldMessage, Severity
from netdesk.ui.dialogs.person_field import PeoplePicker
from netdesk.values import InteractionKind

FOLLOW_UP_DEFAULT_DAYS = 7


def ask(parent: QWidget | None, people: list[int]) -> InteractionDraft | None:
    """Show the dialog with `people` already chosen; the draft, or None when cancelled."""
    return modal.answer(InteractionDialog(parent, people), InteractionDialog.draft)


def _with_message(parent: QWidget, widget: QWidget, message: FieldMessage) -> QWidget:
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(message)
    return box


class InteractionDialog(modal.EditorDialog):
    """The log-an-interaction form; `draft()` reads it, `problem()` says what blocks saving."""

    def __init__(
        self,
        parent: QWidget | None = None,
        people: list[int] | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("interaction_dialog")
        self.setWindowTitle(self.tr("Log an interaction"))
        self.setMinimumSize(520, 480)
        self.resize(640, 520)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind, label in formatting.interaction_kinds().items():
            self.kind.addItem(label, str(kind))
        self.they_started = QCheckBox(self.tr("&They reached out first"), self)
        self.they_started.setObjectName("they_started")
        self.they_started.setToolTip(
            self.tr("Tick when they got in touch with you: their health sentence says so")
        )
        self.when = date_edit(self, "when")
        self.when.setDate(to_qdate(today or dt.date.today()))
        self.participants = PeoplePicker(self, placeholder=self.tr("Add someone: type a name"))
        self.participants.setObjectName("participants")
        self.participants.input.setObjectName("participant_input")
        self.participants_message = FieldMessage(self, "participants_message")
        self.summary = QLineEdit(self)
        self.summary.setObjectName("summary")
        self.summary.setPlaceholderText(self.tr("Coffee at Kōwhai, talked about her new role"))
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What you learned, what you promised"))
        self.follow_up = OptionalDateEdit(self.tr("Follow up on"), self, object_name="follow_up")
        self.follow_up_message = FieldMessage(self, "follow_up_message")
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow("", self.they_started)
        form.addRow(self.tr("&Date"), self.when)
        form.addRow(
            self.tr("&With"),
            _with_message(self, self.participants, self.participants_message),
        )
        form.addRow(self.tr("&Summary"), self.summary)
        form.addRow(self.tr("&Notes"), self.notes)
        form.addRow("", _with_message(self, self.follow_up, self.follow_up_message))
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        self.buttons, self.save_button = modal.save_cancel(self, layout)
        self.participants.set_people(list(people or []))
        self.participants.changed.connect(self._participants_changed)
        self.participants.unmatched.connect(self._unmatched)
        self.when.dateChanged.connect(self._date_changed)
        self.follow_up.check.toggled.connect(self._follow_up_toggled)
        self.follow_up.changed.connect(self._revalidate)
        self._touched = False
        self._revalidate()
        self.mark_saved()
        (self.summary if people else self.participants).setFocus()

    def unsaved_state(self) -> object:
        return self.draft()

    def draft(self) -> InteractionDraft:
        return InteractionDraft(
            when=from_qdate(self.when.date()),
            kind=InteractionKind(self.kind.currentData()),
            summary=self.summary.text().strip(),
            notes=self.notes.toPlainText().strip(),
            follow_up=self.follow_up.date(),
            people=self.participants.people(),
            they_started=self.they_started.isChecked(),
        )

    def problem(self) -> tuple[str, str] | None:
        """(field, message) of what blocks saving, or None."""
        draft = self.draft()
        if not draft.people:
            return "people", self.tr("Add at least one person.")
        if draft.follow_up and draft.follow_up < draft.when:
            return "follow_up", self.tr("The follow-up cannot be before the interaction.")
        return None

    @Slot()
    def _revalidate(self) -> None:
        problem = self.problem()
        self.save_button.setEnabled(problem is None)
        field, text = problem if problem else ("", "")
        if field == "people" and self._touched:
            self.participants_message.show_error(text)
        elif field != "people" or self.participants_message.severity is Severity.ERROR:
            self.participants_message.clear_message()
        if field == "follow_up":
            self.follow_up_message.show_error(text)
        else:
            self.follow_up_message.clear_message()

    @Slot()
    def _participants_changed(self) -> None:
        self._touched = True
        self._revalidate()

    @Slot(str)
    def _unmatched(self, text: str) -> None:
        self.participants_message.show_warning(
            self.tr("No one matches “{text}”. Add them as a person first.").format(text=text)
        )

    @Slot(QDate)
    def _date_changed(self, _day: QDate) -> None:
        self._revalidate()

    @Slot(bool)
    def _follow_up_toggled(self, on: bool) -> None:
        # the date edit is disabled until ticked, so this never overrides the user's choice
        if on:
            start = max(from_qdate(self.when.date()), dt.date.today())
            self.follow_up.set_date(start + dt.timedelta(days=FOLLOW_UP_DEFAULT_DAYS))

    def accept(self) -> None:
        self._touched = True
        self._revalidate()
        problem = self.problem()
        if problem is None:
            if modal.commit(self):
                super().accept()
        elif problem[0] == "people":
            self.participants.setFocus()
