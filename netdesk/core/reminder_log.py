"""Which reminder occurrences were notified, snoozed or dismissed: the reminders' memory.

An occurrence is a `DueItem.key()` (kind, person, due date, ref). `claim()` marks occurrences as
notified inside one short IMMEDIATE transaction *before* anything is shown, so two processes (the
service and a `--once` run) never notify the same occurrence twice, and a restart does not repeat
what was already shown. Snoozes and dismissals are rows too, so they survive restarts.

This module writes only `ReminderLog` rows; completing the underlying follow-up or favour is the
job of the services that own those tables.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, cast

from netdesk.core import store
from netdesk.core.due import DueItem
from netdesk.db.models import ReminderLog
from netdesk.values import Topic

Key = tuple[str, int, dt.date, int]
_CHUNK = 400  # people per IN (...) query; well under SQLite's variable limit


class State(enum.StrEnum):
    """Where one occurrence stands."""

    NEW = "new"  # never notified
    NOTIFIED = "notified"  # shown, not acted on
    SNOOZED = "snoozed"  # hidden until its snooze ends
    SNOOZE_OVER = "snooze_over"  # a snooze that has ended: to be shown again
    DISMISSED = "dismissed"  # done or dismissed: never shown again

    @property
    def ready(self) -> bool:
        """Should be notified now."""
        return self in (State.NEW, State.SNOOZE_OVER)

    @property
    def active(self) -> bool:
        """Belongs in the list of what is due now."""
        return self in (State.NEW, State.NOTIFIED, State.SNOOZE_OVER)


def classify(items: Sequence[DueItem], now: dt.datetime) -> dict[Key, State]:
    """The state of each item's occurrence at `now` (read only)."""
    rows = _rows_for(items)
    return {item.key(): _state(rows.get(item.key()), now) for item in items}


def still_open(items: Sequence[DueItem], now: dt.datetime) -> list[DueItem]:
    """The items neither dismissed nor snoozed at `now`: what a to-do list shows.

    Reads only the hidden occurrences (few), not a row per item: Today lists 100,000 people.
    """
    log = ReminderLog
    query = (
        log.select(log.kind, log.person, log.due, log.ref)
        .where(log.dismissed_at.is_null(False) | (log.snoozed_until > now))
        .tuples()
    )
    hidden = set(cast("Iterable[Key]", query))
    return [item for item in items if item.key() not in hidden] if hidden else list(items)


def claim(items: Sequence[DueItem], now: dt.datetime) -> list[DueItem]:
    """Mark ready occurrences as notified at `now`; returns the ones this call claimed.

    One IMMEDIATE transaction: another process claiming the same occurrences waits at BEGIN and
    then finds them already notified, so each occurrence is shown once.
    """
    if not items:
        return []
    claimed: list[DueItem] = []
    with store.write():
        rows = _rows_for(items)
        fresh: list[dict[str, object]] = []
        reopened: list[int] = []
        for item in dict.fromkeys(items):  # the same occurrence listed twice is claimed once
            row = rows.get(item.key())
            state = _state(row, now)
            if state is State.NEW:
                fresh.append(_row_values(item, notified_at=now))
            elif state is State.SNOOZE_OVER and row is not None:
                reopened.append(row.id)
            else:
                continue
            claimed.append(item)
        for start in range(0, len(fresh), 100):
            ReminderLog.insert_many(fresh[start : start + 100]).execute()
        for start in range(0, len(reopened), _CHUNK):
            chunk = reopened[start : start + _CHUNK]
            ReminderLog.update(notified_at=now, snoozed_until=None).where(
                ReminderLog.id.in_(chunk)
            ).execute()
        if claimed:
            store.changed(Topic.REMINDER_LOG, *{i.person_id for i in claimed})
    return claimed


def snooze(items: Iterable[DueItem], until: dt.datetime, now: dt.datetime) -> None:
    """Hide these occurrences until `until` (then they are notified again)."""
    _upsert(items, now, {ReminderLog.snoozed_until: until, ReminderLog.dismissed_at: None})


def dismiss(items: Iterable[DueItem], now: dt.datetime) -> None:
    """Never show these occurrences again (done, or the user waved them away)."""
    _upsert(items, now, {ReminderLog.dismissed_at: now, ReminderLog.snoozed_until: None})


# An occurrence's notified, snoozed-until and dismissed moments; None: no row for it.
Marks = tuple[dt.datetime | None, dt.datetime | None, dt.datetime | None] | None


def marks(key: Key) -> Marks:
    """What the log holds about one occurrence now."""
    row = ReminderLog.select(
        ReminderLog.notified_at, ReminderLog.snoozed_until, ReminderLog.dismissed_at
    ).where(_is(key))
    found = row.tuples().first()
    return (found[0], found[1], found[2]) if found is not None else None


def put_back(key: Key, before: Marks, left: Marks) -> bool:
    """Give an occurrence the marks it had `before` a Done or a Snooze, while it still holds
    those that change `left`; False (nothing written) when it changed since."""
    with store.write():
        if marks(key) != left:
            return False
        if before is None:
            ReminderLog.delete().where(_is(key)).execute()
        else:
            notified, snoozed, dismissed = before
            ReminderLog.update(
                notified_at=notified, snoozed_until=snoozed, dismissed_at=dismissed
            ).where(_is(key)).execute()
        store.changed(Topic.REMINDER_LOG, key[1])
    return True


def _is(key: Key) -> Any:
    kind, person_id, due, ref = key
    log = ReminderLog
    return (log.kind == kind) & (log.person == person_id) & (log.due == due) & (log.ref == ref)


def next_snooze_end(after: dt.datetime) -> dt.datetime | None:
    """When the earliest snooze still running after `after` ends."""
    row = (
        ReminderLog.select(ReminderLog.snoozed_until)
        .where(ReminderLog.snoozed_until > after, ReminderLog.dismissed_at.is_null())
        .order_by(ReminderLog.snoozed_until)
        .first()
    )
    return row.snoozed_until if row is not None else None


def _upsert(items: Iterable[DueItem], now: dt.datetime, update: dict) -> None:
    unique = list(dict.fromkeys(items))
    if not unique:
        return
    with store.write():
        for item in unique:
            values = _row_values(item, notified_at=now)
            values.update({field.name: value for field, value in update.items()})
            ReminderLog.insert(values).on_conflict(
                conflict_target=[
                    ReminderLog.kind,
                    ReminderLog.person,
                    ReminderLog.due,
                    ReminderLog.ref,
                ],
                update=update,
            ).execute()
        store.changed(Topic.REMINDER_LOG, *{i.person_id for i in unique})


def _row_values(item: DueItem, *, notified_at: dt.datetime) -> dict[str, object]:
    return {
        "kind": str(item.kind),
        "person": item.person_id,
        "due": item.due,
        "ref": item.ref,
        "notified_at": notified_at,
    }


class _Row(NamedTuple):
    id: int
    notified_at: dt.datetime | None
    snoozed_until: dt.datetime | None
    dismissed_at: dt.datetime | None


def _rows_for(items: Sequence[DueItem]) -> dict[Key, _Row]:
    """The log rows of these items' occurrences, by key (plain tuples: thousands at a time)."""
    wanted = {item.key() for item in items}
    people = sorted({item.person_id for item in items})
    found: dict[Key, _Row] = {}
    log = ReminderLog
    for start in range(0, len(people), _CHUNK):
        chunk = people[start : start + _CHUNK]
        query = (
            log.select(
                log.kind,
                log.person,
                log.due,
                log.ref,
                log.id,
                log.notified_at,
                log.snoozed_until,
                log.dismissed_at,
            )
            .where(log.person.in_(chunk))
            .tuples()
        )
        for kind, person_id, due, ref, *rest in cast("Iterable[tuple[Any, ...]]", query):
            key = (kind, person_id, due, ref)
            if key in wanted:
                found[key] = _Row(*rest)
    return found


def _state(row: _Row | None, now: dt.datetime) -> State:
    if row is None:
        return State.NEW
    if row.dismissed_at is not None:
        return State.DISMISSED
    if row.snoozed_until is not None:
        return State.SNOOZE_OVER if row.snoozed_until <= now else State.SNOOZED
    if row.notified_at is None:
        return State.NEW
    return State.NOTIFIED
