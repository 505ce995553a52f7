"""What you learn about someone while you meet them, typed in during event capture: a phone,
an email, their interests and hobbies, why they stand out, a note, and when to follow up.

    panel.load(event_id, person_id, name)   # show one attendee
    panel.has_changes()                     # something typed and not saved yet
    panel.save()                            # True when stored (or nothing to store)
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import circles, events, people
from netdesk.core.errors import CoreError
from netdesk.core.people import PersonDetail, PointDraft
from netdesk.core.write_errors import WRITE_FAILURES
from netdesk.qt import plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.dates import OptionalDateEdit
from netdesk.ui.dialogs.feedback import FieldMessage
from netdesk.ui.dialogs.row_tables import EMAIL
from netdesk.ui.widgets.chips import TagEdit
from netdesk.values import PointKind, TagKind

PANEL_TAGS = (TagKind.INTEREST, TagKind.HOBBY)


def _line(parent: QWidget, name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class AttendeeDetails(QGroupBox):
    """The details of the attendee chosen in the list; empty and disabled without one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendee_details")
        self.event_id = 0
        self.person_id = 0
        self._loaded: tuple[object, ...] = ()
        self.follow_up = OptionalDateEdit(self.tr("Follow up on"), self, object_name="follow_up")
        self.phone = _line(self, "phone", self.tr("Their number"))
        self.email = _line(self, "email", self.tr("name@example.org"))
        self.tags = {
            kind: TagEdit(self, placeholder=hint, known=[t.name for t in circles.tags(kind)])
            for kind, hint in (
                (TagKind.INTEREST, self.tr("Climate tech, jazz… (Enter adds)")),
                (TagKind.HOBBY, self.tr("Climbing, sourdough…")),
            )
        }
        for kind, edit in self.tags.items():
            edit.setObjectName(f"tags_{kind}")
            edit.edit.setObjectName(f"tags_{kind}_input")
        self.why = _line(self, "why_stand_out", self.tr("The talk they gave, the advice…"))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self.message = FieldMessage(self, "details_message")
        self.save_button = QPushButton(self.tr("Save &details"), self)
        self.save_button.setObjectName("save_details")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self._lay_out()
        self.setEnabled(False)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("", self.follow_up)
        form.addRow(self.tr("P&hone"), self.phone)
        form.addRow(self.tr("E&mail"), self.email)
        form.addRow(self.tr("&Interests"), self.tags[TagKind.INTEREST])
        form.addRow(self.tr("Ho&bbies"), self.tags[TagKind.HOBBY])
        form.addRow(self.tr("&Why they stand out"), self.why)
        form.addRow(self.tr("No&te"), self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addLayout(buttons)

    def state(self) -> tuple[object, ...]:
        return (
            self.follow_up.date(),
            self.phone.text().strip(),
            self.email.text().strip(),
            tuple(tuple(edit.tags()) for edit in self.tags.values()),
            self.why.text().strip(),
            self.note.toPlainText().strip(),
        )

    def has_changes(self) -> bool:
        return bool(self.person_id) and self.state() != self._loaded

    def load(self, event_id: int, person_id: int, name: str) -> None:
        """Show this attendee's details (0: nobody)."""
        self.event_id, self.person_id = event_id, person_id
        self.message.clear_message()
        self.setEnabled(bool(person_id))
        detail = people.get(person_id) if person_id else None
        self.setTitle(self.tr("About {name}").format(name=plain.clip(name)) if detail else "")
        self.follow_up.set_date(events.follow_up(event_id, person_id) if detail else None)
        self.phone.clear()
        self.email.clear()
        for kind, edit in self.tags.items():
            edit.set_tags([n for k, n in detail.tags if k is kind] if detail else [])
        self.why.setText(detail.why_stand_out if detail else "")
        self.note.setPlainText(detail.notes if detail else "")
        self._loaded = self.state()

    def save(self) -> bool:
        """Store what was typed; False (and the reason shown) when it cannot be stored."""
        if not self.has_changes():
            return True
        email = self.email.text().strip()
        if email and not EMAIL.match(email):
            message = self.tr("“{value}” is not an email address.")
            self.message.show_error(message.format(value=email))
            self.email.setFocus()
            return False
        try:
            people.update(self.person_id, self._draft(people.get(self.person_id)))
            events.set_follow_up(self.event_id, self.person_id, self.follow_up.date())
        except CoreError as exc:
            self.message.show_error(str(exc))
            return False
        except WRITE_FAILURES as exc:
            modal.show_write_failure(self, exc)
            return False
        self.message.show_info(self.tr("Saved."))
        self.phone.clear()  # stored now: the fields add further numbers and addresses
        self.email.clear()
        self._loaded = self.state()
        return True

    def _draft(self, detail: PersonDetail) -> people.PersonDraft:
        known = {(p.kind, p.value.casefold()) for p in detail.points}
        added = [
            PointDraft(kind, value)
            for kind, value in (
                (PointKind.PHONE, self.phone.text().strip()),
                (PointKind.EMAIL, self.email.text().strip()),
            )
            if value and (kind, value.casefold()) not in known
        ]
        kept = [(k, n) for k, n in detail.tags if k not in PANEL_TAGS]
        typed = [(kind, n) for kind, edit in self.tags.items() for n in edit.tags()]
        return replace(
            detail.as_draft(),
            points=detail.points + added,
            tags=kept + typed,
            why_stand_out=self.why.text().strip(),
            notes=self.note.toPlainText().strip(),
        )
