"""New and edit person: every field of `PersonDraft`, with inline validation messages.

People, not positions: the header holds the photo, the names and the birthday; the first tab is
what makes them memorable (why they stand out, interests, family); how you met, keeping in touch,
contact details and work follow. Problems are shown under the offending field as they happen and
Save stays disabled until every error is fixed; warnings (a phone number that does not parse) only
inform.

    draft = person_editor.ask(parent)            # new person, or None when cancelled
    draft = person_editor.ask(parent, detail)    # edit; fields not shown (UID...) are kept

This module loads a person into the fields, reads the draft back and checks it; the fields are
built in `person_editor_fields`, circles, met through and links live in `person_editor_ties`.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from netdesk.core import lookup
from netdesk.core.errors import ValidationError
from netdesk.core.keep_in_touch import NURTURE_DEFAULT_DAYS
from netdesk.core.people import PersonDetail, PersonDraft, validate
from netdesk.qt import plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.feedback import FieldMessage, Severity, warning_icon
from netdesk.ui.dialogs.person_editor_fields import EditorFields
from netdesk.ui.dialogs.person_editor_ties import CADENCE_ROLE, NAME_ROLE, EditorTies

TAB_ABOUT, TAB_MET, TAB_KEEP, TAB_CONTACT, TAB_WORK, TAB_NOTES = range(6)
# which tab holds each validated field (None: the header above the tabs)
FIELD_TAB: dict[str, int | None] = {
    "display_name": None,
    "birthday": None,
    "photo": None,
    "why_stand_out": TAB_ABOUT,
    "family_notes": TAB_ABOUT,
    "how_met": TAB_MET,
    "met_on": TAB_MET,
    "met_through": TAB_MET,
    "cadence_days": TAB_KEEP,
    "points": TAB_CONTACT,
    "positions": TAB_WORK,
    "notes": TAB_NOTES,
}


def ask(parent: QWidget | None, detail: PersonDetail | None = None) -> PersonDraft | None:
    """Show the editor; the draft to store, or None when the user cancels. Inside
    `modal.saving(save)`, Save stores the draft while the editor is still open."""
    return modal.answer(PersonEditor(parent, detail), PersonEditor.draft)


class PersonEditor(EditorFields, EditorTies, modal.EditorDialog):
    """The person editor; `draft()` reads the fields, `problems()` says what is wrong."""

    def __init__(self, parent: QWidget | None = None, detail: PersonDetail | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("person_editor")
        self._detail = detail
        self._display_edited = False
        self._name_touched = detail is not None
        self._met_through_id: int | None = None
        self.messages: dict[str, FieldMessage] = {}
        self.setWindowTitle(
            self.tr("Edit {name}").format(name=plain.clip(detail.display_name))
            if detail
            else self.tr("New person")
        )
        self.setMinimumSize(780, 620)
        self.resize(940, 740)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(self._build_header())
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_about(), self.tr("About them"))
        self.tabs.addTab(self._build_met(), self.tr("How you met"))
        self.tabs.addTab(self._build_keep(), self.tr("Keeping in touch"))
        self.tabs.addTab(self._build_contact(), self.tr("Contact details"))
        self.tabs.addTab(self._build_work(), self.tr("Work"))
        self.tabs.addTab(self._build_notes(), self.tr("Notes"))
        layout.addWidget(self.tabs, 1)
        self.buttons, self.save_button = modal.save_cancel(self, layout)
        self._load(detail)
        self._show_links()
        self._connect_changes()
        self._revalidate()
        self.mark_saved()
        self.display_name.setFocus()

    def unsaved_state(self) -> object:
        return self.draft()

    # --- loading and reading ------------------------------------------------------------------

    def _load(self, detail: PersonDetail | None) -> None:
        if detail is None:
            self.points.set_points([])
            return
        for name in ("given", "family", "prefix", "additional", "suffix", "nickname"):
            getattr(self, name).setText(getattr(detail, name))
        self.display_name.setText(detail.display_name)
        self._display_edited = detail.display_name.strip() != self._composed_name()
        self.photo.set_photo(detail.photo)
        self.birthday.set_birthday(detail.birthday)
        self.why_stand_out.setPlainText(detail.why_stand_out)
        for kind, edit in self.tag_edits.items():
            edit.set_tags([name for k, name in detail.tags if k == kind])
        self.family_notes.setPlainText(detail.family_notes)
        self.how_met.setText(detail.how_met)
        self.met_on.set_date(detail.met_on)
        if detail.met_through_id:
            self.set_met_through(detail.met_through_id, lookup.name_of(detail.met_through_id))
        self.met_through.set_excluded({detail.id} if detail.id else set())
        self.nurture.setChecked(detail.nurture)
        self.use_default.setChecked(detail.cadence_days is None)
        if detail.cadence_days is not None:
            self.cadence.setValue(detail.cadence_days)
        for name in detail.circles:
            self._check_circle(name)
        self.points.set_points(detail.points)
        self.positions.set_positions(detail.positions)
        self.notes.setPlainText(detail.notes)

    def draft(self) -> PersonDraft:
        """The draft as the fields say now (check `problems()` first; Save does)."""
        base = self._detail.as_draft() if self._detail else PersonDraft()
        try:
            birthday = self.birthday.birthday()
        except ValueError:
            birthday = None
        try:
            positions = self.positions.positions()
        except ValueError:
            positions = []
        return replace(
            base,
            display_name=self.display_name.text().strip(),
            prefix=self.prefix.text().strip(),
            given=self.given.text().strip(),
            additional=self.additional.text().strip(),
            family=self.family.text().strip(),
            suffix=self.suffix.text().strip(),
            nickname=self.nickname.text().strip(),
            photo=self.photo.photo(),
            birthday=birthday,
            why_stand_out=self.why_stand_out.toPlainText().strip(),
            family_notes=self.family_notes.toPlainText().strip(),
            how_met=self.how_met.text().strip(),
            met_on=self.met_on.date(),
            met_through_id=self._met_through_id,
            nurture=self.nurture.isChecked(),
            cadence_days=None if self.use_default.isChecked() else self.cadence.value(),
            circles=self.checked_circles(),
            tags=[(kind, tag) for kind, edit in self.tag_edits.items() for tag in edit.tags()],
            points=self.points.points(),
            positions=positions,
            notes=self.notes.toPlainText().strip(),
        )

    # --- names --------------------------------------------------------------------------------

    def _composed_name(self) -> str:
        parts = (self.prefix, self.given, self.additional, self.family, self.suffix)
        return " ".join(p.text().strip() for p in parts if p.text().strip())

    @Slot()
    def _parts_edited(self) -> None:
        self._name_touched = True
        composed = self._composed_name()
        if not self._display_edited:
            self.display_name.setText(composed)
        self.display_name.setPlaceholderText(composed or self.tr("Full name as you say it"))

    @Slot(str)
    def _display_typed(self, text: str) -> None:
        self._name_touched = True
        # clearing the field hands it back to the name parts
        self._display_edited = bool(text.strip())
        if not self._display_edited:
            self.display_name.setText(self._composed_name())

    # --- validation ---------------------------------------------------------------------------

    def _connect_changes(self) -> None:
        for part in (self.given, self.family, self.prefix, self.additional, self.suffix):
            part.textEdited.connect(self._parts_edited)
        self.nickname.textEdited.connect(self._revalidate)
        self.display_name.textEdited.connect(self._display_typed)
        self.display_name.textChanged.connect(self._revalidate)
        self.display_name.textChanged.connect(self.photo.set_name)
        for edit in (self.why_stand_out, self.family_notes, self.notes):
            edit.textChanged.connect(self._revalidate)
        self.how_met.textChanged.connect(self._revalidate)
        for signal in (
            self.birthday.changed,
            self.met_on.changed,
            self.points.changed,
            self.positions.changed,
            self.nurture.toggled,
            self.use_default.toggled,
            self.cadence.valueChanged,
            self.circles.itemChanged,
        ):
            signal.connect(self._revalidate)
        self.photo.set_name(self.display_name.text())

    def problems(self) -> dict[str, tuple[Severity, str]]:
        """Field name to (severity, message) for everything worth saying now."""
        found: dict[str, tuple[Severity, str]] = {}
        draft = self.draft()
        if not draft.effective_name():
            found["display_name"] = (Severity.ERROR, self.tr("A person needs a name."))
        if birthday_problem := self.birthday.problem():
            found["birthday"] = (Severity.ERROR, birthday_problem)
        if self._detail and self._met_through_id == self._detail.id:
            message = self.tr("Someone cannot be introduced through themselves.")
            found["met_through"] = (Severity.ERROR, message)
        for field, table in (("points", self.points), ("positions", self.positions)):
            table_problems = table.problems()
            if table_problems:
                worst = min(table_problems, key=lambda p: p.severity is not Severity.ERROR)
                found[field] = (worst.severity, worst.message)
        if not any(severity is Severity.ERROR for severity, _ in found.values()):
            try:
                validate(draft)
            except ValidationError as exc:
                found.setdefault(exc.field or "display_name", (Severity.ERROR, str(exc)))
        return found

    @Slot()
    def _revalidate(self) -> None:
        found = self.problems()
        self.points.show_problems(self.points.problems())
        self.positions.show_problems(self.positions.problems())
        for field, message in self.messages.items():
            if field in ("photo",):
                continue
            problem = found.get(field)
            if problem is None or (field == "display_name" and not self._name_touched):
                message.clear_message()
            elif problem[0] is Severity.ERROR:
                message.show_error(problem[1])
            else:
                message.show_warning(problem[1])
        errors = {f for f, (s, _) in found.items() if s is Severity.ERROR}
        self.save_button.setEnabled(not errors)
        self._mark_tabs(errors)
        self._update_cadence_hint()

    def _mark_tabs(self, error_fields: set[str]) -> None:
        bad_tabs = {FIELD_TAB.get(f) for f in error_fields} - {None}
        error_icon = warning_icon(self, Severity.ERROR)
        for index in range(self.tabs.count()):
            self.tabs.setTabIcon(index, error_icon if index in bad_tabs else QIcon())

    def _update_cadence_hint(self) -> None:
        if not self.use_default.isChecked():
            self.cadence_hint.setText(
                self.tr("Due again {days} days after you were last in touch.").format(
                    days=self.cadence.value()
                )
            )
            return
        defaults = [
            (self.circles.item(r).data(CADENCE_ROLE), self.circles.item(r).data(NAME_ROLE))
            for r in range(self.circles.count())
            if self.circles.item(r).checkState() == Qt.CheckState.Checked
            and self.circles.item(r).data(CADENCE_ROLE)
        ]
        if defaults:
            days, circle = min(defaults)
            text = self.tr("Their circles suggest every {days} days ({circle}).")
            self.cadence_hint.setText(text.format(days=days, circle=plain.clip(circle)))
            self.cadence.setValue(days)  # the greyed-out field says what will apply
        elif self.nurture.isChecked():
            text = self.tr("Nurtured without a circle default: every {days} days.")
            self.cadence_hint.setText(text.format(days=NURTURE_DEFAULT_DAYS))
            self.cadence.setValue(NURTURE_DEFAULT_DAYS)
        else:
            self.cadence_hint.setText(
                self.tr("Not tracked. Tick Nurture, choose a circle with a cadence or set one.")
            )

    def _photo_problem(self, text: str) -> None:
        self.messages["photo"].show_warning(text)

    def accept(self) -> None:
        """Save only when nothing is wrong; otherwise show where the first problem is."""
        self._name_touched = True
        self._revalidate()
        errors = [f for f, (s, _) in self.problems().items() if s is Severity.ERROR]
        if errors:
            self._reveal(errors[0])
            return
        if modal.commit(self):
            super().accept()

    def _reveal(self, field: str) -> None:
        tab = FIELD_TAB.get(field)
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        targets = {
            "display_name": self.display_name,
            "birthday": self.birthday.day,
            "points": self.points.table,
            "positions": self.positions.table,
            "met_through": self.met_through,
            "cadence_days": self.cadence,
        }
        widget = targets.get(field) or getattr(self, field, None)
        if isinstance(widget, QWidget):
            widget.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.accept()  # saves, or shows where the first problem is
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.new_circle
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_new_circle()
            return True
        return super().eventFilter(watched, event)
