"""Set a follow-up for one person: a date (with quick choices) and a note.

    answer = follow_up_dialog.ask(parent, person_id)   # (date, note), or None on cancel

The window stores it with `core.follow_ups.add(person_id, date, note)`.
"""

from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import QLocale, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import lookup
from netdesk.qt import plain
from netdesk.ui.dialogs import modal
from netdesk.ui.dialogs.dates import date_edit, from_qdate, to_qdate


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if shorter (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quick_dates(today: dt.date) -> list[tuple[str, dt.date]]:
    """(object name, date) for the quick choices: tomorrow, in 3 days, next week, next month."""
    return [
        ("tomorrow", today + dt.timedelta(days=1)),
        ("in_3_days", today + dt.timedelta(days=3)),
        ("next_week", today + dt.timedelta(days=7)),
        ("next_month", add_months(today, 1)),
    ]


def ask(parent: QWidget | None, person_id: int) -> tuple[dt.date, str] | None:
    """Show the dialog; (due date, note), or None when cancelled."""
    return modal.answer(FollowUpDialog(parent, person_id), FollowUpDialog.value)


class FollowUpDialog(modal.EditorDialog):
    """Quick-choice buttons set the date; the date edit allows any other day."""

    def __init__(
        self, parent: QWidget | None, person_id: int, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("follow_up_dialog")
        self.today = today or dt.date.today()
        name = plain.clip(lookup.name_of(person_id) or self.tr("this person"))
        self.setWindowTitle(self.tr("Follow up with {name}").format(name=name))
        self.setMinimumWidth(460)
        labels = {
            "tomorrow": self.tr("&Tomorrow"),
            "in_3_days": self.tr("In &3 days"),
            "next_week": self.tr("Next &week"),
            "next_month": self.tr("Next &month"),
        }
        quick = QHBoxLayout()
        self.quick_buttons: dict[str, QPushButton] = {}
        for key, day in quick_dates(self.today):
            button = QPushButton(labels[key], self)
            button.setObjectName(key)
            button.setAutoDefault(False)
            button.setCheckable(True)
            button.setToolTip(QLocale().toString(to_qdate(day), QLocale.FormatType.LongFormat))
            button.clicked.connect(lambda _=False, d=day: self.set_date(d))
            self.quick_buttons[key] = button
            quick.addWidget(button)
        self.date = date_edit(self, "date")
        self.date.setMinimumDate(to_qdate(self.today))
        self.date.dateChanged.connect(self._sync_quick)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("Send the article about reef restoration"))
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("When"), quick)
        form.addRow(self.tr("&Date"), self.date)
        form.addRow(self.tr("&Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("ok")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.set_date(quick_dates(self.today)[2][1])  # a week is the usual "soon"
        self.mark_saved()
        self.note.setFocus()

    def unsaved_state(self) -> object:
        return self.value()

    def accept(self) -> None:
        if modal.commit(self):  # a failed write keeps the dialog open
            super().accept()

    @Slot()
    def set_date(self, day: dt.date) -> None:
        self.date.setDate(to_qdate(day))
        self._sync_quick()

    def _sync_quick(self) -> None:
        chosen = from_qdate(self.date.date())
        for key, day in quick_dates(self.today):
            self.quick_buttons[key].setChecked(day == chosen)

    def value(self) -> tuple[dt.date, str]:
        return from_qdate(self.date.date()), self.note.text().strip()
