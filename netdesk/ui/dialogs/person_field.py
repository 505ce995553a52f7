"""A line edit that completes people's names as you type, from the full-text index.

Choosing a completion (mouse, or arrow keys and Enter) emits `person_chosen(id, name)`; Enter on
text that is not a completion emits `text_entered(text, shift)` so a caller can create someone new
(Shift+Enter means "create new even if the name exists"). Enter on typed text never reaches
the dialog's default button, so typing names one after another cannot close a dialog by accident;
Enter on an empty field does, as in any other field.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QVBoxLayout, QWidget

from netdesk.core import lookup
from netdesk.qt import plain
from netdesk.ui.widgets.chips import ChipBox

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
ORG_ROLE = Qt.ItemDataRole.UserRole + 3
# one letter matches most of a large address book and costs a frame or more at 100,000 people
MIN_CHARS = 2


class PersonLineEdit(QLineEdit):
    """Type a name, get people who match; see the module docstring for the signals."""

    person_chosen = Signal(int, str)
    text_entered = Signal(str, bool)  # text, shift held

    def __init__(self, parent: QWidget | None = None, *, limit: int = 12) -> None:
        super().__init__(parent)
        self._limit = limit
        self._exclude: set[int] = set()
        self.setClearButtonEnabled(True)
        self.matches = QStandardItemModel(self)
        self._completer = QCompleter(self.matches, self)
        # the index already filtered and ranked the rows; the completer must not filter again
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCompletionRole(NAME_ROLE)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(limit)
        self._completer.activated[QModelIndex].connect(self._activated)
        self._completer.setWidget(self)
        self.textEdited.connect(self.refresh)

    def set_excluded(self, ids: set[int]) -> None:
        """People not to offer (already chosen, or the person being edited)."""
        self._exclude = set(ids)

    def _highlighted_completion(self) -> bool:
        popup = self._completer.popup()
        return popup.isVisible() and bool(popup.selectionModel().selectedIndexes())

    @Slot(str)
    def refresh(self, text: str) -> None:
        wanted = len(text.strip()) >= MIN_CHARS
        rows = lookup.complete(text, self._limit, exclude=self._exclude) if wanted else []
        self.matches.clear()
        for person_id, name, organization in rows:
            item = QStandardItem(plain.clip(f"{name} — {organization}" if organization else name))
            item.setData(person_id, ID_ROLE)
            item.setData(name, NAME_ROLE)
            item.setData(organization, ORG_ROLE)
            item.setEditable(False)
            self.matches.appendRow(item)
        if rows:
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def best_match(self, text: str) -> tuple[int, str] | None:
        """(id, name) of the person Enter on `text` means: the highlighted suggestion, else the
        first one (the index ranks them); None when nobody matches."""
        if self.matches.rowCount() == 0:
            self.refresh(text)
        if self.matches.rowCount() == 0:
            return None
        selected = self._completer.popup().selectionModel().selectedIndexes()
        item = self.matches.item(selected[0].row() if selected else 0)  # rows match 1:1
        return int(item.data(ID_ROLE)), str(item.data(NAME_ROLE))

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        person_id = index.data(ID_ROLE)
        name = index.data(NAME_ROLE)
        if person_id is None:
            return
        self.person_chosen.emit(int(person_id), str(name))
        # the completer writes the chosen name into the field after this signal: clear it then
        QTimer.singleShot(0, self.reset)

    def reset(self) -> None:
        self.clear()
        self.matches.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                event.ignore()  # Ctrl+Enter belongs to the dialog ("done")
                return
            if self._highlighted_completion():
                event.ignore()  # QCompleter then completes to the highlighted person
                return
            text = self.text().strip()
            if text:
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._completer.popup().hide()
                self.text_entered.emit(text, shift)
                event.accept()  # a typed name is never meant for the dialog's default button
                return
        super().keyPressEvent(event)


class PeoplePicker(QWidget):
    """Several people as removable chips, with a completing field to add more.

    Enter on typed text adds the best match, so "ana" Enter is enough when Ana is first.
    """

    changed = Signal()
    unmatched = Signal(str)  # Enter on text that matches nobody

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self.chips = ChipBox(self)
        self.chips.setObjectName("people_chips")
        self.input = PersonLineEdit(self)
        self.input.setObjectName("people_input")
        self.input.setPlaceholderText(placeholder)
        self.input.person_chosen.connect(self.add_person)
        self.input.text_entered.connect(self._add_best_match)
        self.chips.changed.connect(self._chips_changed)
        self.setFocusProxy(self.input)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.chips)
        layout.addWidget(self.input)

    def people(self) -> list[int]:
        return [int(k) for k in self.chips.key_list()]

    def set_people(self, ids: list[int]) -> None:
        self.chips.clear()
        for person_id, name, organization in lookup.briefs(ids):
            self._add_chip(person_id, name, organization)
        self._chips_changed()

    @Slot(int, str)
    def add_person(self, person_id: int, name: str) -> None:
        organization = self._organization_of(person_id)
        self._add_chip(person_id, name, organization)

    def _add_chip(self, person_id: int, name: str, organization: str) -> None:
        self.chips.add(person_id, name, organization)

    def _organization_of(self, person_id: int) -> str:
        for row in range(self.input.matches.rowCount()):
            item = self.input.matches.item(row)
            if item.data(ID_ROLE) == person_id:
                return str(item.data(ORG_ROLE) or "")
        return ""

    @Slot(str, bool)
    def _add_best_match(self, text: str, _shift: bool) -> None:
        best = self.input.best_match(text)
        if best is None:
            self.unmatched.emit(text)
            return
        self.add_person(*best)
        self.input.reset()

    def _chips_changed(self) -> None:
        self.input.set_excluded(set(self.people()))
        self.chips.setVisible(len(self.chips) > 0)
        self.changed.emit()
