"""The person editor's fields: the header (photo, names, birthday) and the six tabs (about them,
how you met, keeping in touch, contact details, work, notes), each field with the place its
problem is shown. Mixed into `PersonEditor`, which loads, reads and checks them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import circles as circles_service
from netdesk.core import people
from netdesk.core.keep_in_touch import NURTURE_DEFAULT_DAYS
from netdesk.ui.dialogs.dates import BirthdayEdit, OptionalDateEdit
from netdesk.ui.dialogs.feedback import FieldMessage
from netdesk.ui.dialogs.person_field import PersonLineEdit
from netdesk.ui.dialogs.photo_picker import PhotoPicker
from netdesk.ui.dialogs.row_tables import ContactPointsTable, PositionsTable
from netdesk.ui.widgets.chips import ChipBox, TagEdit
from netdesk.values import TagKind

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


class EditorFields:
    """Builds the fields of `PersonEditor` (its attributes: `display_name`, `tabs`' pages...)."""

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
        self.new_circle = _line_edit(group, "new_circle", self.tr("New circle"), people.MAX_LABEL)
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
