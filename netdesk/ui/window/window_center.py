"""What the middle of the main window shows: the people list (filtered by the sidebar, a search,
an import or the marks of the Network page), Today, the Network page, or a page saying nobody is
here. Mixed into `MainWindow`; the pages are made when first shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from netdesk.core.listing import Filter, ListQuery
from netdesk.qt.sidebar_model import Entry, Kind
from netdesk.ui.window import geometry

if TYPE_CHECKING:
    from netdesk.qt.due_model import DueModel
    from netdesk.ui.views.empty_state import EmptyState, NobodyHere
    from netdesk.ui.views.network_page import NetworkPage
    from netdesk.ui.views.today_view import TodayView


class WindowCenter:
    """The pages and search of `MainWindow`."""

    @property
    def due_model(self) -> DueModel:
        if self._due_model is None:
            from netdesk.qt.due_model import DueModel

            self._due_model = DueModel(self)
        return self._due_model

    @property
    def today(self) -> TodayView:
        if self._today is None:
            from netdesk.ui.views.today_view import TodayView

            self._today = TodayView(self.due_model, self.avatars, self)
            self._today.current_person_changed.connect(self._person_selected)
            self._today.person_activated.connect(self.reveal_person)
            from netdesk.ui.window.today_actions import TodayActions

            acts = TodayActions(self._host(), self.person_actions.log_interaction, self.show_person)
            acts.serve(self._today, self.notifier.changed)
            self._today.week.changed.connect(self._update_center)  # a plan shows Today
            self.center.addWidget(self._today)
        return self._today

    @property
    def network(self) -> NetworkPage:
        if self._network is None:
            from netdesk.ui.views.network_page import NetworkPage

            self._network = NetworkPage(self.workers, self)
            self._network.people_chosen.connect(self.show_people)
            self._network.person_current.connect(self._person_selected)
            self._network.person_opened.connect(self.show_person)
            self.center.addWidget(self._network)
        return self._network

    def show_network(self) -> None:
        """View > Network: the pictures of how you keep in touch."""
        self.search.clear()
        self.sidebar.select_key("network")

    def show_people(self, ids: list[int], words: str) -> None:
        """List exactly these people (the ones behind a mark of the Network page)."""
        self.search.clear()
        self.people_model.set_query(ListQuery(filter=Filter.PEOPLE, ids=tuple(ids)))
        # the list takes the focus from the page before the sidebar forgets its entry: a
        # sidebar given the focus with no entry chosen would choose its first (All people)
        self.center.setCurrentWidget(self.table)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sidebar.forget_choice()
        self._update_center()
        self.show_message(self.tr("%1: %Ln person(s)", "", len(ids)).replace("%1", words))

    @property
    def empty(self) -> EmptyState:
        if self._empty is None:
            from netdesk.ui.views.empty_state import EmptyState

            self._empty = EmptyState(self)
            self._empty.import_clicked.connect(self.file_actions.choose_import_files)
            self._empty.add_clicked.connect(self.person_actions.new_person)
            self.center.addWidget(self._empty)
        return self._empty

    @property
    def nobody(self) -> NobodyHere:
        if self._nobody is None:
            from netdesk.ui.views.empty_state import NobodyHere

            self._nobody = NobodyHere(self)
            self._nobody.action_clicked.connect(self.search_everyone)
            self.center.addWidget(self._nobody)
        return self._nobody

    # --- the center -------------------------------------------------------------------------

    def _entry_chosen(self, entry: Entry) -> None:
        if entry.kind in (Kind.TODAY, Kind.NETWORK):
            self._update_center()
            return
        chosen = entry.list_filter()
        if chosen is None:
            return
        kind, value, search = chosen
        if entry.kind is Kind.SMART:
            self.search.blockSignals(True)
            self.search.setText(search)
            self.search.blockSignals(False)
        query = ListQuery(
            search=self.search.text(),
            filter=kind,
            value=value,
            sort=self.people_model.query.sort,
            descending=self.people_model.query.descending,
        )
        self.people_model.set_query(query)
        self._update_center()

    def _update_center(self) -> None:
        entry = self.sidebar.current_entry()
        if not self._has_anyone:
            page: QWidget = self.empty
        elif entry is not None and entry.kind is Kind.TODAY and not self.search.text():
            page = self.today
            nothing = self.due_model.rowCount() == 0 and not self.today.has_plan()
            if nothing and self.sidebar_data is not None:
                self.nobody.set_text(self.tr("Nothing is due. Enjoy your day."))
                page = self.nobody
        elif entry is not None and entry.kind is Kind.NETWORK and not self.search.text():
            page = self.network
        elif self.people_model.rowCount() == 0:
            self._say_nobody(self.search.text().strip(), entry)
            page = self.nobody
        else:
            page = self.table
        if self.center.currentWidget() is not page:
            self.center.setCurrentWidget(page)
        pane = self.pane_slot()
        if pane.isHidden() and self._has_anyone:
            pane.setVisible(True)
            geometry.keep_panes_usable(self)
        else:
            pane.setVisible(self._has_anyone)
        self._update_actions()

    def _say_nobody(self, text: str, entry: Entry | None) -> None:
        """Nobody in this view: when a search found nobody in one list (an event, a circle, an
        import's people), say where it looked and offer everyone in one click."""
        if not text:
            self.nobody.set_text(self.tr("Nobody here yet."))
        elif self.people_model.query.filter is Filter.ALL:
            self.nobody.set_text(self.tr("Nobody matches “%1”.").replace("%1", text))
        else:
            where = entry.label if entry is not None else self.tr("this list")
            self.nobody.set_text(
                self.tr("Nobody in “%1” matches “%2”.").replace("%1", where).replace("%2", text),
                action=self.tr("Search everyone"),
            )

    def search_everyone(self) -> None:
        """Keep what was typed, look through all people."""
        self.sidebar.select_key("all")
        self._apply_search()

    # --- search -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_typed(self, text: str) -> None:
        self.act_save_search.setVisible(bool(text.strip()))
        if text and self.sidebar.current_key() in ("today", "network"):
            self.sidebar.select_key("all")  # search looks through people, not the pages
        self._search_timer.start()

    def _apply_search(self) -> None:
        self.people_model.set_search(self.search.text())
        self._update_center()

    def _enter_list(self) -> None:
        """Down or Enter in the search field: go to the first person found."""
        self._search_timer.stop()
        self._apply_search()  # a query still waiting for its timer runs now
        if self.center.currentWidget() is self.table and self.people_model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.table.currentIndex().isValid():
                first = self.people_model.person_id(0)
                if first:
                    self.table.select_person(first)

    def save_search(self) -> None:
        query = self.search.text().strip()
        if query:
            self.person_actions.ask_smart_list_name(query)

    def show_import_batch(self, batch_id: int) -> None:
        """List the people one import brought in."""
        self.search.clear()
        self.sidebar.forget_choice()
        self.people_model.set_query(ListQuery(filter=Filter.IMPORT, value=batch_id))
        self._update_center()
