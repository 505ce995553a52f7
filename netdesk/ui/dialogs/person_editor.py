"""New and edit person: every field of `PersonDraft`, with inline validation messages.

People, not positions: the header holds the photo, the names and the birthday; the first tab is
what makes them memorable (why they stand out, interests, family); how you met, keeping in touch,
contact details and work follow. Problems are shown under the offending field as they happen and
Save stays disabled until every error is fixed; warnings (a phone number that does not parse) only
inform.

    draft = person_editor.ask(parent)            # new person, or None when cancelled
    draft = person_editor.ask(parent, detail)    # edit; fields not shown (UID...) are kept
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFont, QIcon, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import circles as circles_service
from netdesk.core import lookup, people
from netdesk.core.errors import ValidationError
from netdesk.core.keep_in_touch import NURTURE_DEFAULT_DAYS
from netdesk.core.people import PersonDetail, PersonDraft, validate
from netdesk.qt import plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.dates import BirthdayEdit, OptionalDateEdit
from netdesk.ui.dialogs.feedback import FieldMessage, Severity, warning_icon
from netdesk.ui.dialogs.person_field import PersonLineEdit
from netdesk.ui.dialogs.photo_picker import PhotoPicker
from netdesk.ui.dialogs.row_tables import ContactPointsTable, PositionsTable
from netdesk.ui.widgets.chips import ChipBox, TagEdit
from netdesk.values import TagKind

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
CADENCE_ROLE = Qt.ItemDataRole.UserRole + 2
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


MAX_LINE_EDIT = 32_767  # QLineEdit's own ceiling


def _text_edit(parent: QWidget, name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    line_height = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(line_height * lines + 14)
    return edit


def _line_edit(
    parent: QWidget, name: str, placeholder: str = "", limit: int = people.MAX_NAME
) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(min(limit, MAX_LINE_EDIT))
    return edit


class PersonEditor(modal.EditorDialog):
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

    # --- building -----------------------------------------------------------------------------

    def _message(self, field: str) -> FieldMessage:
        message = FieldMessage(self, f"{field}_message")
        self.messages[field] = message
        return message

    def _build_header(self) -> QHBoxLayout:
        self.photo = PhotoPicker(self)
        self.photo.problem.connect(self._photo_problem)
        self.photo.changed.connect(lambda: self.messages["photo"].clear_message())
        photo_column = QVBoxLayout()
        photo_column.addWidget(self.photo)
        photo_column.addWidget(self._message("photo"))
        self.messages["photo"].setMaximumWidth(180)
        photo_column.addStretch(1)
        header = QHBoxLayout()
        header.setSpacing(20)
        header.addLayout(photo_column)
        header.addLayout(self._build_names(), 1)
        return header

    def _build_names(self) -> QGridLayout:
        self.display_name = _line_edit(self, "display_name")
        font = QFont(self.display_name.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.display_name.setFont(font)
        self.display_name.setAccessibleName(self.tr("Display name"))
        self.display_name.setPlaceholderText(self.tr("Full name as you say it"))
        self.given = _line_edit(self, "given")
        self.family = _line_edit(self, "family")
        self.prefix = _line_edit(self, "prefix", self.tr("Dr, Ms…"))
        self.additional = _line_edit(self, "additional")
        self.suffix = _line_edit(self, "suffix", self.tr("Jr, PhD…"))
        self.nickname = _line_edit(self, "nickname", self.tr("What they like to be called"))
        self.birthday = BirthdayEdit(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self._grid_row(grid, 0, self.tr("&Name"), self.display_name, span=3)
        grid.addWidget(self._message("display_name"), 1, 1, 1, 3)
        self._grid_pair(
            grid, 2, (self.tr("&Given name"), self.given), (self.tr("&Family name"), self.family)
        )
        self._grid_pair(
            grid, 3, (self.tr("&Prefix"), self.prefix), (self.tr("&Middle"), self.additional)
        )
        self._grid_pair(
            grid, 4, (self.tr("Su&ffix"), self.suffix), (self.tr("Nic&kname"), self.nickname)
        )
        self._grid_row(grid, 5, self.tr("&Birthday"), self.birthday, span=3)
        grid.addWidget(self._message("birthday"), 6, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _grid_row(self, grid: QGridLayout, row: int, text: str, widget: QWidget, span: int) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(widget, row, 1, 1, span)

    def _grid_pair(
        self, grid: QGridLayout, row: int, left: tuple[str, QWidget], right: tuple[str, QWidget]
    ) -> None:
        for column, (text, widget) in ((0, left), (2, right)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            grid.addWidget(label, row, column, align)
            grid.addWidget(widget, row, column + 1)

    def _form_page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(12, 16, 12, 12)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return page, form

    def _with_message(self, widget: QWidget, field: str) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self._message(field))
        return box

    def _build_about(self) -> QWidget:
        page, form = self._form_page()
        self.why_stand_out = _text_edit(
            page,
            "why_stand_out",
            self.tr("What makes them memorable: the talk they gave, the advice, the laugh…"),
            3,
        )
        form.addRow(
            self.tr("&Why they stand out"), self._with_message(self.why_stand_out, "why_stand_out")
        )
        self.tag_edits: dict[TagKind, TagEdit] = {}
        hints = {
            TagKind.INTEREST: (self.tr("&Interests"), self.tr("Climate tech, jazz… (Enter adds)")),
            TagKind.HOBBY: (self.tr("&Hobbies"), self.tr("Climbing, sourdough…")),
            TagKind.SKILL: (self.tr("&Skills"), self.tr("Negotiation, Python…")),
            TagKind.LABEL: (self.tr("&Labels"), self.tr("investor, mentor…")),
        }
        for kind, (label, placeholder) in hints.items():
            known = [t.name for t in circles_service.tags(kind)]
            edit = TagEdit(page, placeholder=placeholder, known=known)
            edit.setObjectName(f"tags_{kind}")
            edit.edit.setObjectName(f"tags_{kind}_input")
            self.tag_edits[kind] = edit
            form.addRow(label, edit)
        self.family_notes = _text_edit(
            page, "family_notes", self.tr("Partner, children, what matters at home"), 3
        )
        form.addRow(self.tr("F&amily"), self._with_message(self.family_notes, "family_notes"))
        return page

    def _build_met(self) -> QWidget:
        page, form = self._form_page()
        self.how_met = _line_edit(
            page, "how_met", self.tr("At the Fjordlight dinner, through Ana…"), people.MAX_TEXT
        )
        form.addRow(self.tr("&How you met"), self._with_message(self.how_met, "how_met"))
        self.met_on = OptionalDateEdit(self.tr("Known"), page, object_name="met_on")
        form.addRow(self.tr("Met &on"), self._with_message(self.met_on, "met_on"))
        self.met_through_chip = ChipBox(page)
        self.met_through_chip.setObjectName("met_through_chip")
        self.met_through_chip.removed.connect(self._met_through_removed)
        self.met_through = PersonLineEdit(page)
        self.met_through.setObjectName("met_through")
        self.met_through.setPlaceholderText(self.tr("Type a name to choose who introduced you"))
        self.met_through.person_chosen.connect(self.set_met_through)
        box = QWidget(page)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.met_through_chip)
        column.addWidget(self.met_through)
        column.addWidget(self._message("met_through"))
        form.addRow(self.tr("Met &through"), box)
        form.addRow(self.tr("Linked to"), self._build_links(page))
        return page

    def _build_links(self, page: QWidget) -> QWidget:
        self.links_summary = QLabel(page)
        self.links_summary.setObjectName("links_summary")
        self.links_summary.setTextFormat(Qt.TextFormat.PlainText)  # it names people
        self.links_summary.setWordWrap(True)
        self.edit_links_button = QPushButton(self.tr("Edit &links…"), page)
        self.edit_links_button.setObjectName("edit_links")
        self.edit_links_button.setAutoDefault(False)
        self.edit_links_button.clicked.connect(self.edit_links)
        box = QWidget(page)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.links_summary, 1)
        row.addWidget(self.edit_links_button, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def _show_links(self) -> None:
        from netdesk.core import relationships
        from netdesk.ui.dialogs.relationship_roles import sentence

        if self._detail is None:
            self.edit_links_button.setEnabled(False)
            self.links_summary.setText(
                self.tr("Save them first to link them to family, friends, colleagues or mentors.")
            )
            return
        this = self._detail.display_name
        found = relationships.links(self._detail.id)
        lines = [plain.clip(sentence(link, link.other_name, this)) for link in found]
        self.links_summary.setText("\n".join(lines) or self.tr("No one linked yet."))

    @Slot()
    def edit_links(self) -> None:
        """The relationships dialog over the editor; its changes are stored as they are made."""
        from netdesk.core import people
        from netdesk.ui.dialogs import relationships_dialog

        if self._detail is None:
            return
        relationships_dialog.edit(self, self._detail.id)
        self._show_links()
        # removing the introduction there clears "Met through" in the store: follow it here,
        # so saving the editor does not put it back
        stored = people.get(self._detail.id).met_through_id
        if stored != self._met_through_id:
            if stored is None:
                self.met_through_chip.clear()
                self._met_through_id = None
            else:
                self.set_met_through(stored, lookup.name_of(stored))
            self._baseline = replace(self._baseline, met_through_id=stored)
            self._revalidate()

    def _build_keep(self) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout(page)
        row.setContentsMargins(12, 16, 12, 12)
        row.setSpacing(16)
        row.addWidget(self._build_circles(page), 1)
        row.addWidget(self._build_cadence(page), 1)
        return page

    def _build_circles(self, page: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Circles"), page)
        self.circles = QListWidget(group)
        self.circles.setObjectName("circles")
        self.circles.setAccessibleName(self.tr("Circles"))
        for info in circles_service.circles():
            self._add_circle_item(info.name, info.default_cadence_days, checked=False)
        self.new_circle = _line_edit(
            group, "new_circle", self.tr("New circle"), people.MAX_LABEL
        )
        self.new_circle.installEventFilter(self)  # Enter there adds the circle, never saves
        self.new_circle_button = QPushButton(self.tr("Add circle"), group)
        self.new_circle_button.setObjectName("new_circle_add")
        self.new_circle_button.setAutoDefault(False)
        self.new_circle_button.clicked.connect(self.add_new_circle)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_circle, 1)
        add_row.addWidget(self.new_circle_button)
        column = QVBoxLayout(group)
        column.addWidget(self.circles, 1)
        column.addLayout(add_row)
        return group

    def _build_cadence(self, page: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("Keep in touch"), page)
        self.nurture = QCheckBox(self.tr("&Nurture this relationship"), group)
        self.nurture.setObjectName("nurture")
        self.use_default = QCheckBox(self.tr("Use the circle's &default"), group)
        self.use_default.setObjectName("cadence_default")
        self.use_default.setChecked(True)
        self.cadence = QSpinBox(group)
        self.cadence.setObjectName("cadence_days")
        self.cadence.setRange(1, 3650)
        self.cadence.setValue(NURTURE_DEFAULT_DAYS)
        self.cadence.setPrefix(self.tr("every "))
        self.cadence.setSuffix(self.tr(" days"))
        self.cadence.setAccessibleName(self.tr("Keep-in-touch cadence"))
        self.cadence.setEnabled(False)
        self.use_default.toggled.connect(lambda on: self.cadence.setEnabled(not on))
        self.cadence_hint = QLabel(group)
        self.cadence_hint.setObjectName("cadence_hint")
        self.cadence_hint.setTextFormat(Qt.TextFormat.PlainText)  # it names a circle
        self.cadence_hint.setWordWrap(True)
        self.cadence_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form = QFormLayout(group)
        form.addRow(self.nurture)
        form.addRow(self.use_default)
        form.addRow(self.tr("&Cadence"), self.cadence)
        form.addRow(self._message("cadence_days"))
        form.addRow(self.cadence_hint)
        return group

    def _build_contact(self) -> QWidget:
        self.points = ContactPointsTable(self)
        return self._padded(self.points)

    def _build_work(self) -> QWidget:
        self.positions = PositionsTable(self)
        return self._padded(self.positions)

    def _build_notes(self) -> QWidget:
        self.notes = _text_edit(self, "notes", self.tr("Anything else worth remembering"), 8)
        page = self._padded(self.notes)
        page.layout().addWidget(self._message("notes"))
        return page

    def _padded(self, widget: QWidget) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(12, 16, 12, 12)
        column.addWidget(widget)
        return page

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

    # --- circles and met through --------------------------------------------------------------

    def _add_circle_item(self, name: str, cadence: int | None, *, checked: bool) -> QListWidgetItem:
        text = (
            name
            if cadence is None
            else self.tr("{name}  ·  every {days} days").format(name=name, days=cadence)
        )
        item = QListWidgetItem(plain.clip(text), self.circles)
        item.setData(NAME_ROLE, name)
        item.setData(CADENCE_ROLE, cadence)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def _circle_item(self, name: str) -> QListWidgetItem | None:
        for row in range(self.circles.count()):
            item = self.circles.item(row)
            if str(item.data(NAME_ROLE)).casefold() == name.casefold():
                return item
        return None

    def _check_circle(self, name: str) -> None:
        item = self._circle_item(name) or self._add_circle_item(name, None, checked=True)
        item.setCheckState(Qt.CheckState.Checked)

    def checked_circles(self) -> list[str]:
        return [
            str(self.circles.item(row).data(NAME_ROLE))
            for row in range(self.circles.count())
            if self.circles.item(row).checkState() == Qt.CheckState.Checked
        ]

    @Slot()
    def add_new_circle(self) -> None:
        name = " ".join(self.new_circle.text().split())
        if name:
            self._check_circle(name)
            self.circles.scrollToItem(self._circle_item(name))
            self.new_circle.clear()

    @Slot(int, str)
    def set_met_through(self, person_id: int, name: str) -> None:
        self.met_through_chip.clear()
        self._met_through_id = person_id
        self.met_through_chip.add(person_id, name)
        self._revalidate()

    def _met_through_removed(self, _key: object) -> None:
        self._met_through_id = None
        self._revalidate()

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
