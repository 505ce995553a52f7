"""Add a favour, given or received, with what passed between you so far as plain history.

    favour = favour_dialog.ask(parent, person_id)   # core.favours.FavourDraft, or None

The window stores it with `core.favours.add(person_id, favour.direction, favour.what, ...)`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import favours, lookup
from netdesk.core.favours import FavourDraft, FavourEntry
from netdesk.qt import formatting, plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.dates import OptionalDateEdit, date_edit, from_qdate, to_qdate
from netdesk.ui.dialogs.feedback import FieldMessage
from netdesk.values import FavourDirection, FavourStatus

HISTORY_LINES = 5  # the newest favours the dialog recalls


def favour_line(entry: FavourEntry, today: dt.date) -> str:
    """One favour as history ("You helped with: …", "They helped with: …"); a promise still
    open says when it is due, as a follow-up does."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("FavourDialog", text)

    given = entry.direction is FavourDirection.GIVEN
    if entry.status is FavourStatus.OPEN:
        if given:
            when = formatting.in_days(favours.promise_due(entry), today)
            return tr("You offered: %1 — %2").replace("%2", when).replace("%1", entry.what)
        text = tr("They offered: %1 · %2")
    else:
        text = tr("You helped with: %1 · %2") if given else tr("They helped with: %1 · %2")
    day = formatting.short_date(entry.date, today)
    return text.replace("%2", day).replace("%1", entry.what)


def ask(parent: QWidget | None, person_id: int) -> FavourDraft | None:
    """Show the dialog for one person; the favour, or None when cancelled."""
    return modal.answer(FavourDialog(parent, person_id), FavourDialog.draft)


class FavourDialog(modal.EditorDialog):
    """Direction, what, when, an optional due date for promises, status and notes."""

    def __init__(
        self, parent: QWidget | None, person_id: int, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("favour_dialog")
        self.person_id = person_id
        self.person_name = plain.clip(lookup.name_of(person_id) or self.tr("this person"))
        self.setWindowTitle(self.tr("Favour with {name}").format(name=self.person_name))
        self.setMinimumSize(500, 440)
        self.resize(560, 480)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        today = today or dt.date.today()
        layout.addWidget(self._history_panel(today))
        layout.addLayout(self._form(today), 1)
        self.buttons, self.save_button = modal.save_cancel(self, layout)
        self.what.textChanged.connect(self._revalidate)
        self.when.dateChanged.connect(self._revalidate)
        self.due.changed.connect(self._revalidate)
        self._touched = False
        self._revalidate()
        self.mark_saved()
        self.what.setFocus()

    def unsaved_state(self) -> object:
        return self.draft()

    def _history_panel(self, today: dt.date) -> QFrame:
        """What passed between you so far, as plain history: no score is kept."""
        entries = favours.for_person(self.person_id)
        panel = QFrame(self)
        panel.setObjectName("history_panel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        panel.setAutoFillBackground(True)
        column = QVBoxLayout(panel)
        lines = [self.tr("With {name} so far:").format(name=self.person_name)]
        lines += [plain.clip(favour_line(e, today), plain.LINE) for e in entries[:HISTORY_LINES]]
        if len(entries) > HISTORY_LINES:
            lines.append(self.tr("… and %n earlier", "", len(entries) - HISTORY_LINES))
        self.history = QLabel("\n".join(lines), panel)
        self.history.setTextFormat(Qt.TextFormat.PlainText)  # names the person and their words
        self.history.setWordWrap(True)
        self.history.setObjectName("history")
        column.addWidget(self.history)
        panel.setVisible(bool(entries))
        return panel

    def _form(self, today: dt.date) -> QFormLayout:
        self.gave = QRadioButton(self.tr("I did something for them"), self)
        self.gave.setObjectName("direction_given")
        self.received = QRadioButton(self.tr("They did something for me"), self)
        self.received.setObjectName("direction_received")
        self.gave.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.gave)
        group.addButton(self.received)
        directions = QHBoxLayout()
        directions.addWidget(self.gave)
        directions.addWidget(self.received)
        directions.addStretch(1)
        self.what = QLineEdit(self)
        self.what.setObjectName("what")
        self.what.setPlaceholderText(self.tr("Introduced her to the Helix lab"))
        self.what_message = FieldMessage(self, "what_message")
        what_box = QWidget(self)
        what_column = QVBoxLayout(what_box)
        what_column.setContentsMargins(0, 0, 0, 0)
        what_column.setSpacing(2)
        what_column.addWidget(self.what)
        what_column.addWidget(self.what_message)
        self.when = date_edit(self, "date")
        self.when.setDate(to_qdate(today))
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.status.addItem(self.tr("Open (still to do)"), str(FavourStatus.OPEN))
        self.status.addItem(self.tr("Done"), str(FavourStatus.DONE))
        self.due = OptionalDateEdit(self.tr("Due by"), self, object_name="due")
        self.due.edit.setDate(to_qdate(today + dt.timedelta(days=favours.PROMISE_GRACE_DAYS)))
        self.due_message = FieldMessage(self, "due_message")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Direction"), directions)
        form.addRow(self.tr("&What"), what_box)
        form.addRow(self.tr("&Date"), self.when)
        form.addRow(self.tr("&Status"), self.status)
        form.addRow("", self.due)
        form.addRow("", self.due_message)
        form.addRow(self.tr("&Notes"), self.notes)
        return form

    def draft(self) -> FavourDraft:
        return FavourDraft(
            direction=FavourDirection.GIVEN if self.gave.isChecked() else FavourDirection.RECEIVED,
            what=self.what.text().strip(),
            date=from_qdate(self.when.date()),
            due=self.due.date(),
            status=FavourStatus(self.status.currentData()),
            notes=self.notes.toPlainText().strip(),
        )

    def problem(self) -> tuple[str, str] | None:
        draft = self.draft()
        if not draft.what:
            return "what", self.tr("Say what the favour was.")
        if draft.due and draft.due < draft.date:
            return "due", self.tr("The due date cannot be before the favour's date.")
        return None

    @Slot()
    def _revalidate(self) -> None:
        if self.what.text().strip():
            self._touched = True
        problem = self.problem()
        self.save_button.setEnabled(problem is None)
        field, text = problem or ("", "")
        for name, message in (("what", self.what_message), ("due", self.due_message)):
            if field == name and (name != "what" or self._touched):
                message.show_error(text)
            else:
                message.clear_message()

    def accept(self) -> None:
        self._touched = True
        self._revalidate()
        if self.problem() is None and modal.commit(self):
            super().accept()
