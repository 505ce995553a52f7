"""Taking back what an event capture or a calendar import wrote, without losing later work.

Both create events (each with its interaction), put people on them, may create people, and fill
in how the people already known met them (event capture also their notes, tags and numbers).
`Work` keeps what taking that back and doing it again needs:
- the events it created and their interactions, as rows;
- a full snapshot of the people it created;
- the attendances and follow-ups it added for people already known, as rows;
- those people's profiles before and after, moved back field by field (`core.profile_changes`),
  so what anyone changed since stays.
`undo` raises `LaterWork` (nothing changed) when it would delete work added since: someone it
created was edited or got an interaction, favour, need, follow-up, relationship or introduction of
their own, or one of its events got more attendees. `force=True` goes ahead after a backup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from netdesk.core import interactions, profile_changes, snapshots, store
from netdesk.core.importing.batch_undo import LATER_WORK, PRE_UNDO, LaterWork
from netdesk.core.snapshots import Snapshot, SnapshotConflict
from netdesk.db import backup
from netdesk.db.connection import current_path
from netdesk.db.models import (
    BaseModel,
    Event,
    Interaction,
    Participant,
    Person,
    Reminder,
)
from netdesk.values import Topic

SHOWN = 3  # people or events named in a refusal


@dataclass
class Work:
    """What one capture or calendar import wrote (rows as JSON-friendly dicts)."""

    events: list[dict[str, Any]]
    interactions: list[dict[str, Any]]
    created: Snapshot
    joined: list[dict[str, Any]]  # Participant rows of people already known
    follow_ups: list[dict[str, Any]]  # Reminder rows of people already known
    before: Snapshot  # the profiles of the people already known, before
    after: Snapshot  # ... and after

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Work:
        def snap(key: str) -> Snapshot:
            return Snapshot(**data[key])

        return cls(
            data["events"],
            data["interactions"],
            snap("created"),
            data["joined"],
            data["follow_ups"],
            snap("before"),
            snap("after"),
        )

    @property
    def empty(self) -> bool:
        """Nothing was written (a calendar imported again, everyone already on its events)."""
        changed = profile_changes.profiles(self.before) != profile_changes.profiles(self.after)
        rows = self.events or self.created.person_ids or self.joined or self.follow_ups
        return not rows and not changed

    @property
    def known(self) -> list[int]:
        """The people who existed before."""
        return self.before.person_ids


@dataclass(frozen=True)
class Known:
    """The attendances and follow-ups events held before the work began."""

    participants: frozenset[int] = frozenset()
    reminders: frozenset[int] = frozenset()


def known_rows(event_ids: Iterable[int]) -> Known:
    """What these (already stored) events hold now."""
    ids = list(event_ids)
    if not ids:
        return Known()
    interaction_ids = Event.select(Event.interaction).where(Event.id.in_(ids))
    joined = Participant.select(Participant.id).where(Participant.interaction.in_(interaction_ids))
    follow_ups = Reminder.select(Reminder.id).where(Reminder.event.in_(ids))
    return Known(
        frozenset(r[0] for r in joined.tuples()), frozenset(r[0] for r in follow_ups.tuples())
    )


def combine(parts: Iterable[Snapshot]) -> Snapshot:
    """Profile snapshots of different people, taken at different times, as one."""
    out = Snapshot(person_ids=[])
    seen: dict[str, set[Any]] = defaultdict(set)
    for part in parts:
        out.person_ids += [i for i in part.person_ids if i not in out.person_ids]
        for table, rows in part.tables.items():
            for row in rows:
                if row["id"] not in seen[table]:  # a circle or tag two people share
                    seen[table].add(row["id"])
                    out.tables.setdefault(table, []).append(row)
    return out


def finish(
    *,
    events: list[int],
    created: list[int],
    before: Snapshot,
    touched: Iterable[int] = (),
    known: Known = Known(),
) -> Work:
    """Record the work once it is written: the events it `created`, the people it created, the
    known people's profiles `before`, and the earlier events it added people to (`touched`, which
    held `known` before)."""
    all_events = [*events, *touched]
    event_rows = _dump(Event.select().where(Event.id.in_(events)))
    interaction_rows = _dump(
        Interaction.select().where(Interaction.id.in_([r["interaction"] for r in event_rows]))
    )
    existing = [p for p in before.person_ids if p not in created]
    on_events = Event.select(Event.interaction).where(Event.id.in_(all_events))
    joined = Participant.select().where(
        Participant.interaction.in_(on_events)
        & Participant.person.in_(existing)
        & Participant.id.not_in(list(known.participants))
    )
    follow_ups = Reminder.select().where(
        Reminder.event.in_(all_events)
        & Reminder.person.in_(existing)
        & Reminder.id.not_in(list(known.reminders))
    )
    return Work(
        event_rows,
        interaction_rows,
        snapshots.capture(created),
        _dump(joined),
        _dump(follow_ups),
        dataclasses.replace(before, person_ids=existing),
        snapshots.capture_profile(existing),
    )


def _dump(query: pw.ModelSelect) -> list[dict[str, Any]]:
    return [
        {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
        for row in query.dicts()
    ]


# --- undo and redo ------------------------------------------------------------------------------


def undo(
    work: Work, what: str, *, force: bool = False, then: Callable[[], None] | None = None
) -> str:
    """Take the work back; `what` names it in the refusal ("the capture at Oslo dinner"), `then`
    runs in the same transaction. Returns one sentence on what was left because it changed
    since, or ""."""
    if force and later_work(work, what):
        backup.backup_now(current_path(), PRE_UNDO)
    with store.write():
        reason = later_work(work, what)  # again under the write lock: nobody adds any now
        if reason and not force:
            raise LaterWork(reason)
        snapshots.delete_people(work.created.person_ids)
        _delete(Participant, work.joined)
        _delete(Reminder, work.follow_ups)
        outcome = profile_changes.move(work.after, work.before)
        _delete(Interaction, work.interactions)  # its events and their attendances go with it
        interactions.refresh_last_contact(work.known)
        _changed(work)
        if then is not None:
            then()
    return outcome.describe()


def redo(work: Work) -> str:
    """Write the work again under its ids; SnapshotConflict (nothing changed) when another
    interaction or event took one of them since."""
    with store.write():
        _insert(Interaction, work.interactions)
        _insert(Event, work.events)
        if work.created.person_ids:
            snapshots.restore(work.created)
        _insert(Participant, work.joined)
        _insert(Reminder, work.follow_ups)
        outcome = profile_changes.move(work.before, work.after)
        interactions.refresh_last_contact(work.known)
        _changed(work)
    return outcome.describe()


def _delete(model: type[BaseModel], rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), snapshots.CHUNK):
        model.delete().where(model.id.in_(ids[start : start + snapshots.CHUNK])).execute()


def _insert(model: type[BaseModel], rows: list[dict[str, Any]]) -> None:
    taken = model.select(model.id).where(model.id.in_([r["id"] for r in rows])).exists()
    if taken:
        raise SnapshotConflict(
            "Nothing was redone: what it wrote was replaced by newer work meanwhile."
        )
    for row in rows:
        model.insert(snapshots.decode_row(model, row)).execute()


def _changed(work: Work) -> None:
    people = [*work.known, *work.created.person_ids]
    for topic in (Topic.EVENTS, Topic.INTERACTIONS, Topic.REMINDERS):
        store.changed(topic, *people)
    store.changed(Topic.PEOPLE, *people)


# --- later work ---------------------------------------------------------------------------------


def later_work(work: Work, what: str) -> str:
    """Why taking the work back would lose work added since (one sentence), or ""."""
    found = _on_created_people(work)
    found.update(_on_events(work))
    if not found:
        return ""
    shown = "; ".join(f"{name} ({', '.join(parts)})" for name, parts in list(found.items())[:SHOWN])
    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    return f"Undoing {what} would delete work added since: {shown}{more}."


def _on_created_people(work: Work) -> dict[str, list[str]]:
    created = work.created.person_ids
    if not created:
        return {}
    own = {
        Participant: {r["id"] for r in work.created.rows(Participant)},
        Reminder: {r["id"] for r in work.created.rows(Reminder)},
    }
    found: dict[int, list[str]] = defaultdict(list)
    for one, many, column in LATER_WORK:
        query = column.model.select(column, pw.fn.count(1)).where(column.in_(created))
        if column.model in own:
            query = query.where(column.model.id.not_in(list(own[column.model])))
        if column is Person.met_through:
            query = query.where(Person.id.not_in(created))
        for pid, count in query.group_by(column).tuples():
            found[int(pid)].append(f"1 {one}" if count == 1 else f"{count} {many}")
    kept = profile_changes.profiles(work.created)
    now = profile_changes.profiles(snapshots.capture_profile(created))
    for pid in created:
        if pid in now and now[pid] != kept.get(pid):
            found[pid].append("edits")
    names = {r["id"]: r["display_name"] for r in work.created.rows(Person)}
    return {names.get(pid, str(pid)): parts for pid, parts in found.items()}


def _on_events(work: Work) -> dict[str, list[str]]:
    """Attendees added since to the events the work created."""
    ours = {r["id"] for r in work.joined} | {r["id"] for r in work.created.rows(Participant)}
    found: dict[str, list[str]] = {}
    for row in work.events:
        others = Participant.select().where(
            (Participant.interaction == row["interaction"]) & Participant.id.not_in(list(ours))
        )
        count = others.count()
        if count:
            found[row["name"]] = ["1 more attendee" if count == 1 else f"{count} more attendees"]
    return found
