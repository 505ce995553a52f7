"""This week: a short plan of people to reach out to, each with its reason in words.

Reasons, most pressing first: someone you nurture is overdue (most overdue first); a birthday in
the next seven days; a follow-up or a promise due within them or overdue; a need of theirs you
can help with (someone among your people could meet it, `core.suggestions`); a new job since you
were last in touch; and people of your warm circles (family, friends of family), the easiest to
practise on, longest silent first. A person appears once, under their first reason; their other
reasons are appended in words.

Each reason is read set-based by SQL (plus the suggestions), never by walking everyone in
Python: at 100,000 people the plan costs a few queries. Snooze (a week) and Done (for this week)
are rows of the reminder log under a kind of their own, so they survive restarts and merges like
the reminders' own; so is the day the reminders' daily digest listed the plan.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cached_property

from netdesk.core import favours, follow_ups, health, keep_in_touch, store, suggestions
from netdesk.core.dates import long_date, span
from netdesk.db.models import ReminderLog, database
from netdesk.values import Birthday, Topic

DAYS = 7  # "this week": today and the six days after
LOG_KIND = "week_plan"  # the reminder log's kind for the plan's Snooze and Done
DIGEST_KIND = "week_digest"  # and for the day the reminders' digest listed the plan
WARM_CIRCLES = ("family", "friends of family", "extended family")  # compared case-folded


class PlanKind(enum.StrEnum):
    """Why someone is on the plan, in the order of priority."""

    OVERDUE = "overdue"
    BIRTHDAY = "birthday"
    FOLLOW_UP = "follow_up"
    PROMISE = "promise"
    HELP = "help"
    NEW_JOB = "new_job"
    WARM_CIRCLE = "warm_circle"


@dataclass(frozen=True, slots=True)
class PlanItem:
    person_id: int
    name: str
    reason: str  # the first reason, then the others ("… Also: …")
    kind: PlanKind  # the first reason's kind

    def as_json(self) -> dict[str, object]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "reason": self.reason,
            "kind": str(self.kind),
        }


@dataclass(frozen=True, slots=True)
class _Reason:
    person_id: int
    name: str
    text: str
    kind: PlanKind


def plan(*, today: dt.date, size: int) -> list[PlanItem]:
    """Up to `size` people to reach out to in the week from `today`, most pressing first;
    leaves out what was snoozed (until the snooze ends) or done this week, and archived people."""
    if size <= 0:
        return []
    reasons = _Reasons(today)
    hidden = _hidden(today)
    chosen: dict[int, list[_Reason]] = {}
    for source, when_full in reasons.sources():
        before = set(chosen)
        room = size - len(chosen)
        if before and (room > 0 or when_full):  # the further reasons of those on the plan
            for reason in source(None, before):
                chosen[reason.person_id].append(reason)
        if room <= 0:
            continue
        for reason in source(room + len(before) + len(hidden), None):
            pid = reason.person_id
            if pid in hidden or pid in before:
                continue
            if pid in chosen:
                chosen[pid].append(reason)
            elif len(chosen) < size:
                chosen[pid] = [reason]
    return [_item(found) for found in chosen.values()]


def _item(reasons: list[_Reason]) -> PlanItem:
    first, *more = reasons
    texts = list(dict.fromkeys(r.text for r in more if r.text != first.text))
    text = f"{first.text}. Also: {'; '.join(texts)}" if texts else first.text
    return PlanItem(first.person_id, first.name, text, first.kind)


# --- Snooze and Done --------------------------------------------------------------------------


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week: Done holds until the next one."""
    return day - dt.timedelta(days=day.weekday())


def snooze(person_id: int, *, today: dt.date, now: dt.datetime) -> dt.date:
    """Leave this person off the plan for a week; returns the day they may come back."""
    until = today + dt.timedelta(days=DAYS)
    moment = dt.datetime.combine(until, dt.time())
    _mark(
        person_id, today, now, {ReminderLog.snoozed_until: moment, ReminderLog.dismissed_at: None}
    )
    return until


def done(person_id: int, *, today: dt.date, now: dt.datetime) -> None:
    """Leave this person off the plan for the rest of this week."""
    _mark(person_id, today, now, {ReminderLog.dismissed_at: now, ReminderLog.snoozed_until: None})


def log_key(person_id: int, today: dt.date) -> tuple[str, int, dt.date, int]:
    """The reminder-log occurrence this week's Snooze or Done of a person writes."""
    return (LOG_KIND, person_id, week_start(today), 0)


def _mark(person_id: int, today: dt.date, now: dt.datetime, update: dict) -> None:
    values = {
        "kind": LOG_KIND,
        "person": person_id,
        "due": week_start(today),
        "ref": 0,
        "notified_at": now,
        **{field.name: value for field, value in update.items()},
    }
    log = ReminderLog
    with store.write():
        log.insert(values).on_conflict(
            conflict_target=[log.kind, log.person, log.due, log.ref], update=update
        ).execute()
        store.changed(Topic.REMINDER_LOG, person_id)


def digest_sent(day: dt.date) -> bool:
    """Whether the reminders' digest listed the plan on `day` already."""
    log = ReminderLog
    return bool(log.select().where((log.kind == DIGEST_KIND) & (log.due == day)).exists())


def claim_digest(person_id: int, now: dt.datetime) -> bool:
    """Note that today's digest lists the plan (the row hangs on the plan's first person); False
    when another process claimed it first. One IMMEDIATE transaction, so it is listed once."""
    with store.write():
        if digest_sent(now.date()):
            return False
        values = {"kind": DIGEST_KIND, "person": person_id, "due": now.date(), "notified_at": now}
        ReminderLog.insert(values).execute()
        store.changed(Topic.REMINDER_LOG, person_id)
    return True


def _hidden(today: dt.date) -> set[int]:
    """People snoozed past today, or done this week."""
    sql = (
        "SELECT DISTINCT person_id FROM reminder_log WHERE kind = ? AND "
        "((dismissed_at IS NOT NULL AND due = ?) OR snoozed_until >= ?)"
    )
    tomorrow = today + dt.timedelta(days=1)
    params = (LOG_KIND, week_start(today).isoformat(), tomorrow.isoformat())
    return {int(pid) for (pid,) in database.execute_sql(sql, params)}


# --- the reasons --------------------------------------------------------------------------------

# A source of reasons: (limit, among) -> reasons in order. `among` keeps it to those people (for
# their further reasons); `limit` bounds what is read when it is not.
Source = Callable[[int | None, Collection[int] | None], Iterable[_Reason]]


class _Reasons:
    """Every reason as of `today`, one source per kind of reason, in the order of priority."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.last_day = today + dt.timedelta(days=DAYS - 1)

    def sources(self) -> list[tuple[Source, bool]]:
        """Each source, and whether it is read once the plan is full (for the further reasons of
        those on it): the suggestions are not, as they take seconds in a large network."""
        return [
            (self.overdue, True),
            (self.birthdays, True),
            (self.follow_ups_and_promises, True),
            (self.needs_to_help, False),
            (self.new_jobs, True),
            (self.warm_circles, True),
        ]

    def overdue(self, limit: int | None, among: Collection[int] | None) -> list[_Reason]:
        where, params = _among(among)
        sql = (
            "SELECT p.id, p.display_name, d.due, p.last_contact, d.cadence FROM ("
            f"SELECT p.id AS id, {keep_in_touch.NEXT_DUE_SQL} AS due, "
            f"{keep_in_touch.CADENCE_SQL} AS cadence FROM person p "
            f"WHERE p.nurture AND NOT p.archived{where}) d "
            "JOIN person p ON p.id = d.id WHERE d.due < ? ORDER BY d.due, p.sort_name"
        )
        rows = _rows(sql, [*params, self.today.isoformat()], limit)
        found = []
        for pid, name, due, last, cadence in rows:
            late = (self.today - _date(due)).days
            last_text = _last_contact(last)
            text = f"Overdue by {span(late)} ({health.every(cadence)}; {last_text})"
            found.append(_Reason(pid, name, text, PlanKind.OVERDUE))
        return found

    def birthdays(self, limit: int | None, among: Collection[int] | None) -> list[_Reason]:
        days = [self.today + dt.timedelta(days=n) for n in range(DAYS)]
        keys = {d.month * 100 + d.day for d in days}
        if 228 in keys:  # 29 February falls on the 28th in common years
            keys.add(229)
        where, params = _among(among)
        sql = (
            "SELECT p.id, p.display_name, p.birthday_month, p.birthday_day, p.birthday_year "
            f"FROM person p WHERE NOT p.archived{where} AND "
            f"p.birthday_month * 100 + p.birthday_day IN ({', '.join('?' * len(keys))})"
        )
        found = []
        for pid, name, month, day, year in _rows(sql, [*params, *sorted(keys)], None):
            try:
                birthday = Birthday(month, day, year)
            except ValueError:
                continue
            on = birthday.next_on_or_after(self.today)
            if on <= self.last_day:
                turns = birthday.age_on(on)
                text = f"Birthday {self._when(on)}" + (f" (turns {turns})" if turns else "")
                found.append((on, name.casefold(), _Reason(pid, name, text, PlanKind.BIRTHDAY)))
        found.sort(key=lambda entry: entry[:2])
        return [reason for *_, reason in found][:limit]

    def follow_ups_and_promises(
        self, limit: int | None, among: Collection[int] | None
    ) -> list[_Reason]:
        return _kept(self._follow_ups_and_promises, limit, among)

    @cached_property
    def _follow_ups_and_promises(self) -> list[_Reason]:
        found: list[tuple[dt.date, str, _Reason]] = []
        for f in follow_ups.due_by(self.last_day):
            what = f"Follow up: {f.note}" if f.note and f.note != "Follow up" else "Follow up"
            reason = _Reason(
                f.person_id, f.person_name, f"{what} ({self._due(f.due)})", PlanKind.FOLLOW_UP
            )
            found.append((f.due, f.person_name.casefold(), reason))
        for promise in favours.open_promises():
            due = favours.promise_due(promise)
            if due <= self.last_day:
                text = f"You promised: {promise.what} ({self._due(due)})"
                reason = _Reason(promise.person_id, promise.person_name, text, PlanKind.PROMISE)
                found.append((due, promise.person_name.casefold(), reason))
        found.sort(key=lambda entry: entry[:2])
        return [reason for *_, reason in found]

    def needs_to_help(self, limit: int | None, among: Collection[int] | None) -> list[_Reason]:
        return _kept(self._needs_to_help, limit, among)

    @cached_property
    def _needs_to_help(self) -> list[_Reason]:
        """One reason per person with a need: the best suggestion for it."""
        found: dict[int, _Reason] = {}
        for s in suggestions.suggest(self.today):
            if s.need_person_id not in found:
                text = f"{s.need_person} is looking for “{s.need}”; {s.reason}"
                found[s.need_person_id] = _Reason(
                    s.need_person_id, s.need_person, text, PlanKind.HELP
                )
        return list(found.values())

    def new_jobs(self, limit: int | None, among: Collection[int] | None) -> list[_Reason]:
        where, params = _among(among)
        # max() makes SQLite take the title and organisation of the newest current position
        sql = (
            "SELECT p.id, p.display_name, pos.title, pos.organization, max(pos.start) AS start, "
            "p.last_contact FROM position pos JOIN person p ON p.id = pos.person_id "
            'WHERE pos."end" IS NULL AND pos.start IS NOT NULL AND pos.start <= ? '
            "AND NOT p.archived AND "
            f"p.last_contact IS NOT NULL AND pos.start > p.last_contact{where} "
            "GROUP BY p.id ORDER BY start DESC, p.sort_name"
        )
        found = []
        for pid, name, title, organization, start, last in _rows(
            sql, [self.today.isoformat(), *params], limit
        ):
            job = " at ".join(x for x in (title, organization) if x) or "a new position"
            text = (
                f"New job since you were last in touch: {job} since {long_date(_date(start))} "
                f"(last contact {long_date(_date(last))})"
            )
            found.append(_Reason(pid, name, text, PlanKind.NEW_JOB))
        return found

    def warm_circles(self, limit: int | None, among: Collection[int] | None) -> list[_Reason]:
        circles = {
            int(cid): str(name)
            for cid, name in database.execute_sql("SELECT id, name FROM circle")
            if str(name).casefold() in WARM_CIRCLES
        }
        if not circles:
            return []
        where, params = _among(among)
        recent = self.today - dt.timedelta(days=DAYS - 1)  # in touch this past week: not now
        sql = (
            "SELECT p.id, p.display_name, p.last_contact, min(pc.circle_id) FROM person_circle pc "
            "JOIN person p ON p.id = pc.person_id "
            f"WHERE pc.circle_id IN ({', '.join('?' * len(circles))}) AND NOT p.archived{where} "
            "AND (p.last_contact IS NULL OR p.last_contact < ?) "
            "GROUP BY p.id ORDER BY p.last_contact IS NOT NULL, p.last_contact, p.sort_name"
        )
        found = []
        for pid, name, last, circle_id in _rows(
            sql, [*circles, *params, recent.isoformat()], limit
        ):
            last_text = _last_contact(last)
            text = f"{circles[circle_id]} circle: start with people you know ({last_text})"
            found.append(_Reason(pid, name, text, PlanKind.WARM_CIRCLE))
        return found

    def _when(self, day: dt.date) -> str:
        """ "today", "tomorrow", "on Friday 11 December"."""
        delta = (day - self.today).days
        if delta == 0:
            return "today"
        if delta == 1:
            return "tomorrow"
        return f"on {day:%A} {day.day} {day:%B}"

    def _due(self, day: dt.date) -> str:
        if day < self.today:
            return f"overdue by {span((self.today - day).days)}"
        return f"due {self._when(day)}"


def _kept(
    reasons: list[_Reason], limit: int | None, among: Collection[int] | None
) -> list[_Reason]:
    if among is not None:
        return [r for r in reasons if r.person_id in among]
    return reasons if limit is None else reasons[:limit]


def _among(among: Collection[int] | None) -> tuple[str, list[int]]:
    """A condition keeping a query on `person p` to these people."""
    if among is None:
        return "", []
    return f" AND p.id IN ({', '.join('?' * len(among))})", list(among)


def _rows(sql: str, params: list, limit: int | None) -> list[tuple]:
    if limit is not None:
        sql, params = f"{sql} LIMIT ?", [*params, limit]
    return list(database.execute_sql(sql, params))


def _date(value: object) -> dt.date:
    day = keep_in_touch.parse_sql_date(value)
    assert day is not None  # the queries read only dates that are set
    return day


def _last_contact(last: str | None) -> str:
    return f"last contact {long_date(_date(last))}" if last else "no contact logged yet"
