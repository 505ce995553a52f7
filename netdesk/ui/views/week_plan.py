"""The "This week" section at the top of Today: a few people to reach out to, each with the
reason, and Log, Snooze, Done and Open as buttons on their line (reachable with Tab, named for
screen readers).

The section only shows and asks (signals); `TodayActions` loads the plan on the window's workers
and does what is asked. Names and reasons come from people and files: plain text everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.qt import plain
from netdesk.ui.widgets import theme

if TYPE_CHECKING:
    from netdesk.core.week import PlanItem

REASON_LIMIT = plain.TOOLTIP  # a reason with others appended stays a few lines at most


def _plain_label(text: str, parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a name or note could look like markup
    label.setText(text)
    # a long name wraps instead of widening the window
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setWordWrap(True)
    theme.keep_to_leading_edge(label)  # a Hebrew name above its reason, as in the list below
    return label


class PlanRow(QWidget):
    """One person of the plan: their name, the reason, and the four buttons."""

    def __init__(self, item: PlanItem, section: WeekPlanSection) -> None:
        super().__init__(section)
        self.item = item
        self.setObjectName("week_row")
        name = plain.clip(item.name)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 12, 4)
        row.setSpacing(8)
        text = QVBoxLayout()
        text.setSpacing(1)
        self.name = _plain_label(name, self, "week_name")
        bold = QFont(self.name.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(bold)
        self.reason = _plain_label(plain.clip(item.reason, REASON_LIMIT), self, "week_reason")
        palette = self.reason.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.muted(palette))
        self.reason.setPalette(palette)
        text.addWidget(self.name)
        text.addWidget(self.reason)
        row.addLayout(text, 1)
        self.log = self._button("week_log", self.tr("Log…"), section.log_requested, item.person_id)
        self.log.setAccessibleName(self.tr("Log an interaction with %1").replace("%1", name))
        self.snooze = self._button("week_snooze", self.tr("Snooze"), section.snooze_requested, item)
        self.snooze.setAccessibleName(self.tr("Snooze %1 for a week").replace("%1", name))
        self.snooze.setToolTip(self.tr("Leave them off the plan for a week"))
        self.done = self._button("week_done", self.tr("Done"), section.done_requested, item)
        self.done.setAccessibleName(self.tr("Done with %1 for this week").replace("%1", name))
        self.done.setToolTip(self.tr("Leave them off the plan until next week"))
        self.open = self._button(
            "week_open", self.tr("Open"), section.open_requested, item.person_id
        )
        self.open.setAccessibleName(self.tr("Open %1").replace("%1", name))
        for button in self.buttons():
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

    def buttons(self) -> list[QToolButton]:
        return [self.log, self.snooze, self.done, self.open]

    def _button(self, name: str, text: str, signal: SignalInstance, value: object) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches every button
        button.clicked.connect(lambda _checked=False: signal.emit(value))
        return button


class WeekPlanSection(QFrame):
    """The plan's lines under a "This week" heading; hidden while the plan is empty. Emits what
    the user asks: `log_requested(person_id)`, `snooze_requested(item)`, `done_requested(item)`,
    `open_requested(person_id)`, and `changed()` when the lines shown change."""

    log_requested = Signal(int)
    snooze_requested = Signal(object)
    done_requested = Signal(object)
    open_requested = Signal(int)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("week_plan")
        self.setAccessibleName(self.tr("This week"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)  # drawn over the list's margin, not see-through
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 8, 0, 8)
        self._column.setSpacing(0)
        self.title = QLabel(self.tr("This week"), self)
        self.title.setObjectName("week_title")
        self.title.setContentsMargins(12, 0, 12, 4)
        self.title.setFont(theme.scaled_font(self.title, 1.1, QFont.Weight.Bold))
        self._column.addWidget(self.title)
        self.rows: list[PlanRow] = []
        self.loaded = False  # the plan was read at least once
        self.hide()

    def set_items(self, items: list[PlanItem]) -> None:
        self.loaded = True
        if [row.item for row in self.rows] == list(items):
            return
        focused = self._focused_row()
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = [PlanRow(item, self) for item in items]
        for row in self.rows:
            self._column.addWidget(row)
        self.setVisible(bool(self.rows))
        if focused is not None:
            self._refocus(*focused)
        self.changed.emit()

    def items(self) -> list[PlanItem]:
        return [row.item for row in self.rows]

    def remove(self, person_id: int) -> None:
        """Take one person off the lines now (the plan loaded next agrees)."""
        self.set_items([item for item in self.items() if item.person_id != person_id])

    def _focused_row(self) -> tuple[int, int] | None:
        """The row and button holding the keyboard focus, so it can stay near after a change."""
        for number, row in enumerate(self.rows):
            for column, button in enumerate(row.buttons()):
                if button.hasFocus():
                    return number, column
        return None

    def _refocus(self, number: int, column: int) -> None:
        if self.rows:
            row = self.rows[min(number, len(self.rows) - 1)]
            row.buttons()[column].setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.parentWidget() is not None:
            self.parentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
