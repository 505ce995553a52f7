"""Tools > Find duplicates: likely pairs across the whole database, to merge or dismiss for good.

The scan (`core.dedupe.find_pairs`) runs on the window's workers (a worker thread with its own
database connection), so the window stays responsive on a large store. Merge… does not merge by
itself: it emits `merge_requested(keep_id, other_id)` and the window runs the merge dialog;
afterwards it calls `reload()` (or `remove_pair`) so the list reflects the merge. "Not the same
person" calls `core.dedupe.dismiss`, and the pair is never proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import dedupe, lookup
from netdesk.core.errors import CoreError
from netdesk.core.lookup import PersonSummary
from netdesk.qt import plain
from netdesk.qt.workers import Task, Workers

PAIR_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class PairRow:
    """One proposed pair with what the list shows of each side."""

    a: PersonSummary
    b: PersonSummary
    reason: str
    score: float


def load_pairs(limit: int = 500) -> list[PairRow]:
    """Likely duplicate pairs with a summary of each person (runs on any thread)."""
    pairs = dedupe.find_pairs(limit)
    ids = list(dict.fromkeys(i for p in pairs for i in (p.a_id, p.b_id)))
    summaries = lookup.summaries(ids)
    return [
        PairRow(summaries[p.a_id], summaries[p.b_id], p.reason, p.score)
        for p in pairs
        if p.a_id in summaries and p.b_id in summaries
    ]


class _PersonCellDelegate(QStyledItemDelegate):
    """Draws a person cell as a bold name over dimmer detail lines."""

    PADDING = 6

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        # opt.text has the newlines turned into U+2028; the model's text still has them
        lines = str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n")
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        dim_role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        rect = opt.rect.adjusted(self.PADDING, self.PADDING // 2, -self.PADDING, 0)
        painter.save()
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        for number, line in enumerate(lines):
            painter.setFont(bold if number == 0 else opt.font)
            painter.setPen(opt.palette.color(text_role if number == 0 else dim_role))
            metrics = QFontMetrics(painter.font())
            shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, shown)
            rect.setTop(rect.top() + metrics.lineSpacing())
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        lines = max(1, str(index.data() or "").count("\n") + 1)
        height = QFontMetrics(option.font).lineSpacing() * lines + self.PADDING * 2
        return QSize(super().sizeHint(option, index).width(), height)


def _side_text(person: PersonSummary) -> str:
    """Name, organisation, then email and phone: one short line each."""
    reach = " · ".join(d for d in (person.email, person.phone) if d)
    lines = (person.name, person.organization, reach)
    return "\n".join(plain.clip(line.replace("\n", " ")) for line in lines if line)


class DuplicatesDialog(QDialog):
    """The list of likely pairs with Merge (one click, each field as the merge suggests),
    Merge with choices…, Not the same person and Close."""

    merge_requested = Signal(int, int)  # with choices: the window asks field by field
    merge_now_requested = Signal(int, int)  # one click: the suggested choices, undoable
    loaded = Signal()  # the list is (re)filled; for tests and the status bar

    def __init__(self, parent: QWidget | None, workers: Workers, *, autoload: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("duplicates_dialog")
        self.setWindowTitle(self.tr("Find duplicates"))
        self.setMinimumSize(720, 440)
        self.resize(960, 600)
        self._workers = workers
        self._loading: Task | None = None  # the running scan, if any
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # errors can quote names
        self.status.setWordWrap(True)
        self.pairs = QTreeWidget(self)
        self.pairs.setObjectName("pairs")
        self.pairs.setRootIsDecorated(False)
        self.pairs.setAlternatingRowColors(True)
        self.pairs.setUniformRowHeights(False)
        self.pairs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pairs.setHeaderLabels(
            [self.tr("Person"), self.tr("Maybe the same as"), self.tr("Why")]
        )
        header = self.pairs.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 300)
        self.pairs.setWordWrap(True)
        person_cells = _PersonCellDelegate(self.pairs)
        self.pairs.setItemDelegateForColumn(0, person_cells)
        self.pairs.setItemDelegateForColumn(1, person_cells)
        self.pairs.itemSelectionChanged.connect(self._sync_buttons)
        self.pairs.itemActivated.connect(lambda *_: self.request_merge())
        self.merge_now_button = self._button(self.tr("&Merge"), "merge_now", self.merge_now)
        self.merge_button = self._button(
            self.tr("Merge with &choices…"), "merge", self.request_merge
        )
        self.dismiss_button = self._button(
            self.tr("&Not the same person"), "dismiss", self.dismiss_current
        )
        self.close_button = self._button(self.tr("Close"), "close", self.reject)
        hint = QLabel(
            self.tr("“Not the same person” is remembered: that pair will not be proposed again."),
            self,
        )
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_now_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.pairs, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self._sync_buttons()
        if autoload:
            self.reload()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- loading ------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Scan again in the background (after a merge, or on demand)."""
        if self._loading is not None:
            return  # a scan is already running; its result is fresh enough
        self.status.setText(self.tr("Looking for people who may be the same…"))
        self.pairs.setEnabled(False)
        self._loading = self._workers.start(
            lambda _progress: load_pairs(), on_done=self._show_pairs, on_error=self._load_failed
        )

    def is_loading(self) -> bool:
        return self._loading is not None

    @Slot(object)
    def _show_pairs(self, rows: list[PairRow]) -> None:
        if self._loading is None:
            return  # closed meanwhile: a queued result can still arrive after disconnecting
        self._loading = None
        self.pairs.clear()
        for row in rows:
            reason = plain.clip(row.reason)
            item = QTreeWidgetItem([_side_text(row.a), _side_text(row.b), reason])
            item.setData(0, PAIR_ROLE, (row.a.id, row.b.id))
            item.setToolTip(2, plain.tooltip(row.reason))
            self.pairs.addTopLevelItem(item)
        self.pairs.setEnabled(True)
        if rows:
            self.pairs.setCurrentItem(self.pairs.topLevelItem(0))
            self.pairs.setFocus()
        self._update_status()
        self._sync_buttons()
        self.loaded.emit()

    @Slot(object)
    def _load_failed(self, exc: BaseException) -> None:
        if self._loading is None:
            return
        self._loading = None
        self.pairs.setEnabled(True)
        self.status.setText(
            self.tr("Duplicates could not be searched: {reason}").format(reason=str(exc))
        )
        self.loaded.emit()

    def _update_status(self) -> None:
        count = self.pairs.topLevelItemCount()
        self.status.setText(
            self.tr("No likely duplicates. Everyone appears once.")
            if count == 0
            else self.tr("%n pair(s) that may be the same person.", "", count)
        )

    # --- actions ------------------------------------------------------------------------------

    def current_pair(self) -> tuple[int, int] | None:
        item = self.pairs.currentItem()
        return tuple(item.data(0, PAIR_ROLE)) if item is not None else None  # type: ignore[return-value]

    def pair_list(self) -> list[tuple[int, int]]:
        return [
            tuple(self.pairs.topLevelItem(i).data(0, PAIR_ROLE))  # type: ignore[misc]
            for i in range(self.pairs.topLevelItemCount())
        ]

    @Slot()
    def request_merge(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.merge_requested.emit(*pair)

    @Slot()
    def merge_now(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.merge_now_requested.emit(*pair)

    @Slot()
    def dismiss_current(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        try:
            dedupe.dismiss(*pair)
        except CoreError as exc:
            self.status.setText(str(exc))
            return
        self.remove_pair(*pair)

    def remove_pair(self, a: int, b: int) -> None:
        """Take a pair off the list (merged or dismissed); pairs involving a merged-away
        person are stale too, so after a merge prefer `reload()`."""
        for index in range(self.pairs.topLevelItemCount()):
            item = self.pairs.topLevelItem(index)
            if set(item.data(0, PAIR_ROLE)) == {a, b}:
                self.pairs.takeTopLevelItem(index)
                break
        self._update_status()
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        has_pair = self.pairs.currentItem() is not None
        for button in (self.merge_now_button, self.merge_button, self.dismiss_button):
            button.setEnabled(has_pair)

    def done(self, result: int) -> None:
        if self._loading is not None:
            # a scan still running finishes on its worker; its result must not reach this dialog
            self._loading.signals.succeeded.disconnect(self._show_pairs)
            self._loading.signals.failed.disconnect(self._load_failed)
            self._loading = None
        super().done(result)
