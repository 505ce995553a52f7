"""Dates and statuses as people say them ("3 weeks ago", "in 5 days", "Overdue"), translatable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale

from netdesk.qt import i18n
from netdesk.values import DueKind, InteractionKind

_tr = i18n.translator("formatting")


def long_date(day: dt.date | None) -> str:
    """The locale's long date ("Tuesday, 4 March 2025"), or ""."""
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def short_date(day: dt.date | None, today: dt.date | None = None) -> str:
    """ "4 Mar" this year, "4 Mar 2023" otherwise."""
    if day is None:
        return ""
    today = today or dt.date.today()
    qdate = QDate(day.year, day.month, day.day)
    pattern = "d MMM" if day.year == today.year else "d MMM yyyy"
    return QLocale().toString(qdate, pattern)


def ago(day: dt.date | None, today: dt.date | None = None) -> str:
    """How long ago a past day was: "today", "yesterday", "5 days ago", "3 months ago"."""
    if day is None:
        return ""
    today = today or dt.date.today()
    days = (today - day).days
    if days < 0:
        return in_days(day, today)
    if days == 0:
        return _tr("today")
    if days == 1:
        return _tr("yesterday")
    return _tr("%n day(s) ago", days) if days < 14 else _span(days, _tr("%1 ago"))


def in_days(day: dt.date | None, today: dt.date | None = None) -> str:
    """How far away a day is: "today", "tomorrow", "in 5 days", or "12 days late"."""
    if day is None:
        return ""
    today = today or dt.date.today()
    days = (day - today).days
    if days == 0:
        return _tr("today")
    if days == 1:
        return _tr("tomorrow")
    if days < 0:
        late = -days
        return _tr("%n day(s) late", late) if late < 14 else _span(late, _tr("%1 late"))
    return _tr("in %n day(s)", days) if days < 14 else _span(days, _tr("in %1"))


def _span(days: int, template: str) -> str:
    if days < 60:
        amount = _tr("%n week(s)", round(days / 7))
    elif days < 700:
        amount = _tr("%n month(s)", round(days / 30.4))
    else:
        amount = _tr("%n year(s)", round(days / 365.25))
    return template.replace("%1", amount)


def interaction_kinds() -> dict[InteractionKind, str]:
    """The one readable name of each kind of interaction, in the order menus offer them."""
    return {
        InteractionKind.COFFEE: _tr("Coffee"),
        InteractionKind.MEAL: _tr("Meal"),
        InteractionKind.CALL: _tr("Phone call"),
        InteractionKind.VIDEO: _tr("Video call"),
        InteractionKind.MEETING: _tr("Meeting"),
        InteractionKind.MESSAGE: _tr("Message"),
        InteractionKind.EMAIL: _tr("Email"),
        InteractionKind.EVENT: _tr("Event"),
        InteractionKind.INTRODUCTION: _tr("Introduction"),
        InteractionKind.OTHER: _tr("Other"),
    }


def interaction_kind(kind: InteractionKind) -> str:
    return interaction_kinds()[kind]


def due_kind(kind: DueKind) -> str:
    return {
        DueKind.KEEP_IN_TOUCH: _tr("Keep in touch"),
        DueKind.BIRTHDAY: _tr("Birthday"),
        DueKind.FOLLOW_UP: _tr("Follow-up"),
        DueKind.FAVOUR: _tr("Promise"),
    }[kind]


def initials(name: str) -> str:
    """One or two letters for an avatar: "Ana Souza" -> "AS", "李小龍" -> "李"."""
    words = [w for w in name.replace(",", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1 or not words[0][:1].isascii():
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()
