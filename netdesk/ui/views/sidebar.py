"""The sidebar: views of the network (Today, Nurture, circles, tags, events, smart lists) with
counts, drawn as a quiet source list."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtCore import Signal as _Signal
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from netdesk.qt import plain
from netdesk.qt.sidebar_model import Entry, Kind, Role, SidebarModel
from netdesk.ui.widgets import icons, theme

Index = QModelIndex | QPersistentModelIndex

_ICONS = {
    Kind.ALL: "people",
    Kind.TODAY: "today",
    Kind.NURTURE: "nurture",
    Kind.BIRTHDAYS: "birthday",
    Kind.RECENT: "recent",
    Kind.STAND_OUTS: "stand-out",
    Kind.NETWORK: "chart",
    Kind.CIRCLE: "circle",
    Kind.TAG: "tag",
    Kind.EVENT: "event",
    Kind.SMART: "smart",
    Kind.ARCHIVED: "archive",
}
ROW_HEIGHT = 30
SECTION_HEIGHT = 34
SPACER_HEIGHT = 12


class SidebarDelegate(QStyledItemDelegate):
    """Entries: icon, label, count on the right. Sections: a small muted heading."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        entry: Entry = index.data(Role.ENTRY)
        if entry is not None and entry.is_section:
            return QSize(option.rect.width(), SECTION_HEIGHT if entry.label else SPACER_HEIGHT)
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry: Entry = index.data(Role.ENTRY)
        if entry is None:
            return
        painter.save()
        palette = option.palette
        rect = option.rect.adjusted(8, 0, -8, 0)
        if entry.is_section:
            self._paint_section(painter, rect, entry, palette, option)
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        if selected:
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect.adjusted(0, 2, 0, -2), 6, 6)
        elif hovered:
            painter.setBrush(theme.subtle_fill(palette))
            painter.drawRoundedRect(rect.adjusted(0, 2, 0, -2), 6, 6)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.WindowText
        )
        ratio = option.widget.devicePixelRatioF() if option.widget else 1.0
        icon_rect = QRect(rect.left() + 8, rect.center().y() - 8, 16, 16)
        name = _ICONS.get(entry.kind)
        if name:
            painter.drawPixmap(icon_rect, icons.pixmap(name, text_colour, 16, ratio))
        # grouped as the user's locale groups numbers; no count while counting, or for 0
        count = QLocale().toString(entry.count) if entry.count else ""
        metrics = option.fontMetrics
        count_width = metrics.horizontalAdvance(count) + 4 if count else 0
        text_rect = QRect(
            icon_rect.right() + 9, rect.top(), rect.width() - 42 - count_width, rect.height()
        )
        painter.setPen(text_colour)
        label = plain.clip(entry.label)
        label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label
        )
        if count:
            count_colour = text_colour if selected else theme.muted(palette)
            if entry.kind is Kind.TODAY and entry.count and not selected:
                count_colour = theme.attention(palette)
            painter.setPen(count_colour)
            count_rect = QRect(
                rect.right() - 8 - count_width, rect.top(), count_width, rect.height()
            )
            painter.drawText(
                count_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count
            )
        painter.restore()

    def _paint_section(
        self,
        painter: QPainter,
        rect: QRect,
        entry: Entry,
        palette: QPalette,
        option: QStyleOptionViewItem,
    ) -> None:
        if not entry.label:
            return
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(font)
        painter.setPen(theme.muted(palette))
        text_rect = rect.adjusted(8, 10, 0, 0)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.label
        )


class SidebarView(QListView):
    """Emits `entry_chosen(Entry)` when the user picks a view."""

    entry_chosen = _Signal(object)
    delete_smart_list = _Signal(int)

    def __init__(self, model: SidebarModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setModel(model)
        self.setItemDelegate(SidebarDelegate(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setUniformItemSizes(False)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self._window_background()
        self.setSpacing(0)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.selectionModel().currentChanged.connect(self._current_changed)
        model.modelReset.connect(self._restore_selection)
        self._key = "all"
        self.select_key("all")

    def _window_background(self) -> None:
        """The list on the window's colour, as a source list: its viewport paints Base, so Base
        becomes Window. (Reaching the viewport from Python instead costs ~7 ms at start: PySide
        wraps every QWidget subclass to find the viewport's type.)"""
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        if palette.color(QPalette.ColorRole.Base) != window:
            palette.setColor(QPalette.ColorRole.Base, window)
            self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark: follow the new Window
            self._window_background()

    @property
    def sidebar_model(self) -> SidebarModel:
        model = self.model()
        assert isinstance(model, SidebarModel)
        return model

    def current_entry(self) -> Entry | None:
        return self.sidebar_model.entry(self.currentIndex().row())

    def current_key(self) -> str:
        return self._key

    def select_key(self, key: str) -> bool:
        row = self.sidebar_model.row_of(key)
        if row < 0:
            return False
        self.selectionModel().setCurrentIndex(
            self.sidebar_model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.sidebar_model.entry(current.row())
        if entry is None or entry.is_section:
            return
        if entry.key != self._key:
            self._key = entry.key
            self.entry_chosen.emit(entry)

    def forget_choice(self) -> None:
        """The list shows something no entry stands for (an import's people): nothing is
        selected, so a click on any entry, "All people" included, chooses it again."""
        self._key = ""
        self.selectionModel().clear()

    def _restore_selection(self) -> None:
        """After the entries changed, keep the same view selected (or fall back to All)."""
        if self._key and not self.select_key(self._key):
            self.select_key("all")

    def _context_menu(self, pos) -> None:
        entry = self.sidebar_model.entry(self.indexAt(pos).row())
        if entry is None or entry.kind is not Kind.SMART or entry.value is None:
            return
        menu = QMenu(self)
        text = self.tr("&Delete smart list “%1”").replace("%1", plain.action_text(entry.label))
        remove = menu.addAction(text)
        value = entry.value
        remove.triggered.connect(lambda: self.delete_smart_list.emit(value))
        menu.popup(self.viewport().mapToGlobal(pos))
