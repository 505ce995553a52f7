"""What the Network page draws, and the people behind each of its marks.

The health numbers are relationship health's own summary (`health.summary`: people per state,
per circle and among those you nurture, contacts per month, who is drifting); this module adds
the people met at recent events and, for any bar or segment, the people it counts, with the
states decided by the same SQL (`health.rank_sql`). Everything here only reads, so the window
runs it on its workers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netdesk.core import health
from netdesk.core.health import HealthState
from netdesk.db import reads

RECENT_EVENTS = 8
NAMED_DRIFTING = 100  # the page names the first by name; the count and the list hold them all


@dataclass(frozen=True)
class EventMet:
    """An event and how many people you met there (its attendees)."""

    id: int
    name: str
    day: dt.date
    people: int


@dataclass(frozen=True)
class NetworkSummary:
    health: health.Summary  # its `drifting` holds the first NAMED_DRIFTING, by name
    circle_ids: dict[str, int]  # circle name (unique) -> id, for the circles' marks
    events: list[EventMet]  # the most recent up to today, newest first

    @property
    def today(self) -> dt.date:
        return self.health.today


def load(today: dt.date | None = None) -> NetworkSummary:
    today = today or dt.date.today()
    return NetworkSummary(
        health=health.summary(today, drifting_limit=NAMED_DRIFTING),
        circle_ids=dict(reads.execute("SELECT name, id FROM circle").fetchall()),
        events=recent_events(today),
    )


def recent_events(today: dt.date, limit: int = RECENT_EVENTS) -> list[EventMet]:
    """The events of `today` and before, newest first, with their number of attendees."""
    rows = reads.execute(
        "SELECT e.id, e.name, e.date, (SELECT count(*) FROM participant pa "
        "WHERE pa.interaction_id = e.interaction_id) FROM event e WHERE e.date <= ? "
        "ORDER BY e.date DESC, e.id DESC LIMIT ?",
        (today.isoformat(), limit),
    ).fetchall()
    return [EventMet(eid, name, _day(day), n) for eid, name, day, n in rows]


def _day(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


# --- the marks: what one bar or segment stands for ----------------------------------------------


@dataclass(frozen=True)
class MonthMark:
    """The people you were in touch with in the month starting on `start` (up to today)."""

    start: dt.date


@dataclass(frozen=True)
class HealthMark:
    """The people in `state`: everyone, one circle's people, or those you nurture."""

    state: HealthState
    circle_id: int | None = None
    nurture: bool = False


@dataclass(frozen=True)
class EventMark:
    """The people met at one event."""

    event_id: int


Mark = MonthMark | HealthMark | EventMark


def people_behind(mark: Mark, today: dt.date) -> list[int]:
    """The ids of the people `mark` counts, by name (archived people are never counted)."""
    where, params = _where(mark, today)
    sql = (
        f"SELECT p.id FROM person p WHERE +p.archived = 0 AND {' AND '.join(where)} "
        "ORDER BY p.sort_name, p.id"
    )
    return [pid for (pid,) in reads.execute(sql, params)]


def _where(mark: Mark, today: dt.date) -> tuple[list[str], list[object]]:
    if isinstance(mark, MonthMark):  # the days `health.contacts_per_month` counts
        return [
            "p.id IN (SELECT pa.person_id FROM participant pa JOIN interaction i "
            'ON i.id = pa.interaction_id WHERE substr(i."when", 1, 7) = ? AND i."when" <= ?)'
        ], [f"{mark.start:%Y-%m}", today.isoformat()]
    if isinstance(mark, EventMark):
        return [
            "p.id IN (SELECT pa.person_id FROM participant pa JOIN event e "
            "ON e.interaction_id = pa.interaction_id WHERE e.id = ?)"
        ], [mark.event_id]
    where = [f"{health.rank_sql(today)} = ?"]
    params: list[object] = [health.STATES.index(mark.state)]
    if mark.circle_id is not None:
        where.append("p.id IN (SELECT person_id FROM person_circle WHERE circle_id = ?)")
        params.append(mark.circle_id)
    if mark.nurture:
        where.append("p.nurture")
    return where, params
