"""Merge two people: for each field where they differ, choose whose value to keep.

    choices = merge_dialog.ask(parent, keep_id, other_id)   # {field: "keep"|"other"|"both"}
    if choices is not None:
        core.merge.merge(keep_id, other_id, choices)

Values come from `core.merge.merge_preview`; free-text fields can keep both texts. Contact
details, positions, circles, tags, interactions, favours and follow-ups of both people are always
kept, and the dialog says so. The name parts follow the choice for the name until one of them is
chosen on its own, so the merged name stays consistent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtGui import QFont, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import lookup, merge, people
from netdesk.core.merge import BOTH, KEEP, NAME_PARTS, OTHER, FieldChoice
from netdesk.core.normalize import fold, normalize_point
from netdesk.core.people import PersonDetail, PointDraft, PositionDraft
from netdesk.qt import i18n, plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.dates import to_qdate
from netdesk.ui.dialogs.photo_picker import avatar_pixmap
from netdesk.values import Birthday

MAX_SHOWN_CHARS = 280
THUMB = 56


def ask(parent: QWidget | None, keep_id: int, other_id: int) -> dict[str, str] | None:
    """Show the choices; {field: choice} for `core.merge.merge`, or None when cancelled."""
    return modal.answer(MergeDialog(parent, keep_id, other_id), MergeDialog.choices)


def describe(field: str, value: Any) -> str:
    """A field value as the user reads it ("" when empty)."""

    tr = i18n.translator("MergeDialog")

    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return tr("Yes") if value else tr("No")
    if isinstance(value, Birthday):
        if value.year is None:
            return QLocale().toString(to_qdate(dt.date(2000, value.month, value.day)), "d MMMM")
        return QLocale().toString(
            to_qdate(dt.date(value.year, value.month, value.day)), "d MMMM yyyy"
        )
    if isinstance(value, dt.date):
        return QLocale().toString(to_qdate(value), "d MMM yyyy")
    if field == "met_through_id":
        return lookup.name_of(int(value)) or tr("someone no longer here")
    if field == "cadence_days":
        return tr("every {days} days").format(days=value)
    if isinstance(value, bytes):
        return tr("Photo")
    return str(value)


class MergeDialog(QDialog):
    """Side by side: a row per differing field with a radio button per side."""

    def __init__(self, parent: QWidget | None, keep_id: int, other_id: int) -> None:
        super().__init__(parent)
        self.setObjectName("merge_dialog")
        self.keep = people.get(keep_id)
        self.other = people.get(other_id)
        self.fields = merge.merge_preview(keep_id, other_id)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons_by_field: dict[str, dict[str, QRadioButton]] = {}
        self._chosen_alone: set[str] = set()  # name parts the user picked themselves
        self._cells: dict[QRadioButton, _ChoiceCell] = {}
        self.setWindowTitle(
            self.tr("Merge {a} and {b}").format(
                a=plain.clip(self.keep.display_name), b=plain.clip(self.other.display_name)
            )
        )
        self.setMinimumSize(720, 520)
        self.resize(900, 680)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            self.tr(
                "Choose what to keep where they differ. Contact details, positions, circles, "
                "tags, interactions, favours and follow-ups of both are always all kept."
            ),
            self,
        )
        intro.setObjectName("always_kept")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._scroll_area(), 1)
        layout.addWidget(self._kept_summary())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = buttons.addButton(
            self.tr("Merge into one"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setObjectName("merge")
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # --- layout -------------------------------------------------------------------------------

    def _scroll_area(self) -> QScrollArea:
        area = QScrollArea(self)
        area.setObjectName("fields")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.StyledPanel)
        body = QWidget(area)
        body.setBackgroundRole(QPalette.ColorRole.Base)
        body.setAutoFillBackground(True)
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self._add_heads(grid)
        if not self.fields:
            same = QLabel(self.tr("They agree on every field; merging just joins them."), body)
            same.setObjectName("no_differences")
            grid.addWidget(same, 1, 0, 1, 4)
        for row, choice in enumerate(self.fields, start=1):
            self._add_row(grid, row, choice, body)
        grid.setRowStretch(len(self.fields) + 1, 1)
        area.setWidget(body)
        return area

    def _add_heads(self, grid: QGridLayout) -> None:
        for column, (person, caption) in enumerate(
            ((self.keep, self.tr("Keep")), (self.other, self.tr("Merge in"))), start=1
        ):
            head = QWidget(grid.parentWidget())
            column_layout = QGridLayout(head)
            column_layout.setContentsMargins(0, 0, 0, 6)
            avatar = QLabel(head)
            avatar.setPixmap(
                avatar_pixmap(
                    person.photo,
                    person.display_name,
                    THUMB,
                    self.palette(),
                    self.devicePixelRatioF(),
                )
            )
            name = QLabel(plain.clip(person.display_name), head)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setObjectName("keep_name" if column == 1 else "other_name")
            font = QFont(name.font())
            font.setWeight(QFont.Weight.DemiBold)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            name.setFont(font)
            detail = QLabel(plain.clip(self._subtitle(person, caption)), head)
            detail.setTextFormat(Qt.TextFormat.PlainText)
            detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            column_layout.addWidget(avatar, 0, 0, 2, 1)
            column_layout.addWidget(name, 0, 1)
            column_layout.addWidget(detail, 1, 1)
            column_layout.setColumnStretch(1, 1)
            grid.addWidget(head, 0, column)

    def _subtitle(self, person: PersonDetail, caption: str) -> str:
        position = person.current_position
        parts = [caption]
        if position and (position.organization or position.title):
            parts.append(", ".join(p for p in (position.title, position.organization) if p))
        return " · ".join(parts)

    def _add_row(self, grid: QGridLayout, row: int, choice: FieldChoice, body: QWidget) -> None:
        label = QLabel(i18n.tr("MergeDialog", choice.label), body)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        font = QFont(label.font())
        font.setWeight(QFont.Weight.DemiBold)
        label.setFont(font)
        grid.addWidget(label, row, 0)
        group = QButtonGroup(self)
        buttons: dict[str, QRadioButton] = {}
        sides = [(KEEP, choice.keep_value, 1), (OTHER, choice.other_value, 2)]
        for side, value, column in sides:
            button = self._radio(choice.field, side, value, body)
            group.addButton(button)
            buttons[side] = button
            grid.addWidget(self._cells[button], row, column)
        if choice.field in merge.TEXT_FIELDS and choice.keep_value and choice.other_value:
            both = QRadioButton(self.tr("Both"), body)
            both.setObjectName(f"choice_{choice.field}_{BOTH}")
            both.setToolTip(self.tr("Keep both texts, one after the other"))
            group.addButton(both)
            buttons[BOTH] = both
            grid.addWidget(both, row, 3, Qt.AlignmentFlag.AlignTop)
        buttons.get(choice.default, buttons[KEEP]).setChecked(True)
        self.groups[choice.field] = group
        self.buttons_by_field[choice.field] = buttons
        for side, button in buttons.items():
            button.clicked.connect(lambda _=False, f=choice.field, s=side: self._picked(f, s))

    def _radio(self, field: str, side: str, value: Any, parent: QWidget) -> QRadioButton:
        text = describe(field, value)
        cell = _ChoiceCell(parent)
        button = cell.radio
        button.setObjectName(f"choice_{field}_{side}")
        button.setAccessibleName(plain.clip(text) or self.tr("empty"))
        if field == "photo" and isinstance(value, bytes):
            cell.label.setPixmap(
                avatar_pixmap(value, "", THUMB, self.palette(), self.devicePixelRatioF())
            )
        elif not text:
            cell.label.setText(self.tr("(empty)"))
            cell.label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        else:
            shown = text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…"
            cell.label.setText(shown)
            if len(text) > MAX_SHOWN_CHARS:
                cell.setToolTip(plain.tooltip(text))
        self._cells[button] = cell
        return button

    def _kept_summary(self) -> QLabel:
        counts = self.tr(
            "After merging: {points} contact details, {positions} positions, {circles} circles "
            "and {tags} tags (duplicates removed)."
        ).format(
            points=len(_union(self.keep.points, self.other.points, _point_key)),
            positions=len(_union(self.keep.positions, self.other.positions, _position_key)),
            circles=len({c.casefold() for c in self.keep.circles + self.other.circles}),
            tags=len({(k, t.casefold()) for k, t in self.keep.tags + self.other.tags}),
        )
        label = QLabel(counts, self)
        label.setObjectName("kept_summary")
        label.setWordWrap(True)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    # --- choices ------------------------------------------------------------------------------

    @Slot()
    def _picked(self, field: str, side: str) -> None:
        if field in NAME_PARTS:
            self._chosen_alone.add(field)
        elif field == "display_name":
            for part in NAME_PARTS:
                if part not in self._chosen_alone:
                    self._set(part, side)

    def _set(self, field: str, side: str) -> None:
        button = self.buttons_by_field.get(field, {}).get(side)
        if button is not None:
            button.setChecked(True)

    def set_choice(self, field: str, side: str) -> None:
        """Choose as the user would by clicking (name parts follow the name)."""
        self._set(field, side)
        self._picked(field, side)

    def choices(self) -> dict[str, str]:
        """{field: "keep" | "other" | "both"} for every field where the two differ."""
        out = {}
        for field, buttons in self.buttons_by_field.items():
            for side, button in buttons.items():
                if button.isChecked():
                    out[field] = side
        return out


def _point_key(point: PointDraft) -> tuple[str, str]:
    normalized, _ = normalize_point(point.kind, point.value)
    return merge.point_key(str(point.kind), point.value, normalized)


def _position_key(position: PositionDraft) -> tuple[Any, ...]:
    texts = (position.organization, position.title, position.department)
    return (*(fold(t) for t in texts), position.start, position.end)


class _ChoiceCell(QWidget):
    """A radio button whose value is a wrapping label (or a photo); clicking either chooses."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.radio = QRadioButton(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.radio, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.radio.click()
        super().mouseReleaseEvent(event)


def _union(a: list[Any], b: list[Any], key: Any) -> set[Any]:
    return {key(x) for x in a + b}
