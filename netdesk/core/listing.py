"""Light rows for lists of people: the window's table, `netdesk list` and exports.

Filtering, search and sorting all run in SQL so a list of 100,000 people pages cheaply.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass, field

from netdesk.core import health, keep_in_touch, search
from netdesk.core.health import HealthState
from netdesk.core.search import fts_query
from netdesk.db import reads, search_index
from netdesk.values import Birthday, KeepInTouch


class Filter(enum.StrEnum):
    ALL = "all"
    NURTURE = "nurture"
    DUE = "due"  # overdue or due soon
    OVERDUE = "overdue"
    RECENTLY_MET = "recently_met"
    STAND_OUTS = "stand_outs"  # with a note on why they stand out
    BIRTHDAYS_SOON = "birthdays_soon"
    CIRCLE = "circle"  # value: circle id
    TAG = "tag"  # value: tag id
    EVENT = "event"  # value: event id
    ARCHIVED = "archived"
    IMPORT = "import"  # value: import batch id
    PEOPLE = "people"  # ids: the people a mark of the Network page stands for


class Sort(enum.StrEnum):
    RELEVANCE = "relevance"  # rank when searching, else name
    NAME = "name"
    ORGANIZATION = "organization"
    CIRCLE = "circle"
    LAST_CONTACT = "last_contact"
    NEXT_DUE = "next_due"
    STATUS = "status"
    HEALTH = "health"  # worst first: drifting, overdue, due soon, on track, no rhythm


RECENT_DAYS = 60
BIRTHDAY_WINDOW_DAYS = 30


@dataclass
class ListQuery:
    search: str = ""
    filter: Filter = Filter.ALL
    value: int | None = None
    sort: Sort = Sort.RELEVANCE
    descending: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    ids: tuple[int, ...] = ()  # for Filter.PEOPLE: not archived, in name order (sort_name)


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    name: str
    organization: str
    title: str
    circle: str
    last_contact: dt.date | None
    next_due: dt.date | None
    status: KeepInTouch
    has_photo: bool
    nurture: bool
    birthday: Birthday | None
    health: HealthState = HealthState.NO_RHYTHM


_ORG = (
    "(SELECT po.{col} FROM position po WHERE po.person_id = p.id "
    'ORDER BY po."end" IS NOT NULL, po.id LIMIT 1)'
)
_CIRCLE = (
    "(SELECT c.name FROM person_circle pc JOIN circle c ON c.id = pc.circle_id "
    "WHERE pc.person_id = p.id ORDER BY c.position LIMIT 1)"
)
COLUMNS = (
    "p.id, p.display_name, "
    f"coalesce({_ORG.format(col='organization')}, ''), coalesce({_ORG.format(col='title')}, ''), "
    f"coalesce({_CIRCLE}, ''), p.last_contact, {keep_in_touch.NEXT_DUE_SQL}, "
    "p.photo IS NOT NULL, p.nurture, p.birthday_month, p.birthday_day, p.birthday_year, "
    f"CASE WHEN p.archived THEN NULL ELSE {keep_in_touch.CADENCE_SQL} END, "
    f"{keep_in_touch.BASE_SQL}"
)


def _where(q: ListQuery) -> tuple[list[str], list[object]]:
    where = ["p.archived = 1" if q.filter is Filter.ARCHIVED else search.ARCHIVED_ONLY]
    params: list[object] = []
    today = q.today.isoformat()
    if q.filter is Filter.NURTURE:
        where.append("p.nurture = 1")
    elif q.filter in (Filter.DUE, Filter.OVERDUE):
        horizon = (
            today
            if q.filter is Filter.OVERDUE
            else (q.today + dt.timedelta(days=keep_in_touch.DUE_SOON_DAYS)).isoformat()
        )
        op = "<" if q.filter is Filter.OVERDUE else "<="
        where.append(f"({keep_in_touch.NEXT_DUE_SQL}) {op} ?")
        params.append(horizon)
    elif q.filter is Filter.RECENTLY_MET:
        # Met: a met-on date, or added by hand (at an event, say) rather than by an import:
        # an address book brought in today holds people met years ago.
        where.append(
            "(p.met_on >= ? OR (p.met_on IS NULL AND p.import_batch_id IS NULL"
            " AND date(p.created) >= ?))"
        )
        since = (q.today - dt.timedelta(days=RECENT_DAYS)).isoformat()
        params += [since, since]
    elif q.filter is Filter.STAND_OUTS:  # a note of only spaces or line breaks says nothing
        where.append("trim(p.why_stand_out, ' ' || char(9, 10, 13)) <> ''")
    elif q.filter is Filter.BIRTHDAYS_SOON:
        keys = _birthday_keys(q.today, BIRTHDAY_WINDOW_DAYS)
        where.append(f"(p.birthday_month * 100 + p.birthday_day) IN ({','.join('?' * len(keys))})")
        params.extend(keys)
    elif q.filter is Filter.CIRCLE:
        where.append("p.id IN (SELECT person_id FROM person_circle WHERE circle_id = ?)")
        params.append(q.value)
    elif q.filter is Filter.TAG:
        where.append("p.id IN (SELECT person_id FROM person_tag WHERE tag_id = ?)")
        params.append(q.value)
    elif q.filter is Filter.EVENT:
        where.append(
            "p.id IN (SELECT pa.person_id FROM participant pa JOIN event e "
            "ON e.interaction_id = pa.interaction_id WHERE e.id = ?)"
        )
        params.append(q.value)
    elif q.filter is Filter.IMPORT:
        where.append("p.import_batch_id = ?")
        params.append(q.value)
    elif q.filter is Filter.PEOPLE:  # one JSON parameter however many they are
        where.append("p.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(q.ids))
    return where, params


def _birthday_keys(today: dt.date, days: int) -> list[int]:
    keys = []
    for offset in range(days + 1):
        day = today + dt.timedelta(days=offset)
        keys.append(day.month * 100 + day.day)
        if day.month == 2 and day.day == 28 and not _is_leap(day.year):
            keys.append(229)  # 29 February birthdays are kept on the 28th in common years
    return keys


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# The terms of each order, kept apart because the expressions themselves hold commas.
_ORDER = {
    Sort.NAME: ("p.sort_name",),
    Sort.ORGANIZATION: (
        f"{_ORG.format(col='organization')} IS NULL",
        f"lower({_ORG.format(col='organization')})",
    ),
    Sort.CIRCLE: (f"{_CIRCLE} IS NULL", _CIRCLE),
    Sort.LAST_CONTACT: ("p.last_contact IS NULL", "p.last_contact"),
    Sort.NEXT_DUE: (f"({keep_in_touch.NEXT_DUE_SQL}) IS NULL", f"({keep_in_touch.NEXT_DUE_SQL})"),
    Sort.STATUS: (f"({keep_in_touch.NEXT_DUE_SQL}) IS NULL", f"({keep_in_touch.NEXT_DUE_SQL})"),
}


def _sql(q: ListQuery, select: str) -> tuple[str, list[object]]:
    where, params = _where(q)
    match = fts_query(q.search) if q.search.strip() else ""
    if match:
        source = "person_fts f JOIN person p ON p.id = f.rowid"
        where.insert(0, "person_fts MATCH ?")
        params.insert(0, match)
    else:
        source = "person p"
    return f"SELECT {select} FROM {source} WHERE {' AND '.join(where)}", params


def fetch(q: ListQuery, offset: int = 0, limit: int = 200) -> list[PersonRow]:
    """One page of rows.

    The page's ids are chosen first (filter, match, order, limit) and only those rows get their
    organisation, circle and next-due columns computed; computing them for every match before
    sorting made a search page three times slower than the bare full-text query.
    """
    searching = bool(q.search.strip() and search.tokens(q.search))
    if searching:
        search_index.flush(reads.orm_database())
    if searching and q.sort is Sort.RELEVANCE:
        where, params = _where(q)
        ids = search.ranked_page(q.search, where, params, offset, limit)
    elif _given_in_order(q):  # tens of thousands looked up one by one took a third of a second
        ids = list(q.ids[offset : offset + limit])
    else:
        if q.sort is Sort.RELEVANCE:
            order = "p.sort_name"
        else:
            direction = " DESC" if q.descending else ""
            terms = (health.rank_sql(q.today),) if q.sort is Sort.HEALTH else _ORDER[q.sort]
            order = ", ".join(f"{term}{direction}" for term in terms) + ", p.sort_name"
        inner, params = _sql(q, "p.id")
        inner += f" ORDER BY {order} LIMIT ? OFFSET ?"
        ids = [r[0] for r in reads.execute(inner, (*params, limit, offset))]
    if not ids:
        return []
    sql = f"SELECT {COLUMNS} FROM person p WHERE p.id IN ({','.join('?' * len(ids))})"
    by_id = {r[0]: r for r in reads.execute(sql, ids)}
    cursor_rows = [by_id[i] for i in ids if i in by_id]
    return [_row(r, q.today) for r in cursor_rows]


def _given_in_order(q: ListQuery) -> bool:
    """The list is the given people as given: a page of them is a slice."""
    return q.filter is Filter.PEOPLE and not q.search.strip() and q.sort is Sort.RELEVANCE


def count(q: ListQuery) -> int:
    if q.filter is Filter.PEOPLE and not q.search.strip():
        return len(q.ids)
    if q.search.strip():
        search_index.flush(reads.orm_database())
    sql, params = _sql(q, "count(*)")
    return int(reads.execute(sql, params).fetchone()[0])


def _row(r: tuple, today: dt.date) -> PersonRow:
    next_due = keep_in_touch.parse_sql_date(r[6])
    birthday = None
    if r[9] and r[10]:
        try:
            birthday = Birthday(r[9], r[10], r[11])
        except ValueError:
            birthday = None
    return PersonRow(
        id=r[0],
        name=r[1],
        organization=r[2],
        title=r[3],
        circle=r[4],
        last_contact=keep_in_touch.parse_sql_date(r[5]),
        next_due=next_due,
        status=keep_in_touch.status(next_due, today),
        has_photo=bool(r[7]),
        nurture=bool(r[8]),
        birthday=birthday,
        health=health.state(r[12], keep_in_touch.parse_sql_date(r[13]), bool(r[8]), today),
    )


def row(person_id: int, today: dt.date | None = None) -> PersonRow | None:
    today = today or dt.date.today()
    sql = f"SELECT {COLUMNS} FROM person p WHERE p.id = ?"
    found = reads.execute(sql, (person_id,)).fetchone()
    return _row(found, today) if found else None


def photo(person_id: int) -> bytes | None:
    """The stored thumbnail of a person, for the list's avatars (a plain read: the first rows
    may be painted before the models load)."""
    row = reads.execute("SELECT photo FROM person WHERE id = ?", (person_id,)).fetchone()
    return bytes(row[0]) if row and row[0] else None
