"""The tray icon and its menu: what is due now, Done, Snooze all, Pause for today, Open, Quit.

The menu lives on its own (a `QMenu` without a parent) so the icon can be thrown away and created
again when a StatusNotifierItem watcher appears after us: an icon made before the watcher existed
stays invisible to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction, QCursor, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from netdesk.core.due import DueItem
from netdesk.qt import plain
from netdesk.reminders.actions import Snooze, done_choices, snooze_choices
from netdesk.reminders.notes import kind_label
from netdesk.system import paths

MAX_MENU_ITEMS = 15


def app_icon() -> QIcon:
    path = paths.package_data("netdesk.svg")
    return QIcon(str(path))


class TrayMenu(QObject):
    """Owns the tray icon and menu; emits what the user chose."""

    open_person = Signal(int)
    open_app = Signal()
    snooze_all = Signal(Snooze)
    pause_today = Signal()
    resume = Signal()
    done = Signal(object, bool)  # DueItem, log an interaction
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = app_icon()
        self.menu = QMenu()
        self.menu.setObjectName("remindersMenu")
        self.tray: QSystemTrayIcon | None = None
        self._shown: int | None = None
        self.sync_line = ""  # when the last sync was, under the tooltip's first line
        self.set_items([], paused=False)

    def create_tray(self) -> QSystemTrayIcon:
        """A fresh tray icon carrying the menu (the old one, if any, is removed)."""
        self.remove_tray()
        tray = QSystemTrayIcon(self.icon, self)
        tray.setObjectName("remindersTray")
        tray.setContextMenu(self.menu)
        tray.setToolTip(self._tooltip)
        tray.activated.connect(self._on_activated)
        tray.show()
        self.tray = tray
        return tray

    def remove_tray(self) -> None:
        if self.tray is not None:
            self.tray.hide()
            self.tray.setContextMenu(None)
            self.tray.deleteLater()
            self.tray = None

    def popup(self) -> None:
        """Open the menu by the icon (or the pointer), as a second start asks."""
        where = QCursor.pos()
        if self.tray is not None and self.tray.geometry().isValid():
            geometry = self.tray.geometry()
            where = QPoint(geometry.left(), geometry.bottom())
        self.menu.popup(where)

    def set_items(self, items: list[DueItem], *, paused: bool) -> None:
        """Rebuild the menu for what is due now (only when it changed)."""
        # A hash, not the tuple: thousands of due items need not stay in memory twice.
        signature = hash((tuple((i.key(), i.name, i.detail) for i in items), paused))
        if signature == self._shown:
            return
        self._shown = signature
        self.menu.clear()
        self._add_header(items)
        for item in items[:MAX_MENU_ITEMS]:
            name = plain.action_text(item.name)
            action = self.menu.addAction(f"{name} — {kind_label(item.kind)}")
            action.setObjectName("dueItemAction")
            action.setToolTip(plain.tooltip(item.detail))  # a follow-up's or a favour's own words
            action.triggered.connect(lambda _=False, pid=item.person_id: self.open_person.emit(pid))
        if len(items) > MAX_MENU_ITEMS:
            more = self.menu.addAction(self.tr("…and %Ln more", "", len(items) - MAX_MENU_ITEMS))
            more.triggered.connect(self.open_app)
        self.menu.addSeparator()
        if items:
            self._add_done_menu(items)
            self._add_snooze_menu()
        self._add_pause(paused)
        self.menu.addSeparator()
        self._action(self.tr("Open netdesk"), "openAction").triggered.connect(self.open_app)
        self._action(self.tr("Quit reminders"), "quitAction").triggered.connect(self.quit_requested)
        self._due_words = self._tooltip_for(items, paused)
        self._show_tooltip()

    def set_sync_line(self, line: str) -> None:
        """ "Last sync: 10:42" (no names or server words: some trays read markup)."""
        self.sync_line = line
        self._show_tooltip()

    def _show_tooltip(self) -> None:
        self._tooltip = "\n".join(t for t in (self._due_words, self.sync_line) if t)
        if self.tray is not None:
            self.tray.setToolTip(self._tooltip)

    def actions_named(self, name: str) -> list[QAction]:
        """Menu actions (submenus included) with this object name, for tests and self-test."""
        found: list[QAction] = []
        menus = [self.menu]
        while menus:
            menu = menus.pop()
            for action in menu.actions():
                if action.objectName() == name:
                    found.append(action)
                if action.menu() is not None:
                    menus.append(action.menu())
        return found

    def _add_header(self, items: list[DueItem]) -> None:
        n = len(items)
        if n == 0:
            text = self.tr("Nothing is due")
        else:
            text = self.tr("1 thing due") if n == 1 else self.tr("%Ln things due", "", n)
        header = self.menu.addAction(text)
        header.setObjectName("headerAction")
        header.setEnabled(False)

    def _add_done_menu(self, items: list[DueItem]) -> None:
        menu = self.menu.addMenu(self.tr("Done"))
        menu.setObjectName("doneMenu")
        for item in items[:MAX_MENU_ITEMS]:
            for label, log_interaction in done_choices(item):
                name = plain.action_text(item.name)
                action = menu.addAction(f"{name} — {kind_label(item.kind)}: {label}")
                action.setObjectName("doneAction")
                action.triggered.connect(
                    lambda _=False, i=item, log=log_interaction: self.done.emit(i, log)
                )

    def _add_snooze_menu(self) -> None:
        menu = self.menu.addMenu(self.tr("Snooze all"))
        menu.setObjectName("snoozeMenu")
        for choice, label in snooze_choices():
            action = menu.addAction(label)
            action.setObjectName(f"snooze_{choice}")
            action.triggered.connect(lambda _=False, c=choice: self.snooze_all.emit(c))

    def _add_pause(self, paused: bool) -> None:
        if paused:
            self._action(self.tr("Resume reminders"), "resumeAction").triggered.connect(self.resume)
        else:
            self._action(self.tr("Pause for today"), "pauseAction").triggered.connect(
                self.pause_today
            )

    def _action(self, text: str, name: str) -> QAction:
        action = self.menu.addAction(text)
        action.setObjectName(name)
        return action

    def _tooltip_for(self, items: list[DueItem], paused: bool) -> str:
        if paused:
            return self.tr("netdesk reminders (paused)")
        if not items:
            return self.tr("netdesk: nothing is due")
        if len(items) == 1:
            return self.tr("netdesk: 1 thing due")
        return self.tr("netdesk: %Ln things due", "", len(items))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A left click on a tray-only app usually means "show me": open the menu.
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.popup()
