"""Date widgets for the editors: an optional date, a birthday without a year, loose parsing.

Qt's QDateEdit always holds a date; these widgets add the "no date" and "year unknown" states
that people's data really has, and convert to and from `datetime.date` and `values.Birthday`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QSpinBox, QWidget

from netdesk.values import Birthday


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


_LOOSE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")


def parse_loose_date(text: str) -> dt.date | None:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY` (first of the month or year); "" gives None.

    Raises ValueError for anything else, so the editor can say which cell is wrong.
    """
    if not text.strip():
        return None
    match = _LOOSE.match(text)
    if not match:
        raise ValueError(text)
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    return dt.date(year, month, day)


def date_edit(parent: QWidget | None = None, object_name: str = "") -> QDateEdit:
    """A QDateEdit with a calendar popup, showing the month by name (never ambiguous)."""
    edit = QDateEdit(parent)
    if object_name:
        edit.setObjectName(object_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setDate(QDate.currentDate())
    return edit


class OptionalDateEdit(QWidget):
    """A checkbox that switches a date on and off, and the date."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None, *, object_name: str = "") -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.check = QCheckBox(label, self)
        self.check.setObjectName(f"{object_name}_enabled" if object_name else "")
        self.edit = date_edit(self, f"{object_name}_date" if object_name else "")
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.check)

    def date(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_date(self, day: dt.date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


class BirthdayEdit(QWidget):
    """Day, month and (unless unknown) year; 29 February is fine without a year."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("birthday")
        self.known = QCheckBox(self.tr("Known"), self)
        self.known.setObjectName("birthday_known")
        self.day = QSpinBox(self)
        self.day.setObjectName("birthday_day")
        self.day.setRange(1, 31)
        self.day.setAccessibleName(self.tr("Birthday day"))
        self.month = QComboBox(self)
        self.month.setObjectName("birthday_month")
        self.month.setAccessibleName(self.tr("Birthday month"))
        locale = QLocale()
        for number in range(1, 13):
            self.month.addItem(locale.monthName(number, QLocale.FormatType.LongFormat), number)
        self.year = QSpinBox(self)
        self.year.setObjectName("birthday_year")
        self.year.setRange(1900, dt.date.today().year)
        self.year.setValue(1990)
        self.year.setAccessibleName(self.tr("Birthday year"))
        self.no_year = QCheckBox(self.tr("Year unknown"), self)
        self.no_year.setObjectName("birthday_no_year")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.known, self.day, self.month, self.year, self.no_year):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.known.toggled.connect(self._sync)
        self.no_year.toggled.connect(self._sync)
        for signal in (
            self.known.toggled,
            self.no_year.toggled,
            self.day.valueChanged,
            self.month.currentIndexChanged,
            self.year.valueChanged,
        ):
            signal.connect(self.changed)
        self._sync()

    def _sync(self) -> None:
        known = self.known.isChecked()
        for widget in (self.day, self.month, self.no_year):
            widget.setEnabled(known)
        self.year.setEnabled(known and not self.no_year.isChecked())

    def birthday(self) -> Birthday | None:
        """The birthday, or None when not known; raises ValueError for an impossible date."""
        if not self.known.isChecked():
            return None
        year = None if self.no_year.isChecked() else self.year.value()
        return Birthday(int(self.month.currentData()), self.day.value(), year)

    def problem(self) -> str:
        """A sentence saying why the date is impossible, or ""."""
        try:
            self.birthday()
        except ValueError:
            month = self.month.currentText()
            if self.month.currentData() == 2 and self.day.value() == 29:
                return self.tr("{year} had no 29 February; tick “Year unknown” if unsure.").format(
                    year=self.year.value()
                )
            days = calendar.monthrange(2000, int(self.month.currentData()))[1]
            return self.tr("{month} has only {days} days.").format(month=month, days=days)
        return ""

    def set_birthday(self, birthday: Birthday | None) -> None:
        self.known.setChecked(birthday is not None)
        if birthday is None:
            return
        self.day.setValue(birthday.day)
        self.month.setCurrentIndex(birthday.month - 1)
        self.no_year.setChecked(birthday.year is None)
        if birthday.year is not None:
            self.year.setValue(birthday.year)
