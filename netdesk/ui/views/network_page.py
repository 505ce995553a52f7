"""The Network page: pictures of how you keep in touch.

Contact per month over the last year, everyone's and the nurture list's health, each circle's,
the people met at recent events, and who is drifting away with the sentence that says why. Every
bar and segment opens the people behind it (`people_chosen(ids, words)`, for the window's list);
a drifting person is shown in the pane as you move through them and opened with Enter.

The numbers come from `core.network_summary` on the window's workers, counted again (coalesced)
when the store changes while the page is shown, or when it is next shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import network_summary
from netdesk.core.health import LABELS, STATES, Drifting, HealthState
from netdesk.core.network_summary import EventMark, HealthMark, MonthMark, NetworkSummary
from netdesk.qt import i18n, plain
from netdesk.qt.workers import Workers
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.bar_chart import Bar, BarChart
from netdesk.ui.widgets.flow_layout import FlowLayout
from netdesk.ui.widgets.stacked_bars import Row, Segment, StackedBars

Index = QModelIndex | QPersistentModelIndex
REFRESH_DELAY_MS = 300  # a burst of changes is counted once
DRIFTING_ROW = 44
DRIFTING_TALL = 8  # rows the page's list is tall at most before it scrolls
SEGMENT_ORDER = (  # left to right: the good first, what needs you after it, no rhythm last
    HealthState.ON_TRACK,
    HealthState.DUE_SOON,
    HealthState.OVERDUE,
    HealthState.DRIFTING,
    HealthState.NO_RHYTHM,
)


def health_fill(state: object, palette: QPalette) -> tuple[QColor, QColor]:
    """(fill, text on it) for a segment of `state`: a hue of the health badges, as deep as a bar
    needs, lighter on a light palette and deeper on a dark one."""
    hue = theme.health_hue(HealthState(str(state)))
    dark = theme.is_dark(palette)
    if hue is None:  # no rhythm: a quiet grey between the text and the background
        grey = theme.muted(palette).darker(165) if dark else theme.subtle_fill(palette).darker(140)
        return grey, palette.color(QPalette.ColorRole.Text)
    if dark:
        return QColor.fromHsl(hue, 110, 92), QColor.fromHsl(hue, 200, 215)
    return QColor.fromHsl(hue, 150, 170), QColor.fromHsl(hue, 190, 50)


def event_fill(_key: object, palette: QPalette) -> tuple[QColor, QColor]:
    return (
        palette.color(QPalette.ColorRole.Highlight),
        palette.color(QPalette.ColorRole.HighlightedText),
    )


class DriftingModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.people: list[Drifting] = []

    def set_people(self, people: list[Drifting]) -> None:
        self.beginResetModel()
        self.people = list(people)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.people)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.people):
            return None
        person = self.people[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return plain.clip(person.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain.tooltip(person.sentence)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{plain.clip(person.name)}: {person.sentence}"
        if role == Qt.ItemDataRole.UserRole:
            return person
        return None


class DriftingDelegate(QStyledItemDelegate):
    """The name, and under it the sentence saying why, beside a dot of the drifting colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(300, DRIFTING_ROW)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        person: Drifting | None = index.data(Qt.ItemDataRole.UserRole)
        if person is None:
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect, palette = option.rect, option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(health_fill(HealthState.DRIFTING, palette)[0])
        painter.drawEllipse(QRect(rect.left() + 10, rect.center().y() - 4, 8, 8))
        left, width = rect.left() + 28, rect.width() - 38
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        line = QFontMetrics(bold).height()
        top = rect.top() + (rect.height() - 2 * line) // 2
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(role))
        painter.setFont(bold)
        name = QFontMetrics(bold).elidedText(
            plain.clip(person.name), Qt.TextElideMode.ElideRight, width
        )
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(left, top, width, line), flags, name)
        painter.setFont(option.font)
        painter.setPen(palette.color(role) if selected else theme.muted(palette))
        words = QFontMetrics(option.font).elidedText(
            person.sentence, Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(left, top + line, width, line), flags, words)
        painter.restore()


class NetworkPage(QScrollArea):
    """Emits `people_chosen(ids, words)` for a mark (its people found on a worker),
    `person_current(id)` as the drifting list is walked and `person_opened(id)` on Enter."""

    people_chosen = Signal(list, str)
    person_current = Signal(int)
    person_opened = Signal(int)
    loaded = Signal()

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        i18n.install()  # "person(s)" in English until translations exist
        self.setObjectName("network_page")
        self.workers = workers
        self.today: Callable[[], dt.date] = dt.date.today
        self.summary: NetworkSummary | None = None
        self._words: dict[object, str] = {}  # what each mark stands for, for the status line
        self._task = None
        self._again = False
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self._build()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("network_body")
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 18, 24, 18)
        column.setSpacing(6)
        title = QLabel(self.tr("Network"), body)
        title.setFont(theme.scaled_font(self, 1.45, QFont.Weight.DemiBold))
        column.addWidget(title)
        self.overview = self._label("network_overview", body, muted=True)
        self.overview.setText(self.tr("Counting…"))
        column.addWidget(self.overview)
        self._make_charts(body)
        column.addLayout(self._grid())
        column.addStretch(1)
        self.setWidget(body)

    def _make_charts(self, body: QWidget) -> None:
        self.months = BarChart(self.tr("Contacts per month"), body)
        self.months.setObjectName("network_months")
        self.everyone = StackedBars(self.tr("Everyone's health"), health_fill, shares=True)
        self.everyone.setObjectName("network_everyone")
        self.circles = StackedBars(self.tr("Health per circle"), health_fill, shares=True)
        self.circles.setObjectName("network_circles")
        self.events = StackedBars(
            self.tr("People met per event"), event_fill, shares=False, label_share=0.5
        )
        self.events.setObjectName("network_events")
        for chart in (self.months, self.everyone, self.circles, self.events):
            chart.mark_activated.connect(self._mark_activated)

    def _grid(self) -> QGridLayout:
        """Two columns: contact and health, circles and events; who is drifting under both."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(18)
        grid.addWidget(
            self._section(self.tr("Contact over the last 12 months"), self.months),
            0,
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        health = self._section(self.tr("Everyone and the nurture list"), self.everyone)
        health.layout().addWidget(self._legend())
        grid.addWidget(health, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(
            self._section(self.tr("Circles"), self.circles), 1, 0, Qt.AlignmentFlag.AlignTop
        )
        grid.addWidget(
            self._section(self.tr("People met at recent events"), self.events),
            1,
            1,
            Qt.AlignmentFlag.AlignTop,
        )
        grid.addWidget(self._drifting_section(), 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _label(self, name: str, parent: QWidget, *, muted: bool = False) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # circle and event names are people's text
        label.setWordWrap(True)
        if muted:
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, theme.muted(palette))
            label.setPalette(palette)
        return label

    def _section(self, heading: str, content: QWidget) -> QWidget:
        section = QWidget(self)
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        title = QLabel(heading, section)
        title.setFont(theme.scaled_font(self, 1.0, QFont.Weight.DemiBold))
        title.setBuddy(content)
        layout.addWidget(title)
        layout.addWidget(content)
        empty = self._label(f"{content.objectName()}_empty", section, muted=True)
        empty.hide()
        layout.addWidget(empty)
        content.setProperty("empty_label", empty)
        return section

    def _legend(self) -> QWidget:
        """Swatch and word pairs that wrap, so a narrow window keeps both columns readable."""
        legend = QWidget(self)
        legend.setObjectName("network_legend")
        flow = FlowLayout(legend, spacing=12)
        flow.setContentsMargins(0, 2, 0, 0)
        for state in SEGMENT_ORDER:
            pair = QWidget(legend)
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(_Swatch(state, pair))
            row.addWidget(QLabel(LABELS[state], pair))
            flow.addWidget(pair)
        return legend

    def _drifting_section(self) -> QWidget:
        self.drifting = QListView(self)
        self.drifting.setObjectName("network_drifting")
        self.drifting.setAccessibleName(self.tr("People drifting away"))
        self.drifting_model = DriftingModel(self.drifting)
        self.drifting.setModel(self.drifting_model)
        self.drifting.setItemDelegate(DriftingDelegate(self.drifting))
        self.drifting.setUniformItemSizes(True)
        self.drifting.selectionModel().currentChanged.connect(self._drifting_current)
        self.drifting.activated.connect(self._drifting_opened)
        section = self._section(self.tr("Drifting away"), self.drifting)
        self.show_drifting = QPushButton(section)
        self.show_drifting.setObjectName("network_show_drifting")
        self.show_drifting.clicked.connect(
            lambda: self._mark_activated(HealthMark(HealthState.DRIFTING))
        )
        section.layout().addWidget(self.show_drifting, 0, Qt.AlignmentFlag.AlignLeft)
        return section

    # --- counting -------------------------------------------------------------------------------

    def store_changed(self) -> None:
        """Something was written: count again once changes pause (now if shown, else when next
        shown)."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Count on a worker (one count at a time; a change meanwhile counts again)."""
        if self._task is not None:
            self._again = True
            return
        self._stale = False
        today = self.today()
        self._task = self.workers.start(
            lambda _progress: network_summary.load(today),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, summary: NetworkSummary) -> None:
        self._task = None
        self.show_summary(summary)
        self.loaded.emit()
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._say_failure(exc)

    def _say_failure(self, exc: BaseException) -> None:
        self.overview.setText(self.tr("Could not count: %1").replace("%1", plain.clip(str(exc))))

    # --- showing --------------------------------------------------------------------------------

    def show_summary(self, summary: NetworkSummary) -> None:
        self.summary = summary
        self._words = {}
        found = summary.health
        self.overview.setText(self._overview(found.states))
        self._show_months(found.months)
        everyone = [
            self._health_row(self.tr("Everyone"), found.states, lambda s: HealthMark(s)),
            self._health_row(
                self.tr("Nurture list"), found.nurture, lambda s: HealthMark(s, nurture=True)
            ),
        ]
        self.everyone.set_rows(everyone, self._rows_words(everyone))
        circles = [
            self._health_row(name, counts, self._circle_mark(summary.circle_ids.get(name)))
            for name, counts in found.circles
        ]
        self.circles.set_rows(circles, self._rows_words(circles))
        nobody = not any(sum(counts.values()) for _name, counts in found.circles)
        self._empty(
            self.circles,
            nobody,
            self.tr("Nobody is in a circle yet: Tools > Sort people into circles… helps."),
        )
        self._show_events(summary.events)
        self._show_drifting(found.drifting, found.states.get(HealthState.DRIFTING, 0))

    def _show_drifting(self, named: list[Drifting], everyone: int) -> None:
        """The first people drifting by name (a list view lays every row out on the GUI thread:
        thousands would stall typing); the people list shows `everyone`."""
        self.drifting_model.set_people(named)
        rows = min(len(named), DRIFTING_TALL)
        self.drifting.setFixedHeight(rows * DRIFTING_ROW + 2 * self.drifting.frameWidth())
        self._empty(self.drifting, not named, self.tr("Nobody is drifting away."))
        self.show_drifting.setText(self.tr("Show all %Ln in the list", "", everyone))
        self.show_drifting.setVisible(bool(named))

    def _overview(self, states: dict[HealthState, int]) -> str:
        people = sum(states.values())
        counts = ", ".join(f"{QLocale().toString(states.get(s, 0))} {LABELS[s]}" for s in STATES)
        return self.tr("%Ln person(s): ", "", people) + counts

    def _show_months(self, months: list[tuple[dt.date, int]]) -> None:
        locale = QLocale()
        bars = []
        for start, count in months:
            day = QDate(start.year, start.month, 1)
            words = self.tr("%1: %Ln conversation(s)", "", count).replace(
                "%1", locale.toString(day, "MMMM yyyy")
            )
            mark = MonthMark(start)
            self._words[mark] = locale.toString(day, "MMMM yyyy")
            bars.append(Bar(mark, locale.toString(day, "MMM"), count, words))
        summary = self.tr("Contacts per month: %1").replace(
            "%1", ", ".join(f"{bar.label} {bar.value}" for bar in bars)
        )
        self.months.set_bars(bars, summary)
        quiet = not any(count for _start, count in months)
        self._empty(self.months, quiet, self.tr("No conversations logged in the last 12 months."))

    def _show_events(self, events: list[network_summary.EventMet]) -> None:
        locale = QLocale()
        rows = []
        for event in events:
            day = locale.toString(QDate(event.day.year, event.day.month, event.day.day), "d MMM")
            mark = EventMark(event.id)
            self._words[mark] = event.name
            words = self.tr("%1, %2: %Ln person(s) met", "", event.people)
            words = words.replace("%2", day).replace("%1", event.name)  # the name may hold "%2"
            rows.append(Row(f"{event.name} · {day}", (Segment(mark, event.people, None, words),)))
        self.events.set_rows(rows, self._rows_words(rows))
        self._empty(self.events, not rows, self.tr("No events yet."))

    def _health_row(
        self,
        label: str,
        counts: dict[HealthState, int],
        mark_of: Callable[[HealthState], object],
    ) -> Row:
        segments = []
        for state in SEGMENT_ORDER:
            mark = mark_of(state)
            self._words[mark] = f"{label} · {LABELS[state]}"
            count = counts.get(state, 0)
            words = self.tr("%1: %Ln person(s) %2", "", count)
            words = words.replace("%2", LABELS[state]).replace("%1", label)  # label: any text
            segments.append(Segment(mark, count, state, words))
        return Row(label, tuple(segments))

    @staticmethod
    def _circle_mark(circle_id: int | None) -> Callable[[HealthState], object]:
        # a circle renamed while counting matches nobody (None would mean everyone)
        found = -1 if circle_id is None else circle_id
        return lambda state: HealthMark(state, circle_id=found)

    @staticmethod
    def _rows_words(rows: list[Row]) -> str:
        """A chart of rows in words: each segment that holds anyone."""
        return "; ".join(s.words for row in rows for s in row.segments if s.value)

    def _empty(self, content: QWidget, empty: bool, text: str) -> None:
        label: QLabel = content.property("empty_label")
        label.setText(text)
        label.setVisible(empty)
        content.setVisible(not empty)

    # --- choosing -------------------------------------------------------------------------------

    def words_for(self, mark: object) -> str:
        return self._words.get(mark, self.tr("Drifting away"))

    def _mark_activated(self, mark: object) -> None:
        """Find the people behind `mark` on a worker, then hand them to the window."""
        today = self.summary.today if self.summary is not None else self.today()
        words = self.words_for(mark)
        self.workers.start(
            lambda _progress: network_summary.people_behind(mark, today),  # type: ignore[arg-type]
            on_done=lambda ids: self.people_chosen.emit(list(ids), words),
            on_error=self._say_failure,
        )

    def _drifting_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        person: Drifting | None = current.data(Qt.ItemDataRole.UserRole)
        if person is not None:
            self.person_current.emit(person.id)

    def _drifting_opened(self, index: QModelIndex) -> None:
        person: Drifting | None = index.data(Qt.ItemDataRole.UserRole)
        if person is not None:
            self.person_opened.emit(person.id)


class _Swatch(QWidget):
    """A legend's square of a state's colour (redrawn with the palette)."""

    def __init__(self, state: HealthState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.setFixedSize(12, 12)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(health_fill(self.state, self.palette())[0])
        painter.drawRoundedRect(self.rect(), 3, 3)
        painter.end()
