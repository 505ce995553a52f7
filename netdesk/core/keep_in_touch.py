"""Keep-in-touch rules: who is tracked, when they are next due, and how late they are.

due = last interaction (or the day met, or the day added) + cadence, where the cadence is the
person's own, else the shortest default of their circles, else (for people marked to nurture)
the nurture default. People with none of these are not tracked; archived people never are.
The same rule exists as SQL (for lists of 100,000) and as Python (for one person).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netdesk.values import KeepInTouch

DUE_SOON_DAYS = 7
NURTURE_DEFAULT_DAYS = 30

# SQL over a `person` row aliased as `p`.
CADENCE_SQL = (
    "coalesce(p.cadence_days, (SELECT min(c.default_cadence_days) FROM person_circle pc "
    "JOIN circle c ON c.id = pc.circle_id WHERE pc.person_id = p.id), "
    f"CASE WHEN p.nurture THEN {NURTURE_DEFAULT_DAYS} END)"
)
BASE_SQL = "coalesce(p.last_contact, p.met_on, date(p.created))"
NEXT_DUE_SQL = (
    f"CASE WHEN p.archived THEN NULL ELSE date({BASE_SQL}, '+' || ({CADENCE_SQL}) || ' days') END"
)


@dataclass(frozen=True)
class Clock:
    """When a tracked person is next due."""

    cadence_days: int | None
    base: dt.date | None
    next_due: dt.date | None


def next_due(base: dt.date, cadence_days: int | None) -> dt.date | None:
    return base + dt.timedelta(days=cadence_days) if cadence_days else None


def status(next_due_date: dt.date | None, today: dt.date) -> KeepInTouch:
    if next_due_date is None:
        return KeepInTouch.UNTRACKED
    if next_due_date < today:
        return KeepInTouch.OVERDUE
    if next_due_date <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return KeepInTouch.DUE_SOON
    return KeepInTouch.OK


def parse_sql_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
