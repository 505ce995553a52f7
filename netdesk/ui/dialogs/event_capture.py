"""Event capture: create an event, then type the names of the people you met, one after another.

Step 1 creates the event (`core.events.create`). Step 2 is one field: Enter adds the person
that name or email means (the one person with exactly that name or email, else the highlighted
or first suggestion, as Log interaction does), or creates someone new (optionally typed as
"Name, Company" or "Name <email>") when nobody matches; Shift+Enter always creates someone new.
Each attendee gets the event as how they met and a follow-up a few days later
(`core.events.add_attendee`). The chosen attendee's details (phone, email, interests, hobbies,
why they stand out, a note, the follow-up) are edited beside the list; a wrong attendee is
taken off with Delete, the context menu or Remove. Ctrl+Enter or Done close the dialog; Esc
asks first when something typed is not saved yet.

    event_id = event_capture.ask(parent)   # the new event's id, or None if none was created

`dialog.work()` records what the capture wrote (`core.event_takeback`), for one Ctrl+Z.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import event_takeback, events, lookup, people, snapshots
from netdesk.core.errors import CoreError
from netdesk.core.normalize import fold
from netdesk.core.people import PersonDraft, PointDraft, PositionDraft
from netdesk.core.write_errors import WRITE_FAILURES
from netdesk.qt import i18n, plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.attendee_details import AttendeeDetails
from netdesk.ui.dialogs.dates import date_edit, from_qdate, to_qdate
from netdesk.ui.dialogs.feedback import FieldMessage
from netdesk.ui.dialogs.person_field import PersonLineEdit
from netdesk.values import PointKind

_EMAIL = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>|(?<!\S)([^<>\s,]+@[^<>\s,]+\.[^<>\s,]+)")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
_AMBIGUOUS = object()  # several people fit what was typed


def event_kinds() -> list[tuple[str, str]]:
    """(stored value, readable label) for the kinds of event."""

    tr = i18n.translator("EventCaptureDialog")

    return [
        ("conference", tr("Conference")),
        ("dinner", tr("Dinner")),
        ("company_day", tr("Company day")),
        ("meetup", tr("Meetup")),
        ("other", tr("Other")),
    ]


@dataclass(frozen=True)
class Entry:
    """What was typed for one attendee."""

    name: str
    company: str = ""
    email: str = ""


def parse_entry(text: str) -> Entry:
    """Read "Name", "Name, Company", "Name <email>" or "Name, Company <email>"."""
    email = ""
    match = _EMAIL.search(text)
    if match:
        email = (match[1] or match[2]).strip()
        text = text[: match.start()] + text[match.end() :]
    name, _, company = text.partition(",")
    return Entry(" ".join(name.split()), " ".join(company.split()), email)


def ask(
    parent: QWidget | None, keep: Callable[[EventCaptureDialog], None] | None = None
) -> int | None:
    """Run the capture; the event's id, or None when the user left before creating one.
    `keep` gets the dialog once it closed having created an event (for the undo stack)."""
    dialog = EventCaptureDialog(parent)
    try:
        dialog.exec()
        if dialog.event_id is not None and keep is not None:
            keep(dialog)
        return dialog.event_id
    finally:
        dialog.deleteLater()


class EventCaptureDialog(modal.EditorDialog):
    """Two steps in a stack: the event form, then the attendee field, the running list and the
    chosen attendee's details."""

    def __init__(self, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("event_capture")
        self.setWindowTitle(self.tr("Capture people at an event"))
        self.setMinimumSize(720, 560)
        self.resize(860, 640)
        self.event_id: int | None = None
        self.attendee_ids: list[int] = []
        self.created_ids: list[int] = []
        self._attendances: dict[int, events.Attendance] = {}
        self._profiles_before: dict[int, snapshots.Snapshot] = {}  # people known before
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_event_page(today or dt.date.today()))
        self.stack.addWidget(self._build_people_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.mark_saved()
        self.event_name.setFocus()

    def unsaved_state(self) -> object:
        if self.event_id is None:
            return (
                self.event_name.text().strip(),
                self.event_place.text().strip(),
                self.event_notes.toPlainText().strip(),
            )
        return self.attendee_input.text().strip(), self.details.has_changes()

    # --- step 1 -------------------------------------------------------------------------------

    def _build_event_page(self, today: dt.date) -> QWidget:
        page = QWidget(self)
        title = QLabel(self.tr("Where were you?"), page)
        title.setFont(_heading_font(title))
        self.event_name = QLineEdit(page)
        self.event_name.setObjectName("event_name")
        self.event_name.setPlaceholderText(self.tr("Fjordlight partner dinner"))
        self.event_name_message = FieldMessage(page, "event_name_message")
        self.event_kind = QComboBox(page)
        self.event_kind.setObjectName("event_kind")
        for value, label in event_kinds():
            self.event_kind.addItem(label, value)
        self.event_date = date_edit(page, "event_date")
        self.event_date.setDate(to_qdate(today))
        self.event_place = QLineEdit(page)
        self.event_place.setObjectName("event_place")
        self.event_place.setPlaceholderText(self.tr("Oslo, Aker Brygge"))
        self.event_notes = QPlainTextEdit(page)
        self.event_notes.setObjectName("event_notes")
        self.event_notes.setTabChangesFocus(True)
        self.event_notes.setMaximumHeight(110)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addWidget(self.event_name)
        name_box.addWidget(self.event_name_message)
        # a row whose field is a layout gets no buddy from QFormLayout: "&Event" would show
        # its ampersand and Alt+E would go nowhere
        name_label = QLabel(self.tr("&Event"), page)
        name_label.setBuddy(self.event_name)
        form.addRow(name_label, name_box)
        form.addRow(self.tr("&Kind"), self.event_kind)
        form.addRow(self.tr("&Date"), self.event_date)
        form.addRow(self.tr("&Place"), self.event_place)
        form.addRow(self.tr("N&otes"), self.event_notes)
        self.create_button = QPushButton(self.tr("Next: who was there? →"), page)
        self.create_button.setObjectName("create_event")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_event)
        cancel = QPushButton(self.tr("Cancel"), page)
        cancel.setObjectName("cancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)
        column = QVBoxLayout(page)
        column.addWidget(title)
        column.addLayout(form)
        column.addStretch(1)
        column.addLayout(buttons)
        self.event_name.textChanged.connect(self.event_name_message.clear_message)
        return page

    @Slot()
    def create_event(self) -> int | None:
        """Create the event from step 1 and move to step 2; None (and a message) on a problem."""
        if self.event_id is not None:
            return self.event_id
        try:
            self.event_id = events.create(
                self.event_name.text(),
                from_qdate(self.event_date.date()),
                place=self.event_place.text(),
                kind=str(self.event_kind.currentData()),
                notes=self.event_notes.toPlainText().strip(),
            )
        except CoreError as exc:
            self.event_name_message.show_error(
                self.tr("Give the event a name.")
                if not self.event_name.text().strip()
                else str(exc)
            )
            self.event_name.setFocus()
            return None
        except WRITE_FAILURES as exc:  # a full disk...: the form stays as typed
            modal.show_write_failure(self, exc)
            return None
        self._enter_people_step()
        return self.event_id

    def _enter_people_step(self) -> None:
        name = plain.clip(self.event_name.text().strip())
        self.setWindowTitle(self.tr("People at {event}").format(event=name))
        self.people_title.setText(self.tr("Who did you meet at {event}?").format(event=name))
        self.create_button.setDefault(False)
        self.stack.setCurrentIndex(1)
        self.mark_saved()
        self.attendee_input.setFocus()

    # --- step 2 -------------------------------------------------------------------------------

    def _build_people_page(self) -> QWidget:
        page = QWidget(self)
        self.people_title = QLabel(page)
        self.people_title.setTextFormat(Qt.TextFormat.PlainText)  # it names the event
        self.people_title.setFont(_heading_font(self.people_title))
        self.people_title.setWordWrap(True)
        self.attendee_input = PersonLineEdit(page)
        self.attendee_input.setObjectName("attendee_input")
        self.attendee_input.setPlaceholderText(self.tr("Type a name and press Enter"))
        self.attendee_input.person_chosen.connect(self.add_existing)
        self.attendee_input.text_entered.connect(self.enter_text)
        hint = QLabel(
            self.tr(
                "Enter adds the highlighted (or first) suggestion, or a new person: “Name”, "
                "“Name, Company” or “Name <email>”. Shift+Enter always adds someone new. "
                "Delete takes the chosen attendee off the list. Ctrl+Enter when you are done."
            ),
            page,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status = FieldMessage(page, "status")
        self._build_attendee_list(page)
        self.details = AttendeeDetails(page)
        self.count_label = QLabel(page)
        self.count_label.setObjectName("count")
        self.done_button = QPushButton(self.tr("Done"), page)
        self.done_button.setObjectName("done")
        self.done_button.setAutoDefault(False)
        self.done_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.done_button)
        column = QVBoxLayout(page)
        column.addWidget(self.people_title)
        column.addWidget(self.attendee_input)
        column.addWidget(hint)
        column.addWidget(self.status)
        people_row = QHBoxLayout()
        list_column = QVBoxLayout()
        list_column.addWidget(self.attendees, 1)
        list_column.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        people_row.addLayout(list_column, 2)
        people_row.addWidget(self.details, 3)
        column.addLayout(people_row, 1)
        column.addLayout(bottom)
        self._update_count()
        return page

    def _build_attendee_list(self, page: QWidget) -> None:
        self.attendees = QListWidget(page)
        self.attendees.setObjectName("attendees")
        self.attendees.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab stays in the field
        self.attendees.setAlternatingRowColors(True)
        self.attendees.currentItemChanged.connect(self._attendee_chosen)
        self.remove_action = QAction(self.tr("&Remove from the event"), self.attendees)
        self.remove_action.setObjectName("remove_attendee")
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_current)
        self.attendees.addAction(self.remove_action)
        self.attendees.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.remove_button = QPushButton(self.tr("Remove"), page)
        self.remove_button.setObjectName("remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        self._sync_remove()

    def _sync_remove(self) -> None:
        chosen = self.attendees.currentItem() is not None
        self.remove_action.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _attendee_chosen(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if previous is not None and not self.details.save():
            self.attendees.blockSignals(True)  # stay on the attendee whose details failed
            self.attendees.setCurrentItem(previous)
            self.attendees.blockSignals(False)
            return
        person_id = int(current.data(ID_ROLE)) if current is not None else 0
        name = str(current.data(NAME_ROLE)) if current is not None else ""
        assert self.event_id is not None
        self.details.load(self.event_id, person_id, name)
        self._sync_remove()

    @Slot()
    def remove_current(self) -> None:
        """Take the chosen attendee off the event; someone created here is deleted again."""
        item = self.attendees.currentItem()
        if item is None or self.event_id is None:
            return
        person_id, name = int(item.data(ID_ROLE)), str(item.data(NAME_ROLE))
        created = person_id in self.created_ids
        try:
            if created:
                people.delete(person_id)  # a duplicate typed by mistake must not stay behind
            else:
                events.remove_attendee(
                    self.event_id, person_id, self._attendances.get(person_id)
                )
        except WRITE_FAILURES as exc:
            modal.show_write_failure(self, exc)
            return
        self.details.load(self.event_id, 0, "")  # nothing left to save for them
        self.attendees.takeItem(self.attendees.row(item))
        self.attendee_ids.remove(person_id)
        if created:
            self.created_ids.remove(person_id)
        self.attendee_input.set_excluded(set(self.attendee_ids))
        self._update_count()
        self._sync_remove()
        self.status.show_info(self.tr("Removed {name} from the event.").format(name=name))

    @Slot(str, bool)
    def enter_text(self, text: str, force_new: bool = False) -> int | None:
        """Handle Enter on typed text: add an existing person or create one; their id or None."""
        entry = parse_entry(text)
        if not entry.name:
            self.status.show_error(self.tr("Type the person's name before the comma or email."))
            return None
        if not force_new:
            existing = self._existing_person(entry)
            if existing is _AMBIGUOUS:
                message = self.tr(
                    "Several people are called {name}: pick one from the list, "
                    "or press Shift+Enter to add someone new."
                )
                self.status.show_warning(message.format(name=entry.name))
                self.attendee_input.refresh(entry.name)
                return None
            if isinstance(existing, int):
                return self.add_existing(existing, lookup.name_of(existing), matched=True)
            suggested = self._suggested_person(entry, text)
            if suggested is not None:
                return self.add_existing(*suggested, matched=True)
        return self._create(entry)

    def _suggested_person(self, entry: Entry, text: str) -> tuple[int, str] | None:
        """The suggestion Enter picks for a plain name ("Tobias" for Tobias Quenneville); a
        company or email typed with the name says who they are, so it is never overruled."""
        if entry.company or entry.email:
            return None
        return self.attendee_input.best_match(text)

    def _existing_person(self, entry: Entry) -> int | object | None:
        """The one person this entry must mean, _AMBIGUOUS, or None (someone new)."""
        if entry.email and (by_email := lookup.person_with_email(entry.email)):
            return by_email
        named = [
            b
            for b in lookup.briefs(lookup.people_named(entry.name))
            if not entry.company or not b[2] or fold(b[2]) == fold(entry.company)
        ]
        if len(named) == 1:
            return named[0][0]
        return _AMBIGUOUS if named else None

    def _create(self, entry: Entry) -> int | None:
        draft = PersonDraft(
            display_name=entry.name,
            points=[PointDraft(PointKind.EMAIL, entry.email, preferred=True)]
            if entry.email
            else [],
            positions=[PositionDraft(organization=entry.company)] if entry.company else [],
        )
        try:
            person_id = people.create(draft)
        except CoreError as exc:
            self.status.show_error(str(exc))
            return None
        except WRITE_FAILURES as exc:
            modal.show_write_failure(self, exc)
            return None
        self.created_ids.append(person_id)
        self._attend(person_id, entry.name, entry.company, new=True)
        self.status.show_info(self.tr("Added {name} as someone new.").format(name=entry.name))
        return person_id

    @Slot(int, str)
    def add_existing(self, person_id: int, name: str, *, matched: bool = False) -> int | None:
        if person_id in self.attendee_ids:
            self.status.show_warning(self.tr("{name} is already on the list.").format(name=name))
            self.attendee_input.reset()
            return None
        organization = next((b[2] for b in lookup.briefs([person_id])), "")
        before = snapshots.capture_profile([person_id])
        if not self._attend(person_id, name, organization, new=False):
            return None
        self._profiles_before.setdefault(person_id, before)  # as they were before any capture
        text = (
            self.tr("Added {name}, already in netdesk. Shift+Enter adds a new person instead.")
            if matched
            else self.tr("Added {name}.")
        )
        self.status.show_info(text.format(name=name))
        return person_id

    def _attend(self, person_id: int, name: str, organization: str, *, new: bool) -> bool:
        assert self.event_id is not None
        try:
            self._attendances[person_id] = events.add_attendee(self.event_id, person_id)
        except CoreError as exc:
            self.status.show_error(str(exc))
            return False
        except WRITE_FAILURES as exc:
            modal.show_write_failure(self, exc)
            return False
        self.attendee_ids.append(person_id)
        self.attendee_input.set_excluded(set(self.attendee_ids))
        label = f"{name} — {organization}" if organization else name
        if new:
            label = self.tr("{person}  · new").format(person=label)
        item = QListWidgetItem(plain.clip(label))
        item.setData(ID_ROLE, person_id)
        item.setData(NAME_ROLE, name)
        item.setToolTip(
            self.tr("Created now, met at this event")
            if new
            else self.tr("Already in netdesk; now also met at this event")
        )
        if new:
            font = QFont(item.font())
            font.setWeight(QFont.Weight.DemiBold)
            item.setFont(font)
        self.attendees.insertItem(0, item)  # newest on top, next to the field
        self.attendees.setCurrentItem(item)  # their details can be filled in at once
        self.attendee_input.reset()
        self._update_count()
        return True

    def _update_count(self) -> None:
        count = len(self.attendee_ids)
        self.count_label.setText(
            self.tr("No one yet") if count == 0 else self.tr("{count} added").format(count=count)
        )

    # --- closing ------------------------------------------------------------------------------

    def work(self) -> event_takeback.Work:
        """What the capture wrote: its event, the people it created, and the attendances and
        details it added to people already known."""
        assert self.event_id is not None
        return event_takeback.finish(
            events=[self.event_id],
            created=list(self.created_ids),
            before=event_takeback.combine(self._profiles_before.values()),
        )

    @Slot()
    def _finish_shortcut(self) -> None:
        if self.stack.currentIndex() == 0:
            self.create_event()
        else:
            self.accept()

    def save_changes(self) -> None:
        """Save in the closing question: the event, the typed name, the details; then close."""
        if self.event_id is None:
            if self.create_event() is not None:
                self.accept()
            return
        typed = self.attendee_input.text().strip()
        if typed and self.enter_text(typed) is None:
            return
        self.accept()

    def reject(self) -> None:
        # after step 1 what is on the list is saved, so leaving with nothing typed is Done
        if self.event_id is not None and not self.has_changes():
            self.accept()
        else:
            super().reject()

    def accept(self) -> None:
        if self.details.save():  # what was typed about the last attendee is kept
            super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                event.accept()
                self._finish_shortcut()  # Ctrl+Enter: next step, or done
                return
            if self.stack.currentIndex() == 1:
                event.accept()  # an empty Enter in step 2 must not close the dialog
                return
        super().keyPressEvent(event)


def _heading_font(label: QLabel) -> QFont:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setWeight(QFont.Weight.DemiBold)
    return font
