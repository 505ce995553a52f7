"""The main window: sidebar | people (or Today) | the person pane, with search on top.

Every view refreshes from the change notifier; long work (counting the sidebar, importing,
exporting, backing up) runs in workers so the window never freezes. This module is the layout and
the views; what the window does is in the objects it owns: `person_actions`, `file_actions` and
`menus` (its actions, menu bar and toolbar); `geometry` remembers its size.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QIcon, QPaintEvent, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk import __version__
from netdesk.core import sidebar
from netdesk.core.listing import Filter, ListQuery
from netdesk.core.store import ChangeSet
from netdesk.qt import i18n, plain
from netdesk.qt.avatars import AvatarCache
from netdesk.qt.change_bridge import PEOPLE_TOPICS, ChangeNotifier, touches
from netdesk.qt.people_model import PeopleModel
from netdesk.qt.sidebar_model import Entry, Kind, SidebarModel
from netdesk.qt.workers import Workers
from netdesk.system import paths
from netdesk.ui.views.people_view import PeopleTable
from netdesk.ui.views.sidebar import SidebarView
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.search_field import SearchField
from netdesk.ui.window import geometry
from netdesk.ui.window.file_actions import DropFilter, FileActions
from netdesk.ui.window.geometry import MIN_SIZE, PANE_MIN_WIDTH
from netdesk.ui.window.host import Host
from netdesk.ui.window.menus import WindowMenus
from netdesk.ui.window.person_actions import PersonActions
from netdesk.ui.window.sync_actions import WindowSync
from netdesk.values import TagKind, Topic

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent

    from netdesk.core.sidebar import SidebarData
    from netdesk.qt.due_model import DueModel
    from netdesk.ui.views.empty_state import EmptyState, NobodyHere
    from netdesk.ui.views.network_page import NetworkPage
    from netdesk.ui.views.person_pane import PersonPane
    from netdesk.ui.views.today_view import TodayView

log = logging.getLogger(__name__)

ICON_PATH = paths.package_data("netdesk.svg")
SIDEBAR_DELAY_MS = 150  # coalesce bursts of changes before recounting the sidebar
RELOAD_DELAY_MS = 400  # and before telling the reminders service
MAX_TIMER_MS = 2**31 - 1


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH))


def settings_store() -> QSettings:
    return QSettings("netdesk", "netdesk")


class MainWindow(QMainWindow):
    def __init__(
        self,
        db_path: Path,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        i18n.install()
        self.setObjectName("main_window")
        self.db_path = Path(db_path)
        self.settings = settings or settings_store()
        self.setWindowTitle("netdesk")
        self.setAcceptDrops(True)
        self.notifier = ChangeNotifier(self)
        self.workers = Workers(self)
        self.undo_stack = QUndoStack(self)
        host = self._host()
        self.person_actions = PersonActions(host)
        self.file_actions = FileActions(host, self.db_path, self.show_import_batch)
        self.sync = WindowSync(host)
        self.avatars = AvatarCache()
        self.people_model = PeopleModel(self)
        self.sidebar_model = SidebarModel(self)
        self._due_model: DueModel | None = None  # made with the first counts (Today's list)
        self.sidebar_data: SidebarData | None = None
        self._sidebar_task = None
        self._sidebar_again = False
        self._pending_sidebar_key = ""
        self._pending_changes = ChangeSet()  # gathered until the views refresh
        self._has_anyone = sidebar.has_anyone()
        self._build_widgets()
        self.menus = WindowMenus(self)
        self.menus.make_actions()
        self.table.selection_changed.connect(self._update_actions)
        self.menus.make_menu_bar()
        self._build_toolbar()
        self._build_status_bar()
        self._timers()
        self.notifier.changed.connect(self._store_changed)
        self.people_model.set_query(ListQuery())
        self._update_center()
        self.setMinimumSize(*MIN_SIZE)
        geometry.restore(self)
        self.search.installEventFilter(DropFilter(self.file_actions))
        self._painted = False
        self._after_paint: list[Callable[[], None]] | None = [
            self._start_sidebar,
            lambda: self.setWindowIcon(app_icon()),  # for the title bar and task switcher
            self.menus.draw_missing_icons,
            self._build_pane,
            self.sync.start,
        ]

    def _host(self) -> Host:
        """What the objects acting for the window get to work with."""
        return Host(
            widget=self,
            undo_stack=self.undo_stack,
            workers=self.workers,
            current_person=self.current_person,
            selected_people=self.selected_people,
            reveal_person=self.reveal_person,
            show_message=self.show_message,
            report_error=self.report_error,
        )

    # --- building -----------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.sidebar = SidebarView(self.sidebar_model, self)
        self.sidebar.setMinimumWidth(170)
        self.sidebar.entry_chosen.connect(self._entry_chosen)
        self.sidebar.delete_smart_list.connect(self.person_actions.delete_smart_list)
        self.table = PeopleTable(self.people_model, self.avatars, self)
        self.table.current_person_changed.connect(self._person_selected)
        self.table.person_activated.connect(self.person_actions.edit_person)
        self.center = QStackedWidget(self)
        self.center.setObjectName("center")
        self.center.addWidget(self.table)
        self._today: TodayView | None = None  # the other pages are made when first shown
        self._network: NetworkPage | None = None
        self._empty: EmptyState | None = None
        self._nobody: NobodyHere | None = None
        # The person pane is built once the window is on screen (or when first needed); until
        # then its place shows what the empty pane shows.
        self._pane: PersonPane | None = None
        self._pane_stand_in = QLabel(self.tr("Choose someone to see their story."), self)
        self._pane_stand_in.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pane_stand_in.setWordWrap(True)
        self._pane_stand_in.setMinimumWidth(PANE_MIN_WIDTH)
        palette = self._pane_stand_in.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted(palette))
        self._pane_stand_in.setPalette(palette)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(self._pane_stand_in)
        self.splitter.setStretchFactor(1, 1)
        for index in range(3):  # a pane dragged to nothing is lost to anyone who cannot see it
            self.splitter.setCollapsible(index, False)
        self.splitter.setSizes([210, 780, 410])
        self.splitter.setHandleWidth(1)
        central = QWidget(self)
        self._banners = QVBoxLayout(central)  # offers and notices above the panes
        self._banners.setContentsMargins(0, 0, 0, 0)
        self._banners.setSpacing(0)
        self._banners.addWidget(self.splitter, 1)  # a banner takes only its own height
        self.setCentralWidget(central)

    @property
    def pane(self) -> PersonPane:
        if self._pane is None:
            self._build_pane()
        assert self._pane is not None
        return self._pane

    def _build_pane(self) -> None:
        if self._pane is not None:
            return
        from netdesk.ui.views.person_pane import PersonPane

        pane = PersonPane(self, circle_names=self._circle_names, tag_names=self._tag_names)
        pane.person_link_activated.connect(self.reveal_person)
        pane.action_requested.connect(self._pane_action)
        acts = self.person_actions
        pane.circles_edited.connect(acts.change_circles)
        pane.tags_edited.connect(acts.change_tags)
        pane.favour_done.connect(acts.mark_favour)
        pane.need_added.connect(acts.add_need)
        pane.need_removed.connect(acts.remove_need)
        pane.follow_up_done.connect(acts.mark_follow_up)
        sizes = self.splitter.sizes()
        stand_in = self._pane_stand_in
        pane.setVisible(not stand_in.isHidden())
        self.splitter.replaceWidget(2, pane)
        self.splitter.setSizes(sizes)
        stand_in.deleteLater()
        self._pane = pane

    def show_banner(self, banner: QWidget) -> None:
        """A line across the top of the window (an offer) until it hides itself."""
        self._banners.insertWidget(self._banners.count() - 1, banner)
        banner.show()

    def pane_slot(self) -> QWidget:
        return self._pane if self._pane is not None else self._pane_stand_in

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

    def _build_toolbar(self) -> None:
        self.search = SearchField(self.tr("Search names, companies, notes, tags…  (Ctrl+F)"), self)
        self.search.addAction(self.act_save_search, SearchField.ActionPosition.TrailingPosition)
        self.act_save_search.setVisible(False)
        self.search.textChanged.connect(self._search_typed)
        self.search.into_list.connect(self._enter_list)
        self.toolbar = self.menus.make_toolbar(self.search)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("status_counts")
        self.counts_label.setContentsMargins(0, 0, 10, 0)
        self.statusBar().addPermanentWidget(self.sync.label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().setSizeGripEnabled(False)

    def _timers(self) -> None:
        self._search_timer = self._timer(0, self._apply_search)  # keys typed faster than a query
        self._refresh_timer = self._timer(0, self._refresh_views)
        self._sidebar_timer = self._timer(SIDEBAR_DELAY_MS, self.refresh_sidebar)
        self._reload_timer = self._timer(RELOAD_DELAY_MS, _notify_reminders)
        self._settle_fallback = self._timer(400, self._settle)  # no paint comes (hidden): settle
        self._snooze_timer = self._timer(0, self.refresh_sidebar)  # a snoozed item comes back
        self._settle_fallback.start()

    def _timer(self, interval_ms: int, slot: Callable[[], object]) -> QTimer:
        """A single-shot timer: (re)started by each change, it runs `slot` once they pause."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # --- state --------------------------------------------------------------------------------

    def save_state(self) -> None:
        geometry.save(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.notifier.stop()
        self.sync.stop()
        for timer in (
            self._search_timer,
            self._refresh_timer,
            self._sidebar_timer,
            self._settle_fallback,
            self._snooze_timer,
        ):
            timer.stop()
        if self._reload_timer.isActive():  # changes are pending: tell the reminders now
            self._reload_timer.stop()
            _notify_reminders()
        self.workers.shutdown()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark: icons take the new text
            self.menus.draw_icons()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._settle)  # once this first paint pass is on screen

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the window is first on screen: work nobody sees at start (the
        log file, the daily backup, the person pane) does not delay it."""
        if self._after_paint is None:
            QTimer.singleShot(0, callback)
        else:
            self._after_paint.append(callback)

    def _settle(self) -> None:
        self._settle_fallback.stop()
        callbacks, self._after_paint = self._after_paint or [], None
        for callback in callbacks:
            callback()

    def _start_sidebar(self) -> None:
        if self.sidebar_data is None and self._sidebar_task is None:
            self.refresh_sidebar()

    # --- reacting to the store ----------------------------------------------------------------

    def _store_changed(self, changes: ChangeSet) -> None:
        if Topic.PEOPLE in changes.topics or Topic.IMPORTS in changes.topics:
            self.avatars.forget(changes.people or None)
        self._pending_changes.topics |= changes.topics
        self._pending_changes.people |= changes.people
        if self._network is not None:
            self._network.store_changed()
        self.sync.store_changed()
        self._refresh_timer.start()
        self._sidebar_timer.start()
        self._reload_timer.start()

    def _refresh_views(self) -> None:
        changes, self._pending_changes = self._pending_changes, ChangeSet()
        if touches(changes, {"people", "imports"}):
            self._has_anyone = sidebar.has_anyone()
        if touches(changes, PEOPLE_TOPICS):
            self.people_model.refresh()
            current = self.current_person()
            if current and self.table.current_person() != current:
                self.table.select_person(current)
        if self._pane is not None:
            self._pane.refresh_for(changes)
        self._update_center()

    def refresh_sidebar(self) -> None:
        """Recount the sidebar in a worker (one at a time; a change meanwhile counts again)."""
        if self._sidebar_task is not None:
            self._sidebar_again = True
            return
        self._sidebar_task = self.workers.start(
            lambda _progress: sidebar.load(dt.date.today()),
            on_done=self._sidebar_loaded,
            on_error=self._sidebar_failed,
        )

    def _sidebar_loaded(self, data: SidebarData) -> None:
        self._sidebar_task = None
        self.sidebar_data = data
        self.sidebar_model.set_data(data)
        self.due_model.set_items(data.due_items)
        self._wake_at(data.snooze_ends)
        self._update_counts()
        if self._pending_sidebar_key and self.sidebar.select_key(self._pending_sidebar_key):
            self._pending_sidebar_key = ""
        self._update_center()  # changes not yet shown stay pending for `_refresh_views`
        if self._sidebar_again:
            self._sidebar_again = False
            self.refresh_sidebar()

    def _wake_at(self, moment: dt.datetime | None) -> None:
        """Count again when a snooze ends, so what it hid returns to Today on its own."""
        if moment is None:
            self._snooze_timer.stop()
            return
        delay_ms = (moment - dt.datetime.now()).total_seconds() * 1000 + 500
        self._snooze_timer.start(int(min(max(delay_ms, 0), MAX_TIMER_MS)))

    def _sidebar_failed(self, exc: BaseException) -> None:
        self._sidebar_task = None
        log.warning("sidebar counts failed: %s", exc)

    def _update_counts(self) -> None:
        data = self.sidebar_data
        if data is None:
            return
        people = self.tr("%Ln person(s)", "", data.people)
        due = self.tr("%Ln due", "", data.due_now) if data.due_now else self.tr("nothing due")
        self.counts_label.setText(f"{people}  ·  {due}")

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

    # --- files (dropped here; the rest is `file_actions`) --------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.file_actions.accepts_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.file_actions.accepts_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.file_actions.import_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def show_import_batch(self, batch_id: int) -> None:
        """List the people one import brought in."""
        self.search.clear()
        self.sidebar.forget_choice()
        self.people_model.set_query(ListQuery(filter=Filter.IMPORT, value=batch_id))
        self._update_center()

    # --- other windows ------------------------------------------------------------------------

    def open_settings(self) -> None:
        from netdesk.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self, self.db_path, self.workers, self.sync.runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.settings_dialog = dialog

    def show_shortcuts(self) -> None:
        from netdesk.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self, self.actions())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_dialog = dialog

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About netdesk"),
            self.tr(
                "<b>netdesk %1</b><br>Keep your professional relationships alive.<br>"
                "Your data stays on this computer."
            ).replace("%1", __version__),
        )

    def capture_event(self) -> None:
        """Capture people at an event, then show that event's people."""
        event_id = self.person_actions.capture_event()
        if event_id:
            self._pending_sidebar_key = f"event:{event_id}"
            self.refresh_sidebar()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(plain.clip(text, plain.TOOLTIP), 6000)

    def report_error(self, message: str) -> None:
        """One clear sentence, without blocking the window."""
        from PySide6.QtWidgets import QMessageBox

        message = plain.clip(message, plain.TOOLTIP)
        self.show_message(message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("netdesk"), message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # errors quote names and files
        box.setObjectName("error_box")
        box.open()

    # --- messages from a second start ---------------------------------------------------------

    def handle_message(self, message: dict) -> None:
        """`{"cmd": "show_person", "id": N}`, `{"cmd": "open_files", "files": [...]}` or
        `{"cmd": "raise"}` from another `netdesk` start or the reminders service."""
        command = message.get("cmd")
        if command == "show_person" and isinstance(message.get("id"), int):
            self.show_person(message["id"])
        elif command == "open_files":
            files = [Path(f) for f in message.get("files", []) if isinstance(f, str)]
            self.raise_window()
            if files:
                self.file_actions.open_files(files)
        else:
            self.raise_window()


def _notify_reminders() -> None:
    try:
        from netdesk.reminders import client
    except ImportError:
        return
    try:
        client.notify_reload()
    except Exception:  # the reminders service is optional; the window must not care
        log.debug("could not notify the reminders service", exc_info=True)
