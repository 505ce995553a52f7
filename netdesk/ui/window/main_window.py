"""The main window: sidebar | people (or Today) | the person pane, with search on top.

Every view refreshes from the change notifier; long work (counting the sidebar, importing,
exporting, backing up) runs in workers so the window never freezes. This module is the layout and
the views; what the window does is in the objects it owns: `person_actions`, `file_actions` and
`menus` (its actions, menu bar and toolbar); `geometry` remembers its size. Its mixins:
`window_center` (which page the middle shows, search), `window_selection` (who is chosen),
`window_refresh` (following the store, the sidebar and status bar counts) and `window_requests`
(drops, messages from a second start, the other windows it opens).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QIcon, QPaintEvent, QPalette, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from netdesk.core import sidebar
from netdesk.core.listing import ListQuery
from netdesk.core.store import ChangeSet
from netdesk.qt import i18n
from netdesk.qt.avatars import AvatarCache
from netdesk.qt.change_bridge import ChangeNotifier
from netdesk.qt.people_model import PeopleModel
from netdesk.qt.sidebar_model import SidebarModel
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
from netdesk.ui.window.window_center import WindowCenter
from netdesk.ui.window.window_refresh import WindowRefresh
from netdesk.ui.window.window_requests import WindowRequests
from netdesk.ui.window.window_selection import WindowSelection

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

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


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH))


def settings_store() -> QSettings:
    return QSettings("netdesk", "netdesk")


class MainWindow(WindowCenter, WindowSelection, WindowRefresh, WindowRequests, QMainWindow):
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


def _notify_reminders() -> None:
    try:
        from netdesk.reminders import client
    except ImportError:
        return
    try:
        client.notify_reload()
    except Exception:  # the reminders service is optional; the window must not care
        log.debug("could not notify the reminders service", exc_info=True)
