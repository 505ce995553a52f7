"""Relationship health in words: how someone's last contact stands against the rhythm you set.

A state, not a score: drifting (well past the rhythm: more than twice it, or a year without
contact for someone you nurture), overdue, due soon, on track, or no rhythm set. The rhythm and
the due date are keep-in-touch's (`keep_in_touch.CADENCE_SQL`, `BASE_SQL`, `status`); this module
adds only the drifting rule. It exists once in Python (`state`, for one person) and once as SQL
(`rank_sql`, for sorting and counting 100,000), built from the same constants.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass, field

from netdesk.core import keep_in_touch
from netdesk.core.dates import span
from netdesk.db import reads
from netdesk.values import KeepInTouch

DRIFT_FACTOR = 2  # drifting once the silence is more than this many rhythms
NURTURE_SILENCE_DAYS = 365  # someone you nurture drifts after a year without contact
MONTHS = 12


class HealthState(enum.StrEnum):
    """Ordered worst first: the order the list sorts in."""

    DRIFTING = "drifting"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"
    NO_RHYTHM = "no_rhythm"


STATES = tuple(HealthState)
LABELS = {
    HealthState.DRIFTING: "drifting",
    HealthState.OVERDUE: "overdue",
    HealthState.DUE_SOON: "due soon",
    HealthState.ON_TRACK: "on track",
    HealthState.NO_RHYTHM: "no rhythm set",
}
_FROM_STATUS = {
    KeepInTouch.OVERDUE: HealthState.OVERDUE,
    KeepInTouch.DUE_SOON: HealthState.DUE_SOON,
    KeepInTouch.OK: HealthState.ON_TRACK,
}


def state(
    cadence_days: int | None, base: dt.date | None, nurture: bool, today: dt.date
) -> HealthState:
    """The state of someone last in touch (or met, or added) on `base`."""
    if cadence_days is None or cadence_days < 1 or base is None:  # 0 days is no rhythm either
        return HealthState.NO_RHYTHM
    silence = (today - base).days
    if silence > DRIFT_FACTOR * cadence_days or (nurture and silence > NURTURE_SILENCE_DAYS):
        return HealthState.DRIFTING
    due = keep_in_touch.next_due(base, cadence_days)
    return _FROM_STATUS[keep_in_touch.status(due, today)]


def rank_sql(today: dt.date) -> str:
    """`state` as SQL over a `person` row aliased `p`: the state's index in `STATES`.

    The rhythm and the days of silence are computed once per person, in a one-row subquery
    (repeating the rhythm's subquery in each branch made sorting 100,000 people twice as slow).
    The due day is base + rhythm, so "due before today" is silence > rhythm and "due within
    the week" is silence >= rhythm - DUE_SOON_DAYS. Archived people have no rhythm, as
    keep-in-touch never tracks them. `today` is a date we format, so it is written into the
    expression (the list's ORDER BY takes no parameters).
    """
    rank = {s: STATES.index(s) for s in STATES}
    return (
        f"(SELECT CASE WHEN p.archived OR cadence IS NULL OR cadence < 1 "
        f"THEN {rank[HealthState.NO_RHYTHM]} "
        f"WHEN silence > {DRIFT_FACTOR} * cadence "
        f"OR (p.nurture AND silence > {NURTURE_SILENCE_DAYS}) THEN {rank[HealthState.DRIFTING]} "
        f"WHEN silence > cadence THEN {rank[HealthState.OVERDUE]} "
        f"WHEN silence >= cadence - {keep_in_touch.DUE_SOON_DAYS} "
        f"THEN {rank[HealthState.DUE_SOON]} "
        f"ELSE {rank[HealthState.ON_TRACK]} END "
        f"FROM (SELECT {keep_in_touch.CADENCE_SQL} AS cadence, "
        f"julianday('{today.isoformat()}') - julianday({keep_in_touch.BASE_SQL}) AS silence))"
    )


def month_starts(today: dt.date, months: int = MONTHS) -> list[dt.date]:
    """The first day of each of the last `months` calendar months, oldest first, this one last."""
    index = today.year * 12 + today.month - 1
    return [dt.date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


@dataclass(frozen=True)
class PersonHealth:
    """One person's health, with the facts its sentence is made of."""

    state: HealthState
    cadence_days: int | None
    last_contact: dt.date | None
    months: tuple[tuple[dt.date, int], ...]  # (first of the month, contacts), oldest first
    today: dt.date
    reached_out: dt.date | None = None  # the newest conversation they started

    @property
    def contacts(self) -> int:
        return sum(count for _month, count in self.months)

    def sentence(self) -> str:
        return sentence(
            self.cadence_days, self.last_contact, self.contacts, self.today, self.reached_out
        )

    def months_text(self) -> str:
        """The sparkline's words: "Contacts per month, Jan–Dec: 0, 2, 1, …"."""
        first, last = self.months[0][0], self.months[-1][0]
        counts = ", ".join(str(count) for _month, count in self.months)
        return f"Contacts per month, {first:%b}–{last:%b}: {counts}"


def for_person(person_id: int, today: dt.date | None = None) -> PersonHealth | None:
    """The health of one person (None when they are gone): three indexed reads."""
    today = today or dt.date.today()
    found = reads.execute(
        f"SELECT CASE WHEN p.archived THEN NULL ELSE {keep_in_touch.CADENCE_SQL} END, "
        f"{keep_in_touch.BASE_SQL}, p.nurture, p.last_contact FROM person p WHERE p.id = ?",
        (person_id,),
    ).fetchone()
    if found is None:
        return None
    cadence, base, nurture, last = found
    return PersonHealth(
        state=state(cadence, keep_in_touch.parse_sql_date(base), bool(nurture), today),
        cadence_days=cadence,
        last_contact=keep_in_touch.parse_sql_date(last),
        months=tuple(contacts_per_month(person_id, today)),
        today=today,
        reached_out=_reached_out([person_id], today).get(person_id),
    )


def _reached_out(ids: list[int], today: dt.date) -> dict[int, dt.date]:
    """Each person's newest conversation they started (none logged ahead of today)."""
    rows = reads.execute(
        'SELECT pa.person_id, max(i."when") FROM participant pa '
        "JOIN interaction i ON i.id = pa.interaction_id "
        "WHERE pa.person_id IN (SELECT value FROM json_each(?)) AND i.they_started "
        'AND i."when" <= ? GROUP BY pa.person_id',
        (json.dumps(ids), today.isoformat()),
    ).fetchall()
    found = {pid: keep_in_touch.parse_sql_date(day) for pid, day in rows}
    return {pid: day for pid, day in found.items() if day is not None}


def contacts_per_month(person_id: int | None, today: dt.date) -> list[tuple[dt.date, int]]:
    """Interactions per month over the last twelve months, for one person or (None) everyone."""
    starts = month_starts(today)
    who = "AND i.id IN (SELECT interaction_id FROM participant WHERE person_id = ?)"
    sql = (
        'SELECT substr(i."when", 1, 7), count(*) FROM interaction i '
        f'WHERE i."when" >= ? AND i."when" <= ? {who if person_id is not None else ""} '
        "GROUP BY 1"
    )
    params: list[object] = [starts[0].isoformat(), today.isoformat()]
    if person_id is not None:
        params.append(person_id)
    counts = dict(reads.execute(sql, params).fetchall())
    return [(start, int(counts.get(f"{start:%Y-%m}", 0))) for start in starts]


def sentence(
    cadence_days: int | None,
    last_contact: dt.date | None,
    contacts: int,
    today: dt.date,
    reached_out: dt.date | None = None,
) -> str:
    """ "You aim for every 4 weeks; last time 7 weeks ago; 9 conversations in the last 12
    months; they last reached out in March." """
    aim = f"You aim for {every(cadence_days)}" if cadence_days else "No rhythm set"
    last = f"last time {ago(last_contact, today)}" if last_contact else "no contact logged yet"
    plural = "conversation" if contacts == 1 else "conversations"
    text = f"{aim}; {last}; {contacts} {plural} in the last {MONTHS} months"
    if reached_out is not None:
        text += f"; they last reached out {when_in_words(reached_out, today)}"
    return text + "."


def when_in_words(day: dt.date, today: dt.date) -> str:
    """Recent days as "3 weeks ago", older ones by their month: "in March", "in May 2024"."""
    days = (today - day).days
    if days < 61:
        return ago(day, today)
    if days < 365:
        return f"in {day:%B}"
    return f"in {day:%B %Y}"


def every(days: int) -> str:
    """A rhythm in the words people use: "every week", "every 4 weeks", "every 3 months"."""
    if days % 365 == 0:
        return _count(days // 365, "year", "every")
    if days % 30 == 0:
        return _count(days // 30, "month", "every")
    if days % 7 == 0:
        return _count(days // 7, "week", "every")
    return _count(days, "day", "every")


def ago(day: dt.date, today: dt.date) -> str:
    days = (today - day).days
    if days < 0:
        return f"on {day.isoformat()}"  # a date ahead: logged in advance
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{span(days)} ago"


def _count(number: int, unit: str, word: str) -> str:
    return f"{word} {unit}" if number == 1 else f"{word} {number} {unit}s"


@dataclass(frozen=True)
class Drifting:
    id: int
    name: str
    sentence: str


@dataclass(frozen=True)
class Summary:
    """The network's health: people per state, per circle and among those you nurture, contacts
    per month, and who is drifting away. Archived people are left out."""

    today: dt.date
    states: dict[HealthState, int]
    nurture: dict[HealthState, int]
    circles: list[tuple[str, dict[HealthState, int]]]  # in the sidebar's order
    months: list[tuple[dt.date, int]]
    drifting: list[Drifting] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "states": _counts_json(self.states),
            "nurture": _counts_json(self.nurture),
            "circles": [{"circle": name, **_counts_json(c)} for name, c in self.circles],
            "contacts_per_month": [{"month": f"{m:%Y-%m}", "contacts": n} for m, n in self.months],
            "drifting": [
                {"id": d.id, "name": d.name, "sentence": d.sentence} for d in self.drifting
            ],
        }


def _counts_json(counts: dict[HealthState, int]) -> dict[str, int]:
    return {str(s): counts.get(s, 0) for s in STATES}


def summary(today: dt.date | None = None, *, drifting_limit: int | None = None) -> Summary:
    """Every count in one pass over the people (the states are computed once, in SQL); the
    first `drifting_limit` people drifting by name get their sentence (None: all of them)."""
    today = today or dt.date.today()
    states: dict[HealthState, int] = {}
    nurture: dict[HealthState, int] = {}
    by_circle: dict[int, dict[HealthState, int]] = {}
    drifting: list[int] = []
    for group, rank, value in reads.execute(_summary_sql(today)):
        if group == "drifting":
            drifting.append(value)
            continue
        target = {"all": states, "nurture": nurture}.get(group)
        if target is None:
            target = by_circle.setdefault(int(group), {})
        target[STATES[rank]] = value
    circles = reads.execute("SELECT id, name FROM circle ORDER BY position, name").fetchall()
    return Summary(
        today=today,
        states=states,
        nurture=nurture,
        circles=[(name, by_circle.get(cid, {})) for cid, name in circles],
        months=contacts_per_month(None, today),
        drifting=_drifting(drifting, today, drifting_limit),
    )


# Group, state index, count; and one "drifting" row per person drifting (their id as value).
# `+p.archived`: nearly everyone is not archived, so reading the table beats walking its index.
_SUMMARY_SQL = """
WITH h AS MATERIALIZED (
    SELECT p.id AS id, {rank} AS r, p.nurture AS n FROM person p WHERE +p.archived = 0)
SELECT 'all', r, count(*) FROM h GROUP BY r
UNION ALL SELECT 'nurture', r, count(*) FROM h WHERE n GROUP BY r
UNION ALL SELECT pc.circle_id, r, count(*) FROM h
    JOIN person_circle pc ON pc.person_id = h.id GROUP BY pc.circle_id, r
UNION ALL SELECT 'drifting', r, id FROM h WHERE r = {drifting}
"""


def _summary_sql(today: dt.date) -> str:
    return _SUMMARY_SQL.format(rank=rank_sql(today), drifting=STATES.index(HealthState.DRIFTING))


def _drifting(ids: list[int], today: dt.date, limit: int | None = None) -> list[Drifting]:
    """Who is drifting, by name (the first `limit`), each with their sentence (three reads for
    them all)."""
    if not ids:
        return []
    rows = reads.execute(
        f"SELECT p.id, p.display_name, {keep_in_touch.CADENCE_SQL}, p.last_contact "
        "FROM person p WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.sort_name, p.id "
        "LIMIT ?",
        (json.dumps(ids), -1 if limit is None else limit),  # SQLite reads -1 as no limit
    ).fetchall()
    ids = [row[0] for row in rows]
    wanted = json.dumps(ids)
    since = month_starts(today)[0].isoformat()
    contacts = dict(
        reads.execute(
            "SELECT pa.person_id, count(*) FROM participant pa "
            "JOIN interaction i ON i.id = pa.interaction_id "
            'WHERE pa.person_id IN (SELECT value FROM json_each(?)) AND i."when" >= ? '
            'AND i."when" <= ? GROUP BY pa.person_id',
            (wanted, since, today.isoformat()),
        ).fetchall()
    )
    reached = _reached_out(ids, today)
    return [
        Drifting(
            pid,
            name,
            sentence(
                cadence,
                keep_in_touch.parse_sql_date(last),
                contacts.get(pid, 0),
                today,
                reached.get(pid),
            ),
        )
        for pid, name, cadence, last in rows
    ]
