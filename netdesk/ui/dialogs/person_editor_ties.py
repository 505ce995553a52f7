"""What ties the person in the editor to others: the circles they are in (with each circle's
cadence), who introduced you (met through) and their relationships, edited in their own dialog
and summed up here. Mixed into `PersonEditor`."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QListWidgetItem

from netdesk.core import lookup, people
from netdesk.qt import plain

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
CADENCE_ROLE = Qt.ItemDataRole.UserRole + 2


class EditorTies:
    """Circles, met through and links of `PersonEditor`."""

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
