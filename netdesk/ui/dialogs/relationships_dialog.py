"""The people someone is linked to: add a link, change its kind, remove it.

    relationships_dialog.edit(parent, person_id, undo_stack, report_error)

Each change is stored as it is made (`core.relationships`), so there is nothing to save or lose
on closing; both people's panes show a link. Given the window's undo stack, each change is a
command on it: Ctrl+Z after closing takes the last one back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import lookup, relationships
from netdesk.core.relationships import Link
from netdesk.qt import plain
from netdesk.qt.commands import AddedCommand
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.feedback import FieldMessage
from netdesk.ui.dialogs.person_field import PersonLineEdit
from netdesk.ui.dialogs.relationship_roles import Role, role_names, role_of


def edit(
    parent: QWidget | None,
    person_id: int,
    undo_stack: QUndoStack | None = None,
    report_error: Callable[[str], None] | None = None,
) -> None:
    """Show the links of one person until the user closes the dialog; with the window's undo
    stack each change can be undone (`report_error` says why an undo could not be done)."""
    dialog = RelationshipsDialog(parent, person_id, undo_stack, report_error)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


CHANGED = -1  # what a change that has no id of its own gives the undo command


def _role_box(parent: QWidget, roles: list[tuple[Role, str]], name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    for _role, label in roles:
        box.addItem(label)  # the row's index in `roles` says the role (a tuple is no item data)
    return box


class RelationshipsDialog(QDialog):
    """One row per link (name, kind, Remove), and a row to link someone new."""

    def __init__(
        self,
        parent: QWidget | None,
        person_id: int,
        undo_stack: QUndoStack | None = None,
        report_error: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relationships_dialog")
        self.person_id = person_id
        self.undo_stack = undo_stack
        self.report_error = report_error
        name = plain.clip(lookup.name_of(person_id) or self.tr("this person"))
        self.setWindowTitle(self.tr("People linked to {name}").format(name=name))
        self.setMinimumWidth(520)
        self.roles = list(role_names().items())
        self.links: list[Link] = []
        self.rows = QWidget(self)
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.new_role = _role_box(self, self.roles, "new_role")
        self.new_person = PersonLineEdit(self)
        self.new_person.setObjectName("new_person")
        self.new_person.setPlaceholderText(self.tr("Type a name and press Enter"))
        self.new_person.set_excluded({person_id})
        self.new_person.person_chosen.connect(self.add_link)
        self.new_person.text_entered.connect(self._add_best_match)
        self.message = FieldMessage(self, "message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_role)
        add_row.addWidget(self.new_person, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows)
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.reload()
        self.new_person.setFocus()

    def reload(self) -> None:
        """Show the links as stored now."""
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.links = relationships.links(self.person_id)
        if not self.links:
            empty = QLabel(self.tr("No one linked yet."), self.rows)
            empty.setObjectName("no_links")
            self.grid.addWidget(empty, 0, 0)
        for row, link in enumerate(self.links):
            self._add_row(row, link)

    def _add_row(self, row: int, link: Link) -> None:
        role = _role_box(self.rows, self.roles, f"link_role_{row}")
        role.setCurrentIndex([r for r, _ in self.roles].index(role_of(link)))
        role.currentIndexChanged.connect(lambda i, r=row: self.change(r, self.roles[i][0]))
        name = QLabel(plain.clip(link.other_name), self.rows)
        name.setTextFormat(Qt.TextFormat.PlainText)  # a name someone typed or imported
        name.setObjectName(f"link_name_{row}")
        remove = QPushButton(self.tr("Remove"), self.rows)
        remove.setObjectName(f"link_remove_{row}")
        remove.setAutoDefault(False)
        remove.clicked.connect(lambda _=False, r=row: self.remove(r))
        self.grid.addWidget(role, row, 0)
        self.grid.addWidget(name, row, 1)
        self.grid.addWidget(remove, row, 2)
        self.grid.setColumnStretch(1, 1)

    @Slot(int, str)
    def add_link(self, other_id: int, _name: str = "") -> None:
        kind, outgoing = self.roles[self.new_role.currentIndex()][0]
        a, b = (self.person_id, other_id) if outgoing else (other_id, self.person_id)
        text = self.tr("Link %1").replace("%1", plain.clip(lookup.name_of(other_id)))
        add = lambda: relationships.added(a, b, kind)  # noqa: E731 - a tiny callback
        if modal.guarded_write(self, lambda: self._command(text, add, relationships.take_back)):
            self.new_person.reset()
            self.message.clear_message()
            self.reload()

    @Slot(str, bool)
    def _add_best_match(self, text: str, _shift: bool) -> None:
        best = self.new_person.best_match(text)
        if best is None:
            message = self.tr("No one matches “{text}”. Add them as a person first.")
            self.message.show_warning(message.format(text=text))
            return
        self.add_link(best[0])

    def change(self, row: int, role: Role) -> None:
        kind, outgoing = role
        link = self.links[row]
        person_id, other_id = self.person_id, link.other_id
        a, b = (person_id, other_id) if outgoing else (other_id, person_id)
        done: list[tuple[relationships.Removed, int]] = []
        current = [link]

        def make() -> int:
            removed = relationships.remove_keeping(person_id, current[0])
            done[:] = [(removed, relationships.added(a, b, kind, link.note))]
            return CHANGED

        def take_back(_ref: int) -> None:
            removed, made = done[0]
            relationships.take_back(made)
            current[0] = dataclasses.replace(link, id=relationships.put_back(removed))

        text = self.tr("Change the link with %1").replace("%1", plain.clip(link.other_name))
        modal.guarded_write(self, lambda: self._command(text, make, take_back))
        self.reload()

    def remove(self, row: int) -> None:
        link = self.links[row]
        person_id = self.person_id
        removed: list[relationships.Removed] = []
        current = [link]  # undo may put it back under a new id, which redo removes again

        def take_out() -> int:
            removed[:] = [relationships.remove_keeping(person_id, current[0])]
            return CHANGED

        def put_back(_ref: int) -> None:
            current[0] = dataclasses.replace(link, id=relationships.put_back(removed[0]))

        text = self.tr("Remove the link with %1").replace("%1", plain.clip(link.other_name))
        modal.guarded_write(self, lambda: self._command(text, take_out, put_back))
        self.reload()

    def _command(self, text: str, do: Callable[[], int], undo: Callable[[int], None]) -> None:
        """Make a change, as a command on the window's undo stack when there is one; `do`
        returns 0 when it changed nothing (a link that was there already: nothing to undo)."""
        if self.undo_stack is None:
            do()
            return
        command = AddedCommand(text, do, undo, self.report_error)
        if command.ref:
            self.undo_stack.push(command)
