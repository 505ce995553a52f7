"""The window's commands: every action (its text, shortcut and icon), the menu bar and the
toolbar.

The actions stay the window's attributes (`window.act_new`, `window.act_undo`…): the shortcuts
dialog and tests find them there. Their handlers are the window's, its `person_actions` and its
`file_actions`. Icons are drawn in the palette's text colour: the toolbar's at once, the menus'
once the window is on screen, all again when the palette changes (light <-> dark).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolBar, QWidget

from netdesk.qt import plain
from netdesk.ui.widgets import icons

if TYPE_CHECKING:
    from netdesk.ui.window.main_window import MainWindow

ICON_SIZE = 18


class StackAction(QAction):
    """Undo or Redo of `stack`, named after the command it would take back."""

    def __init__(self, parent: QWidget, stack: QUndoStack, *, redo: bool) -> None:
        super().__init__(parent)
        if redo:
            self._bare, self._named = self.tr("&Redo"), self.tr("&Redo %1")
            self.setShortcut(QKeySequence.StandardKey.Redo)
            self.triggered.connect(lambda _checked=False: stack.redo())
            stack.canRedoChanged.connect(self.setEnabled)
            stack.redoTextChanged.connect(self.name_after)
            self.setEnabled(stack.canRedo())
            self.name_after(stack.redoText())
        else:
            self._bare, self._named = self.tr("&Undo"), self.tr("&Undo %1")
            self.setShortcut(QKeySequence.StandardKey.Undo)
            self.triggered.connect(lambda _checked=False: stack.undo())
            stack.canUndoChanged.connect(self.setEnabled)
            stack.undoTextChanged.connect(self.name_after)
            self.setEnabled(stack.canUndo())
            self.name_after(stack.undoText())

    def name_after(self, command: str) -> None:
        """A command's text names people as typed: an "&" in it is shown, not taken as the
        mnemonic."""
        self.setText(
            self._named.replace("%1", plain.action_text(command)) if command else self._bare
        )


def show_moved_on(window: MainWindow) -> None:
    """Tools > Who moved on…: the job and email changes imports found, to accept or reject."""
    from netdesk.ui.dialogs import job_changes_dialog

    job_changes_dialog.show_review(
        window, window.workers, window.undo_stack, on_error=window.report_error
    )


def show_network_picture(window: MainWindow) -> None:
    """View > Network picture…: everyone drawn around their circles and organisations."""
    from netdesk.ui.dialogs import network_graph_view

    network_graph_view.show_picture(window, window.workers, window.notifier, window.reveal_person)


class WindowMenus:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._icons: list[tuple[QAction, str]] = []  # re-drawn when the palette changes

    def action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
        icon: str = "",
        name: str = "",
    ) -> QAction:
        """An action of the window (its shortcut works wherever the focus is in it)."""
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            self._icons.append((action, icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def make_actions(self) -> None:
        self._person_actions()
        self._other_actions()
        self._undo_actions()
        self._people_context_menu()

    def _people_context_menu(self) -> None:
        """A right click in the list offers what the Person menu does to the people chosen."""
        table = self.window.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.show_people_menu)

    def show_people_menu(self, pos: QPoint) -> QMenu:
        w = self.window
        menu = QMenu(w.table)
        menu.setObjectName("people_menu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions([w.act_edit, w.act_log, w.act_follow, w.act_introduce, w.act_prep])
        menu.addSeparator()
        menu.addActions([w.act_archive, w.act_delete])
        menu.popup(w.table.viewport().mapToGlobal(pos))
        return menu

    def _person_actions(self) -> None:
        w, tr, make, key = self.window, self.window.tr, self.action, QKeySequence.StandardKey
        acts = w.person_actions
        w.act_new = make(tr("&New person…"), acts.new_person, key.New, "add-person", "act_new")
        w.act_new.setIconText(tr("New person"))
        w.act_edit = make(tr("&Edit person…"), acts.edit_person, "Ctrl+E", "edit", "act_edit")
        w.act_log = make(tr("&Log interaction…"), acts.log_interaction, "Ctrl+L", "log", "act_log")
        w.act_log.setIconText(tr("Log interaction"))
        w.act_favour = make(
            tr("Add fa&vour…"), acts.add_favour, "Ctrl+Shift+F", "favour", "act_favour"
        )
        w.act_follow = make(
            tr("Set &follow-up…"), acts.set_follow_up, "Ctrl+R", "follow-up", "act_follow_up"
        )
        w.act_prep = make(tr("Meeting &prep…"), acts.meeting_prep, "Ctrl+Shift+P", "", "act_prep")
        w.act_event = make(
            tr("&Capture people at an event…"),
            w.capture_event,
            "Ctrl+Shift+E",
            "event",
            "act_event",
        )
        w.act_event.setIconText(tr("At an event"))
        w.act_archive = make(
            tr("&Archive"),
            lambda: acts.set_archived(True),
            "Ctrl+Shift+A",
            "archive",
            "act_archive",
        )
        w.act_unarchive = make(
            tr("&Unarchive"), lambda: acts.set_archived(False), None, "", "act_unarchive"
        )
        w.act_delete = make(tr("&Delete"), acts.delete_people, key.Delete, "", "act_delete")
        w.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.table.addAction(w.act_delete)
        w.act_merge = make(tr("&Merge two people…"), acts.merge_people, "Ctrl+M", "", "act_merge")
        w.act_duplicates = make(
            tr("Find &duplicates…"), acts.find_duplicates, None, "", "act_duplicates"
        )
        w.act_warm_paths = make(
            tr("&Who can introduce me…"), acts.find_warm_paths, None, "", "act_warm_paths"
        )
        w.act_introduce = make(
            tr("&Introduce…"), acts.introduce, "Ctrl+Shift+I", "", "act_introduce"
        )
        w.act_ways_to_help = make(
            tr("Ways to &help…"), acts.ways_to_help, None, "", "act_ways_to_help"
        )
        w.act_triage = make(
            tr("Sort people into ci&rcles…"), acts.sort_into_circles, None, "", "act_triage"
        )

    def _other_actions(self) -> None:
        w, tr, make, key = self.window, self.window.tr, self.action, QKeySequence.StandardKey
        files = w.file_actions
        w.act_import = make(
            tr("&Import…"), files.choose_import_files, "Ctrl+I", "import", "act_import"
        )
        w.act_export = make(
            tr("&Export…"), files.choose_export_file, "Ctrl+Shift+S", "", "act_export"
        )
        w.act_import_calendar = make(
            tr("Import &calendar…"), files.choose_calendar_file, None, "", "act_import_calendar"
        )
        w.act_backup = make(tr("&Back up now"), files.back_up_now, None, "", "act_backup")
        w.act_sync = make(tr("S&ync now"), w.sync.sync_now, "Ctrl+Shift+Y", "", "act_sync")
        w.act_sync_conflicts = make(
            tr("Sync co&nflicts…"), w.sync.review_conflicts, None, "", "act_sync_conflicts"
        )
        w.sync.attach(w.act_sync, w.act_sync_conflicts)
        w.act_settings = make(
            tr("&Settings…"), w.open_settings, key.Preferences, "", "act_settings"
        )
        if w.act_settings.shortcut().isEmpty():
            w.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        # Windows says Exit (and has no Quit shortcut); Linux and macOS desktops say Quit
        quit_text = tr("E&xit") if sys.platform == "win32" else tr("&Quit")
        w.act_quit = make(quit_text, w.close, key.Quit, "", "act_quit")
        w.act_find = make(tr("&Find"), w.focus_search, key.Find, "search", "act_find")
        w.act_save_search = make(
            tr("&Save search as smart list…"),
            w.save_search,
            "Ctrl+Shift+L",
            "smart",
            "act_save_search",
        )
        w.act_shortcuts = make(
            tr("&Keyboard shortcuts"), w.show_shortcuts, "Ctrl+/", "", "act_shortcuts"
        )
        w.act_about = make(tr("&About netdesk"), w.show_about, None, "", "act_about")
        w.act_moved_on = make(
            tr("Who &moved on…"), lambda: show_moved_on(w), None, "", "act_moved_on"
        )
        w.act_network = make(tr("&Network"), w.show_network, "Ctrl+Shift+N", "chart", "act_network")
        w.act_network_picture = make(
            tr("Network &picture…"),
            lambda: show_network_picture(w),
            "Ctrl+Shift+G",
            "",
            "act_network_picture",
        )

    def _undo_actions(self) -> None:
        w = self.window
        w.act_undo = StackAction(w, w.undo_stack, redo=False)
        w.act_undo.setObjectName("act_undo")
        w.act_redo = StackAction(w, w.undo_stack, redo=True)
        w.act_redo.setObjectName("act_redo")
        w.addAction(w.act_undo)
        w.addAction(w.act_redo)

    def make_menu_bar(self) -> None:
        w = self.window
        bar = w.menuBar()
        file = bar.addMenu(w.tr("&File"))
        file.addActions([w.act_import, w.act_import_calendar, w.act_export])
        file.addSeparator()
        file.addAction(w.act_backup)
        file.addSeparator()
        file.addAction(w.act_quit)
        edit = bar.addMenu(w.tr("&Edit"))
        edit.addActions([w.act_undo, w.act_redo])
        edit.addSeparator()
        edit.addActions([w.act_find, w.act_save_search])
        view = bar.addMenu(w.tr("&View"))
        view.setObjectName("menu_view")
        view.addActions([w.act_network, w.act_network_picture])
        person = bar.addMenu(w.tr("&Person"))
        person.addActions([w.act_new, w.act_edit])
        person.addSeparator()
        person.addActions([w.act_log, w.act_favour, w.act_follow, w.act_prep, w.act_introduce])
        person.addSeparator()
        person.addActions([w.act_archive, w.act_unarchive, w.act_delete])
        person.addSeparator()
        person.addAction(w.act_merge)
        tools = bar.addMenu(w.tr("&Tools"))
        tools.addActions([w.act_event, w.act_duplicates, w.act_warm_paths, w.act_ways_to_help])
        tools.addAction(w.act_triage)
        tools.addAction(w.act_moved_on)
        tools.addSeparator()
        tools.addActions([w.act_sync, w.act_sync_conflicts])
        tools.addSeparator()
        tools.addAction(w.act_settings)
        help_menu = bar.addMenu(w.tr("&Help"))
        help_menu.addActions([w.act_shortcuts, w.act_about])

    def make_toolbar(self, search: QWidget) -> QToolBar:
        """The common actions on the left, `search` on the right."""
        w = self.window
        toolbar = QToolBar(w.tr("Main"), w)
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        toolbar.addActions([w.act_new, w.act_log, w.act_event])
        self.draw_icons(toolbar.actions())
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(search)
        edge = QWidget(toolbar)
        edge.setFixedWidth(6)
        toolbar.addWidget(edge)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar

    def draw_icons(self, only: list[QAction] | None = None) -> None:
        palette, ratio = self.window.palette(), self.window.devicePixelRatioF()
        for action, name in self._icons:
            if only is None or action in only:
                action.setIcon(icons.icon(name, palette, ICON_SIZE, ratio))

    def draw_missing_icons(self) -> None:
        """The menus' icons, once the window is on screen (the toolbar's are drawn already)."""
        self.draw_icons([action for action, _ in self._icons if action.icon().isNull()])
