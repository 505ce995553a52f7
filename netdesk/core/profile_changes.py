"""Taking back a change to people's profiles without losing what others did since.

A change is two profile snapshots of the same people (`snapshots.capture_profile` or a full
capture): before and after an edit in the window, or before and after an import updated them.
`move(source, target)` takes each person from `source` to `target` only where the store still
holds what `source` says. A field someone changed since keeps its new value and is reported;
contact points, positions, circles and tags are removed and added one by one, so what another
window, the reminders process or the command line added since stays. Undo is
`move(after, before)`, redo is `move(before, after)`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from netdesk.core import people, snapshots, store
from netdesk.core.people import PersonDraft, PointDraft
from netdesk.core.snapshots import Snapshot
from netdesk.db.models import (
    BaseModel,
    Circle,
    ContactPoint,
    Person,
    PersonCircle,
    PersonTag,
    Position,
    Tag,
)
from netdesk.values import PointKind, TagKind, Topic

# Person columns that are not the user's to change (sort_name follows the names).
NOT_COMPARED = frozenset({"id", "created", "updated", "last_contact", "import_batch", "sort_name"})
NAME_COLUMNS = ("display_name", "prefix", "given", "additional", "family", "suffix")
BIRTHDAY = ("birthday_month", "birthday_day", "birthday_year")  # one date, changed as one
LABELS = {
    "display_name": "name",
    "birthday_month": "birthday",
    "how_met": "how you met",
    "met_on": "when you met",
    "met_through": "who introduced you",
    "connected_on": "when you connected",
    "connected_via": "where you connected",
    "why_stand_out": "why they stand out",
    "family_notes": "family",
    "cadence_days": "keep-in-touch cadence",
    "vcard_extra": "extra vCard lines",
    "uid": "vCard UID",
}
POINT_COLUMNS = ("kind", "value", "label", "preferred")
POSITION_COLUMNS = ("organization", "title", "department", "start", "end")
SHOWN_NAMES = 3


@dataclass
class Profile:
    """One person's fields (JSON-friendly, as snapshots keep them) and their children as
    multisets of contents: ids change whenever the editor saves, contents do not."""

    fields: dict[str, Any]
    points: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    positions: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    circles: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    tags: Counter[tuple[Any, ...]] = field(default_factory=Counter)


def profiles(snapshot: Snapshot) -> dict[int, Profile]:
    """Every person of the snapshot as a Profile."""
    out = {
        int(row["id"]): Profile({k: v for k, v in row.items() if k not in NOT_COMPARED})
        for row in snapshot.rows(Person)
    }
    circles = {int(r["id"]): r["name"] for r in snapshot.rows(Circle)}
    tags = {int(r["id"]): (r["kind"], r["name"]) for r in snapshot.rows(Tag)}
    for row in snapshot.rows(ContactPoint):
        if int(row["person"]) in out:
            key = (row["kind"], row["value"], row["label"], bool(row["preferred"]))
            out[int(row["person"])].points[key] += 1
    for row in snapshot.rows(Position):
        if int(row["person"]) in out:
            out[int(row["person"])].positions[tuple(row[c] for c in POSITION_COLUMNS)] += 1
    for row in snapshot.rows(PersonCircle):
        if int(row["person"]) in out and int(row["circle"]) in circles:
            out[int(row["person"])].circles[(circles[int(row["circle"])],)] += 1
    for row in snapshot.rows(PersonTag):
        if int(row["person"]) in out and int(row["tag"]) in tags:
            out[int(row["person"])].tags[tags[int(row["tag"])]] += 1
    return out


@dataclass
class Outcome:
    """What a move did: the people changed, and what it left alone because it changed since."""

    moved: list[int] = field(default_factory=list)
    kept: dict[int, list[str]] = field(default_factory=dict)  # person -> what was left
    gone: list[int] = field(default_factory=list)  # people deleted since
    names: dict[int, str] = field(default_factory=dict)

    def kept_list(self) -> str:
        """Who kept what, e.g. "Ana Souza (notes); Ben Okafor (deleted)"."""
        name = self.names.get
        parts = [f"{name(pid, pid)} ({', '.join(what)})" for pid, what in self.kept.items()]
        parts += [f"{name(pid, pid)} (deleted)" for pid in self.gone]
        shown = "; ".join(parts[:SHOWN_NAMES])
        if len(parts) > SHOWN_NAMES:
            shown += f" and {len(parts) - SHOWN_NAMES} more"
        return shown

    def describe(self) -> str:
        """One sentence on what was left as it is now, or "" when nothing was."""
        return f"Left as changed since: {self.kept_list()}." if self.kept or self.gone else ""


def move(source: Snapshot, target: Snapshot) -> Outcome:
    """Take the people of both snapshots from `source` to `target`, in one transaction, where
    the store still holds what `source` says."""
    src, dst = profiles(source), profiles(target)
    ids = sorted(set(src) & set(dst))
    outcome = Outcome(names={pid: str(dst[pid].fields.get("display_name", "")) for pid in ids})
    with store.write():
        now = profiles(snapshots.capture_profile(ids))
        for pid in ids:
            if pid not in now:
                outcome.gone.append(pid)
                continue
            outcome.names[pid] = str(now[pid].fields.get("display_name", ""))
            kept, changed = _move_person(pid, src[pid], dst[pid], now[pid])
            if kept:
                outcome.kept[pid] = kept
            if changed:
                outcome.moved.append(pid)
        if outcome.moved:
            store.changed(Topic.PEOPLE, *outcome.moved)
            store.changed(Topic.CIRCLES, *outcome.moved)
            store.changed(Topic.TAGS, *outcome.moved)
    return outcome


def _move_person(pid: int, src: Profile, dst: Profile, now: Profile) -> tuple[list[str], bool]:
    updates, kept = field_updates(src.fields, dst.fields, now.fields)
    changed = _move_children(pid, src, dst, now)
    if updates:
        _write_fields(pid, updates, now.fields)
    if updates or changed:
        stamp = dt.datetime.now().replace(microsecond=0)
        Person.update(updated=stamp).where(Person.id == pid).execute()
    return kept, bool(updates or changed)


def field_updates(
    src: dict[str, Any], dst: dict[str, Any], now: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The columns to set (those still as `src` left them) and the labels of those changed
    since, which stay as they are."""
    updates: dict[str, Any] = {}
    kept: list[str] = []
    for group in _groups(src.keys() | dst.keys()):
        if all(src.get(c) == dst.get(c) for c in group):
            continue
        if all(now.get(c) == src.get(c) for c in group):
            updates.update({c: dst.get(c) for c in group})
        elif any(now.get(c) != dst.get(c) for c in group):
            kept.append(LABELS.get(group[0], group[0].replace("_", " ")))
    return updates, kept


def _groups(columns: Iterable[str]) -> list[tuple[str, ...]]:
    rest = sorted(c for c in columns if c not in BIRTHDAY and c not in NOT_COMPARED)
    return [BIRTHDAY, *((c,) for c in rest)]


def _write_fields(pid: int, updates: dict[str, Any], now: dict[str, Any]) -> None:
    values = snapshots.decode_row(Person, updates)
    through = values.get("met_through")
    if through is not None and not people.exists(int(through)):
        values["met_through"] = None  # the person they were introduced through is gone
    if any(c in values for c in NAME_COLUMNS):
        names = {c: values.get(c, now.get(c)) or "" for c in NAME_COLUMNS}
        values["sort_name"] = people.sort_key(PersonDraft(**names))
    Person.update(**values).where(Person.id == pid).execute()


# --- children -----------------------------------------------------------------------------------


def _move_children(pid: int, src: Profile, dst: Profile, now: Profile) -> bool:
    changed = False
    for kind, (remove, add) in _CHILDREN.items():
        before, after, current = (getattr(p, kind) for p in (src, dst, now))
        for item in before - after:
            if current[item] > 0:  # already gone: someone removed it since
                remove(pid, item)
                changed = True
        for item in after - before:
            if current[item] == 0:  # already there: someone added it since
                add(pid, item)
                changed = True
    return changed


def _one_row(model: type[BaseModel], pid: int, columns: tuple[str, ...], item: tuple) -> Any:
    """The id of one of the person's rows with exactly these contents."""
    values = snapshots.decode_row(model, dict(zip(columns, item, strict=True)))
    condition = model.person == pid
    for column, value in values.items():
        f = model._meta.fields[column]
        condition &= f.is_null() if value is None else (f == value)
    return model.select(model.id).where(condition).limit(1)


def _remove_point(pid: int, item: tuple) -> None:
    ContactPoint.delete().where(
        ContactPoint.id.in_(_one_row(ContactPoint, pid, POINT_COLUMNS, item))
    ).execute()


def _add_point(pid: int, item: tuple) -> None:
    kind, value, label, preferred = item
    people.add_points(pid, [PointDraft(PointKind(kind), value, label, bool(preferred))])


def _remove_position(pid: int, item: tuple) -> None:
    Position.delete().where(
        Position.id.in_(_one_row(Position, pid, POSITION_COLUMNS, item))
    ).execute()


def _add_position(pid: int, item: tuple) -> None:
    values = snapshots.decode_row(Position, dict(zip(POSITION_COLUMNS, item, strict=True)))
    Position.insert(person=pid, **values).execute()


def _remove_circle(pid: int, item: tuple) -> None:
    circles = Circle.select(Circle.id).where(pw.fn.lower(Circle.name) == item[0].lower())
    PersonCircle.delete().where(
        (PersonCircle.person == pid) & PersonCircle.circle.in_(circles)
    ).execute()


def _add_circle(pid: int, item: tuple) -> None:
    circle = people.circle_by_name(item[0])
    PersonCircle.insert(person=pid, circle=circle).on_conflict_ignore().execute()


def _remove_tag(pid: int, item: tuple) -> None:
    kind, name = item
    tags = Tag.select(Tag.id).where((Tag.kind == kind) & (pw.fn.lower(Tag.name) == name.lower()))
    PersonTag.delete().where((PersonTag.person == pid) & PersonTag.tag.in_(tags)).execute()


def _add_tag(pid: int, item: tuple) -> None:
    tag = people.tag_by_name(TagKind(item[0]), item[1])
    PersonTag.insert(person=pid, tag=tag).on_conflict_ignore().execute()


_Step = Callable[[int, tuple], None]
_CHILDREN: dict[str, tuple[_Step, _Step]] = {
    "points": (_remove_point, _add_point),
    "positions": (_remove_position, _add_position),
    "circles": (_remove_circle, _add_circle),
    "tags": (_remove_tag, _add_tag),
}
