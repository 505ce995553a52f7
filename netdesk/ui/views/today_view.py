"""Today: everything due now (keep in touch, birthdays, follow-ups, promises) as a to-do list,
under "This week", the few people to reach out to this week (`week_plan`).

Each line offers what the tray offers: Done, Log, Snooze and Open, as buttons over the line under
the pointer (else the selected one) and in its context menu. The view only asks (signals); the
window does the work through the same services as the tray (`reminders.actions`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QMenu,
    QToolButton,
    QWidget,
)

from netdesk.qt.avatars import AvatarCache
from netdesk.qt.due_model import DueModel, Role
from netdesk.reminders.actions import Snooze, done_choices, snooze_choices
from netdesk.ui.views.due_delegate import DueDelegate
from netdesk.ui.views.week_plan import WeekPlanSection

if TYPE_CHECKING:
    from collections.abc import Callable

    from netdesk.core.due import DueItem

Index = QModelIndex | QPersistentModelIndex


def with_mnemonics(labels: list[str]) -> list[str]:
    """The labels of one menu, each with a mnemonic no other has: the first free letter that
    starts a word ("a" in "For a week" last), else any free letter. An "&" already in a label
    is shown as typed."""
    taken: set[str] = set()
    marked = []
    for label in labels:
        text = label.replace("&", "&&")
        at = _free_letter(text, taken)
        if at is None:  # every letter is taken: no mnemonic rather than a repeated one
            marked.append(text)
            continue
        taken.add(text[at].casefold())
        marked.append(f"{text[:at]}&{text[at:]}")
    return marked


def _free_letter(text: str, taken: set[str]) -> int | None:
    words = [(m.start(), len(m.group())) for m in re.finditer(r"[^\W\d_]+", text)]
    first = [at for number, (at, size) in enumerate(words) if size > 1 or number == 0]
    starts = first + [at for at, _size in words if at not in first]
    anywhere = [at for at, char in enumerate(text) if char.isalpha()]
    return next((at for at in starts + anywhere if text[at].casefold() not in taken), None)


class RowButtons(QWidget):
    """Done, Log, Snooze and Open for one line of the list."""

    def __init__(self, view: TodayView) -> None:
        super().__init__(view.viewport())
        self.setObjectName("today_row_buttons")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.done = self._button("today_done", self.tr("Done"), view.done_current)
        self.log = self._button("today_log", self.tr("Log…"), view.log_current)
        self.log.setToolTip(self.tr("Log an interaction with this person"))
        self.snooze = self._button("today_snooze", self.tr("Snooze"), view.snooze_current)
        self.snooze.setToolTip(self.tr("Until tomorrow (the arrow offers other times)"))
        self.snooze.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.snooze.setMenu(view.snooze_menu(self.snooze, view.snooze_current))
        self.open = self._button("today_open", self.tr("Open"), view.open_current)
        self.open.setToolTip(self.tr("Show this person with everyone"))
        for button in (self.done, self.log, self.snooze, self.open):
            row.addWidget(button)
        self.adjustSize()
        self.hide()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setAutoRaise(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button


class TodayView(QListView):
    """Emits `current_person_changed(int)` as the user moves through the list, and what the user
    asks of a line: `done_requested(item, log_interaction)`, `snooze_requested(item, Snooze)`,
    `log_requested(person_id)`, `open_requested(person_id)`; `shown()` each time it is shown.
    The week's plan (`week`) sits above the list, in a margin of its own."""

    current_person_changed = Signal(int)
    shown = Signal()
    person_activated = Signal(int)
    done_requested = Signal(object, bool)
    snooze_requested = Signal(object, object)
    log_requested = Signal(int)
    open_requested = Signal(int)

    def __init__(self, model: DueModel, avatars: AvatarCache, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("today_list")
        self.setModel(model)
        self.setItemDelegate(DueDelegate(avatars, self._reserved, self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._hovered = QPersistentModelIndex()
        self.buttons = RowButtons(self)
        self.week = WeekPlanSection(self)
        self.week.changed.connect(self._place_week)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(
            lambda index: self.person_activated.emit(int(index.data(Role.PERSON_ID) or 0))
        )
        self.entered.connect(self._hover)
        model.modelReset.connect(self._place_buttons)

    # --- the line the buttons act on ------------------------------------------------------------

    def action_index(self) -> QModelIndex:
        """The line under the pointer, else the selected one."""
        if self._hovered.isValid():
            return QModelIndex(self._hovered)
        return self.currentIndex()

    def action_item(self) -> DueItem | None:
        index = self.action_index()
        return index.data(Role.ITEM) if index.isValid() else None

    def done_current(self) -> None:
        item = self.action_item()
        if item is not None:
            self.done_requested.emit(item, done_choices(item)[0][1])

    def snooze_current(self, choice: Snooze = Snooze.TOMORROW) -> None:
        item = self.action_item()
        if item is not None:
            self.snooze_requested.emit(item, Snooze(choice))

    def log_current(self) -> None:
        item = self.action_item()
        if item is not None:
            self.log_requested.emit(item.person_id)

    def open_current(self) -> None:
        item = self.action_item()
        if item is not None:
            self.open_requested.emit(item.person_id)

    # --- menus -----------------------------------------------------------------------------------

    def snooze_menu(self, parent: QWidget, snooze: Callable[[Snooze], None]) -> QMenu:
        menu = QMenu(self.tr("&Snooze"), parent)
        menu.setObjectName("today_snooze_menu")
        choices = snooze_choices()
        labels = with_mnemonics([label for _choice, label in choices])
        for (choice, _label), label in zip(choices, labels, strict=True):
            action = menu.addAction(label)
            action.setObjectName(f"today_snooze_{choice}")
            action.triggered.connect(lambda _=False, c=choice: snooze(c))
        return menu

    def item_menu(self, item: DueItem) -> QMenu:
        """What can be done with `item`: the tray's Done choices, Log, Snooze and Open."""
        menu = QMenu(self)
        menu.setObjectName("today_menu")
        done = done_choices(item)
        fixed = [self.tr("Log an interaction…"), self.tr("Snooze"), self.tr("Open")]
        *done_labels, log_label, snooze_label, open_label = with_mnemonics(
            [label for label, _log in done] + fixed
        )
        for (_label, log_interaction), label in zip(done, done_labels, strict=True):
            action = menu.addAction(label)
            action.setObjectName("today_menu_done")
            action.triggered.connect(
                lambda _=False, i=item, log=log_interaction: self.done_requested.emit(i, log)
            )
        log_action = menu.addAction(log_label)
        log_action.setObjectName("today_menu_log")
        log_action.triggered.connect(lambda: self.log_requested.emit(item.person_id))
        snooze = self.snooze_menu(menu, lambda c: self.snooze_requested.emit(item, c))
        snooze.setTitle(snooze_label)
        menu.addMenu(snooze)
        menu.addSeparator()
        open_action = menu.addAction(open_label)
        open_action.setObjectName("today_menu_open")
        open_action.triggered.connect(lambda: self.open_requested.emit(item.person_id))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        index = self.currentIndex() if keyboard else self.indexAt(event.pos())
        item: DueItem | None = index.data(Role.ITEM) if index.isValid() else None
        if item is None:
            return
        self.setCurrentIndex(index)
        menu = self.item_menu(item)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    # --- placing the buttons ---------------------------------------------------------------------

    def _reserved(self, index: Index) -> int:
        shown = self.buttons.isVisibleTo(self) and index.row() == self.action_index().row()
        return self.buttons.width() + 8 if shown else 0

    def _hover(self, index: QModelIndex) -> None:
        self._hovered = QPersistentModelIndex(index)
        self._place_buttons()

    def _place_buttons(self) -> None:
        index = self.action_index()
        if not index.isValid():
            self.buttons.hide()
            self.viewport().update()
            return
        rect = self.visualRect(index)
        top = rect.top() + (rect.height() - self.buttons.height()) // 2
        self.buttons.move(rect.right() - 12 - self.buttons.width(), top)
        self.buttons.show()
        self.viewport().update()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave and not self.buttons.underMouse():
            self._hovered = QPersistentModelIndex()
            self._place_buttons()
        return super().viewportEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._place_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_buttons()
        self._place_week()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def has_plan(self) -> bool:
        return bool(self.week.items())

    def _place_week(self) -> None:
        """The plan sits in a top margin the list scrolls below; Tab goes from the list to the
        plan's buttons, line by line."""
        width = self.viewport().width()
        height = 0
        if self.week.isVisibleTo(self):
            height = self.week.heightForWidth(width)
            if height < 0:
                height = self.week.sizeHint().height()
        if self.viewportMargins().top() != height:
            self.setViewportMargins(0, height, 0, 0)
        area = self.contentsRect()
        self.week.setGeometry(area.left(), area.top(), self.viewport().width(), height)
        previous: QWidget = self
        for row in self.week.rows:
            for button in row.buttons():
                QWidget.setTabOrder(previous, button)
                previous = button

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_person_changed.emit(int(current.data(Role.PERSON_ID) or 0))
        self._place_buttons()
