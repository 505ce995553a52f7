"""Who the main window is about: the person shown in the pane and the people chosen in the list,
the actions that need them, and the pane's requests to act on them. Mixed into `MainWindow`."""

from __future__ import annotations

from netdesk.values import TagKind


class WindowSelection:
    """The chosen people of `MainWindow`."""

    def _update_actions(self) -> None:
        has_person = bool(self.current_person())
        for action in (
            self.act_edit,
            self.act_favour,
            self.act_follow,
            self.act_introduce,
            self.act_archive,
            self.act_unarchive,
            self.act_delete,
        ):
            action.setEnabled(has_person)
        self.act_merge.setEnabled(len(self.table.selected_people()) == 2)
        self.act_log.setEnabled(self._has_anyone)
        self.act_prep.setEnabled(has_person or bool(self.selected_people()))  # else it did nothing

    def _person_selected(self, person_id: int) -> None:
        self.pane.show_person(person_id)
        self._update_actions()

    def current_person(self) -> int:
        return self._pane.person_id if self._pane is not None else 0  # no pane yet: nobody

    def selected_people(self) -> list[int]:
        if self.center.currentWidget() is self.table:
            return self.table.selected_people()
        person_id = self.current_person()
        return [person_id] if person_id else []

    def reveal_person(self, person_id: int) -> None:
        """Show this person: select them in the list when they are in it, and in the pane."""
        if not self.table.select_person(person_id):
            self.pane.show_person(person_id)
        self._update_actions()

    def show_person(self, person_id: int) -> None:
        """From outside (a reminder, `--show-person`): show everyone, then this person."""
        on_a_page = self.sidebar.current_key() in ("today", "network")
        if on_a_page or not self.table.select_person(person_id):
            self.sidebar.select_key("all")
        self.reveal_person(person_id)
        self.raise_window()

    def raise_window(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _pane_action(self, action: str, person_id: int) -> None:
        acts = self.person_actions
        {
            "edit": lambda: acts.edit_person(person_id),
            "log": lambda: acts.log_interaction([person_id]),
            "favour": lambda: acts.add_favour(person_id),
            "follow_up": lambda: acts.set_follow_up(person_id),
            "introduce": lambda: acts.introduce(person_id),
            "links": lambda: acts.edit_links(person_id),
        }[action]()

    def _circle_names(self) -> list[str]:
        """Names for completion, from the sidebar's last count (no query on the GUI thread)."""
        data = self.sidebar_data
        return [c.name for c in data.circles] if data else []

    def _tag_names(self) -> list[tuple[TagKind, str]]:
        data = self.sidebar_data
        return [(TagKind(t.detail), t.name) for t in data.tags] if data else []
