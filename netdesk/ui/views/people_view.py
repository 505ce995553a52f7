"""The people table: avatar and name, organisation, circle, last contact, next due, status badge.

The table asks the model for more rows as it scrolls; sorting by a header runs in SQL.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from netdesk.core.listing import PersonRow
from netdesk.qt import plain
from netdesk.qt.avatars import AvatarCache
from netdesk.qt.people_model import Column, PeopleModel, Role, health_text
from netdesk.ui.widgets import theme

Index = QModelIndex | QPersistentModelIndex

ROW_HEIGHT = 48
AVATAR = 30
AVATAR_ROOM = 10 + AVATAR + 10  # margin, avatar, gap before the name
DEFAULT_WIDTHS = {
    Column.ORGANIZATION: 140,
    Column.CIRCLE: 100,
    Column.LAST_CONTACT: 96,
    Column.NEXT_DUE: 90,
    Column.HEALTH: 92,
}
# Which columns keep their place when the list is too narrow for all of them.
COLUMN_PRIORITY = (
    Column.HEALTH,
    Column.ORGANIZATION,
    Column.NEXT_DUE,
    Column.LAST_CONTACT,
    Column.CIRCLE,
)


def _paint_background(painter: QPainter, option: QStyleOptionViewItem) -> None:
    """Selection and hover backgrounds as the style draws them."""
    style = option.widget.style() if option.widget else QApplication.style()
    style.drawPrimitive(
        QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
    )


def _text_colour(option: QStyleOptionViewItem) -> QPalette.ColorRole:
    if option.state & QStyle.StateFlag.State_Selected:
        return QPalette.ColorRole.HighlightedText
    return QPalette.ColorRole.Text


class NameDelegate(QStyledItemDelegate):
    """A round avatar (photo or initials), the name, and a leaf for people to nurture."""

    def __init__(self, avatars: AvatarCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.avatars = avatars

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(220, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: PersonRow | None = index.data(Role.ROW)
        if row is None:
            return
        _paint_background(painter, option)  # the view's option has state and rect; no text
        painter.save()
        rect = option.rect
        ratio = option.widget.devicePixelRatioF() if option.widget else 1.0
        avatar = self.avatars.get(row.id, row.name, row.has_photo, AVATAR, ratio)
        top = rect.top() + (rect.height() - AVATAR) // 2
        painter.drawPixmap(QRect(rect.left() + 10, top, AVATAR, AVATAR), avatar)
        fonts = _fonts(option.font)
        left = rect.left() + 10 + AVATAR + 10
        width = rect.right() - left - 8
        second = plain.clip(row.title or row.organization)
        line = fonts.bold_height
        top = rect.top() + (rect.height() - (line + fonts.height + 1 if second else line)) // 2
        marker_width = fonts.marker_width if row.nurture else 0
        name = fonts.bold_metrics.elidedText(plain.clip(row.name), _ELIDE, width - marker_width)
        painter.setFont(fonts.bold)
        selected = bool(option.state & _SELECTED)
        text_colour = option.palette.color(_text_colour(option))
        painter.setPen(text_colour)
        painter.drawText(QRect(left, top, width, line), _LEFT, name)
        if row.nurture:  # a small green dot: someone the user chose to nurture
            painter.setPen(theme.hue_colours(135, option.palette)[1])
            dot = QRect(left + fonts.bold_metrics.horizontalAdvance(name + " "), top, 20, line)
            painter.drawText(dot, _LEFT, "●")
        if second:
            painter.setFont(option.font)
            painter.setPen(text_colour if selected else theme.muted_cached(option.palette))
            text = fonts.metrics.elidedText(second, _ELIDE, width)
            painter.drawText(QRect(left, top + line + 1, width, fonts.height), _LEFT, text)
        painter.restore()


class _Fonts:
    """Fonts and metrics derived from the view's font, made once instead of per cell."""

    def __init__(self, base: QFont) -> None:
        self.bold = QFont(base)
        self.bold.setWeight(QFont.Weight.DemiBold)
        self.bold_metrics = QFontMetrics(self.bold)
        self.bold_height = self.bold_metrics.height()
        self.metrics = QFontMetrics(base)
        self.height = self.metrics.height()
        self.marker_width = self.bold_metrics.horizontalAdvance(" ●")
        self.badge = QFont(base)
        self.badge.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        self.badge.setWeight(QFont.Weight.DemiBold)
        self.badge_metrics = QFontMetrics(self.badge)


_FONT_CACHE: dict[str, _Fonts] = {}
_ELIDE = Qt.TextElideMode.ElideRight
_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_SELECTED = QStyle.StateFlag.State_Selected


def _fonts(base: QFont) -> _Fonts:
    key = base.key()
    fonts = _FONT_CACHE.get(key)
    if fonts is None:
        fonts = _FONT_CACHE[key] = _Fonts(base)
    return fonts


class HealthDelegate(QStyledItemDelegate):
    """A rounded badge: Drifting (violet), Overdue (red), Due soon (amber), On track (green);
    nothing without a rhythm."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        _paint_background(painter, option)
        row: PersonRow | None = index.data(Role.ROW)  # the row keeps the enum; data() gives str
        if row is None:
            return
        colours = theme.health_colours(row.health, option.palette)
        if colours is None:
            return
        background, foreground = colours
        text = health_text(row.health)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fonts = _fonts(option.font)
        painter.setFont(fonts.badge)
        metrics = fonts.badge_metrics
        width = metrics.horizontalAdvance(text) + 18
        height = metrics.height() + 6
        badge = QRectF(
            option.rect.left() + 6,
            option.rect.top() + (option.rect.height() - height) / 2,
            min(width, option.rect.width() - 12),
            height,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(foreground)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class MutedDelegate(QStyledItemDelegate):
    """Secondary columns in a softer colour, unless selected."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if not option.state & QStyle.StateFlag.State_Selected:
            option.palette.setColor(QPalette.ColorRole.Text, theme.muted_cached(option.palette))


class PeopleTable(QTableView):
    """Emits `current_person_changed(int)` (0 when nobody) and `person_activated(int)`."""

    current_person_changed = Signal(int)
    person_activated = Signal(int)
    selection_changed = Signal()

    def __init__(self, model: PeopleModel, avatars: AvatarCache, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("people_table")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setShowGrid(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(False)
        self.setMouseTracking(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(60)
        self._default_columns()
        self.setItemDelegateForColumn(Column.NAME, NameDelegate(avatars, self))
        self.setItemDelegateForColumn(Column.HEALTH, HealthDelegate(self))
        muted = MutedDelegate(self)
        for column in (Column.CIRCLE, Column.LAST_CONTACT, Column.NEXT_DUE):
            self.setItemDelegateForColumn(column, muted)
        self.setSortingEnabled(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # relevance until a header click
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.activated.connect(self._activated)
        self._current = 0

    def _default_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in DEFAULT_WIDTHS.items():
            self.setColumnWidth(column, width)

    def restore_columns(self, state: QByteArray) -> None:
        """The saved column widths and order; names keep their room (see `_fit_columns`)."""
        header = self.horizontalHeader()
        header.restoreState(state)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        self._fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Names are never squeezed to "Am…": when the list is narrow, the columns that do not
        fit beside a full name step aside, least needed first, and return when there is room."""
        header = self.horizontalHeader()
        room = self.viewport().width() - self.name_min_width()
        for column in COLUMN_PRIORITY:
            width = header.sectionSize(column) or DEFAULT_WIDTHS[column]
            fits = room >= width
            header.setSectionHidden(column, not fits)
            if fits:
                room -= width

    def name_min_width(self) -> int:
        return AVATAR_ROOM + self.fontMetrics().horizontalAdvance("Amara Okafor-Lindqvist")

    @property
    def people_model(self) -> PeopleModel:
        model = self.model()
        assert isinstance(model, PeopleModel)
        return model

    def current_person(self) -> int:
        return self._current

    def selected_people(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        ids = [self.people_model.person_id(r) for r in rows]
        return [i for i in ids if i is not None]

    def select_person(self, person_id: int) -> bool:
        """Select and show this person if they are in the list (fetching pages until found is
        not attempted: callers narrow the list first)."""
        row = self.people_model.row_of(person_id)
        if row < 0:
            return False
        index = self.people_model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        person_id = self.people_model.person_id(current.row()) if current.isValid() else None
        self._current = person_id or 0
        self.current_person_changed.emit(self._current)

    def _activated(self, index: QModelIndex) -> None:
        person_id = self.people_model.person_id(index.row())
        if person_id:
            self.person_activated.emit(person_id)
