"""The people an import builds or updates, held in memory until the write.

A `Target` is one person: a new one from a record (`fresh_target`), or a known one read in bulk
(`load_targets`) that records add to with `absorb`. Adding never overwrites what the user
entered: missing points, positions, tags, birthday and photo are added, a new note is appended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from netdesk.core import exporting, people
from netdesk.core.importing.plan import PlanItem
from netdesk.core.normalize import fold
from netdesk.core.people import PersonDraft
from netdesk.db.models import Circle, ContactPoint, Person, PersonCircle, PersonTag, Position, Tag
from netdesk.io.records import ContactRecord
from netdesk.values import TagKind


@dataclass(slots=True)
class PositionState:
    organization: str
    title: str
    department: str
    start: dt.date | None = None
    end: dt.date | None = None
    id: int | None = None  # None: added by this import
    changed: bool = False


@dataclass(slots=True)  # one per new person of a big import
class Target:
    """A person being built or updated in memory before anything is written."""

    person_id: int | None
    fields: dict[str, Any]
    point_keys: set[tuple[str, str]] = field(default_factory=set)
    preferred: set[str] = field(default_factory=set)
    new_points: list[tuple[Any, ...]] = field(default_factory=list)  # in POINT_COLUMNS order
    positions: list[PositionState] = field(default_factory=list)
    tags: set[tuple[str, str]] = field(default_factory=set)
    new_tags: list[tuple[TagKind, str]] = field(default_factory=list)
    circles: set[str] = field(default_factory=set)
    new_circles: list[str] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # person columns changed

    @property
    def dirty(self) -> bool:
        return bool(
            self.changed
            or self.new_points
            or self.new_tags
            or self.new_circles
            or any(p.changed or p.id is None for p in self.positions)
        )


def new_fields(item: PlanItem) -> dict[str, Any]:
    """Person columns for a record's new person (what `people.create` would store), using the
    sort key the plan already computed."""
    record = item.record
    return {
        "display_name": record.display_name(),
        "sort_name": item.sort_name,
        "prefix": record.prefix.strip(),
        "given": record.given.strip(),
        "additional": record.additional.strip(),
        "family": record.family.strip(),
        "suffix": record.suffix.strip(),
        "nickname": record.nickname.strip(),
        "birthday_month": None,
        "birthday_day": None,
        "birthday_year": None,
        "how_met": "",
        "met_on": None,
        "met_through": None,
        "connected_on": None,
        "connected_via": "",
        "why_stand_out": "",
        "family_notes": "",
        "notes": "",
        "nurture": False,
        "cadence_days": None,
        "archived": False,
        "photo": None,
        "uid": record.uid.strip() or None,
        "vcard_extra": "",
    }


def absorb(target: Target, item: PlanItem, batch_id: int) -> None:
    """Add what the record knows to the target, overwriting nothing that is filled in."""
    record = item.record
    fields = target.fields
    _fill_names(target, record)
    for column, value in (
        ("nickname", record.nickname.strip()),
        ("uid", record.uid.strip() or None),
        ("met_on", record.met_on),
        ("connected_on", record.connected_on),
        ("connected_via", record.connected_via),
        ("photo", record.photo),
    ):
        if value and not fields.get(column):
            _set(target, column, value)
    if record.birthday is not None and not fields.get("birthday_month"):
        _set(target, "birthday_month", record.birthday.month)
        _set(target, "birthday_day", record.birthday.day)
        _set(target, "birthday_year", record.birthday.year)
    _append_text(target, "notes", record.note.strip(), "\n\n")
    extra: list[str] = []
    if record.extra:
        ours, extra = exporting.read_netdesk_lines(record.extra)
        if ours:
            _absorb_netdesk(target, ours)
    for line in _related_lines(record):
        _append_line(target, "family_notes", line)
    for line in _extra_lines(record, extra):
        _append_line(target, "vcard_extra", line)
    _add_children(target, item, batch_id)


def _add_children(target: Target, item: PlanItem, batch_id: int) -> None:
    """The record's contact points, positions and tags that the target lacks."""
    record = item.record
    _add_points(target, item, batch_id)
    listed: set[tuple[str, str]] = set()  # only asked when the person already has a job
    if target.positions or len(record.positions) > 1:
        listed = {(fold(p.organization), fold(p.title)) for p in record.positions}
    for position in record.positions:
        _add_position(target, position.organization, position.title, position.department, listed)
    for kind, name in record.tags:
        key = (str(kind), fold(name))
        if key not in target.tags and name.strip():
            target.tags.add(key)
            target.new_tags.append((TagKind(kind), name.strip()))


def _related_lines(record: ContactRecord) -> list[str]:
    """Related people are names, not people netdesk knows: "Spouse: Sam" lines."""
    return [
        f"{(r.kind or 'related').strip().capitalize()}: {r.name.strip()}"
        for r in record.related
        if r.name.strip()
    ]


def _extra_lines(record: ContactRecord, extra: list[str]) -> list[str]:
    if record.anniversary is None:
        return extra
    return [*extra, f"ANNIVERSARY:{record.anniversary.iso()}"]


def fresh_target(item: PlanItem, batch_id: int) -> Target:
    """A new person from one record: what `absorb` would build, without its checks against
    values already there (there are none yet). This is the hot path of a big import."""
    record = item.record
    fields = new_fields(item)
    target = Target(None, fields)
    if record.extra and any(line[:9].upper() == "X-NETDESK" for line in record.extra):
        absorb(target, item, batch_id)  # netdesk's own fields need the careful path
        return target
    if record.birthday is not None:
        birthday = record.birthday
        fields["birthday_month"], fields["birthday_day"] = birthday.month, birthday.day
        fields["birthday_year"] = birthday.year
    fields["photo"] = record.photo or None
    fields["met_on"] = record.met_on
    fields["connected_on"], fields["connected_via"] = record.connected_on, record.connected_via
    fields["notes"] = record.note.strip()
    if record.related:
        fields["family_notes"] = "\n".join(dict.fromkeys(_related_lines(record)))
    if record.extra or record.anniversary is not None:
        fields["vcard_extra"] = "\n".join(dict.fromkeys(_extra_lines(record, list(record.extra))))
    _add_children(target, item, batch_id)
    return target


def _absorb_netdesk(target: Target, ours: dict[str, Any]) -> None:
    """Fields only netdesk knows, from the X-NETDESK lines of a netdesk export."""
    for column in ("how_met", "why_stand_out", "family_notes"):
        _append_text(target, column, str(ours.get(column, "")), "\n\n")
    if ours.get("cadence_days") and not target.fields.get("cadence_days"):
        cadence = int(ours["cadence_days"])
        if 1 <= cadence <= 3650:
            _set(target, "cadence_days", cadence)
    if ours.get("nurture") and not target.fields.get("nurture"):
        _set(target, "nurture", True)
    for name in ours.get("circles", []):
        if fold(name) not in target.circles:
            target.circles.add(fold(name))
            target.new_circles.append(name)


def _set(target: Target, column: str, value: Any) -> None:
    if target.fields.get(column) != value:
        target.fields[column] = value
        target.changed.add(column)


_NAME_PARTS = ("prefix", "given", "additional", "family", "suffix")


def _fill_names(target: Target, record: ContactRecord) -> None:
    fields = target.fields
    parts = _NAME_PARTS
    if fields["given"] or fields["family"] or any(fields[p] for p in parts):
        return
    # a person known only by a display name gains the record's name parts (for sorting)
    for part in parts:
        value = getattr(record, part).strip()
        if value:
            _set(target, part, value)
    if target.changed & set(parts):
        draft = PersonDraft(display_name=fields["display_name"], **{p: fields[p] for p in parts})
        _set(target, "sort_name", people.sort_key(draft))


def _append_text(target: Target, column: str, text: str, separator: str) -> None:
    if not text:
        return
    current = target.fields.get(column) or ""
    if not current.strip():
        _set(target, column, text)
    elif fold(text) not in fold(current):
        _set(target, column, f"{current}{separator}{text}")


def _append_line(target: Target, column: str, line: str) -> None:
    current = target.fields.get(column) or ""
    if line in current.split("\n"):
        return
    _set(target, column, f"{current}\n{line}" if current else line)


POINT_COLUMNS = (
    "kind",
    "label",
    "value",
    "normalized",
    "search_text",
    "preferred",
    "import_batch",
)


def _add_points(target: Target, item: PlanItem, batch_id: int) -> None:
    for kind, value, label, preferred, normalized, search_text in item.points:
        key = (str(kind), normalized or fold(value))
        if key in target.point_keys:
            continue
        target.point_keys.add(key)
        preferred = preferred and str(kind) not in target.preferred
        if preferred:
            target.preferred.add(str(kind))
        target.new_points.append(
            (str(kind), label, value, normalized, search_text, preferred, batch_id)
        )


def _add_position(
    target: Target,
    organization: str,
    title: str,
    department: str,
    listed: set[tuple[str, str]],
) -> None:
    """Add a job without losing one: same organisation and a new title ends the old title today
    (the history stays) unless the card lists the old one too (two roles at one organisation),
    an empty title is filled, an already known job changes nothing."""
    org, title, dept = organization.strip(), title.strip(), department.strip()
    if not (org or title):
        return
    for pos in target.positions:
        if fold(pos.organization) == fold(org) and fold(pos.title) == fold(title):
            if dept and not pos.department:
                pos.department, pos.changed = dept, True
            return
    same_org = [
        p
        for p in target.positions
        if p.end is None
        and org
        and fold(p.organization) == fold(org)
        and (fold(p.organization), fold(p.title)) not in listed
    ]
    if same_org:
        pos = same_org[0]
        if not title:
            return
        if not pos.title:
            pos.title, pos.changed = title, True
            if dept and not pos.department:
                pos.department = dept
            return
        pos.end, pos.changed = dt.date.today(), True
    target.positions.append(PositionState(org, title, dept))


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def load_targets(person_ids: set[int]) -> dict[int, Target]:
    targets: dict[int, Target] = {}
    ids = sorted(person_ids)
    for chunk in _chunks(ids):
        for row in Person.select().where(Person.id.in_(chunk)).dicts():
            fields = dict(row)
            fields["photo"] = bytes(row["photo"]) if row["photo"] else None
            targets[row["id"]] = Target(row["id"], fields)
        points = ContactPoint.select(
            ContactPoint.person,
            ContactPoint.kind,
            ContactPoint.value,
            ContactPoint.normalized,
            ContactPoint.preferred,
        ).where(ContactPoint.person.in_(chunk))
        for person_id, kind, value, normalized, preferred in points.tuples():
            target = targets[person_id]
            target.point_keys.add((kind, normalized or fold(value)))
            if preferred:
                target.preferred.add(kind)
        for pos in Position.select().where(Position.person.in_(chunk)):
            targets[pos.person_id].positions.append(
                PositionState(
                    pos.organization, pos.title, pos.department, pos.start, pos.end, pos.id
                )
            )
        tags = (
            PersonTag.select(PersonTag.person, Tag.kind, Tag.name)
            .join(Tag)
            .where(PersonTag.person.in_(chunk))
        )
        for person_id, kind, name in tags.tuples():
            targets[person_id].tags.add((kind, fold(name)))
        circles = (
            PersonCircle.select(PersonCircle.person, Circle.name)
            .join(Circle)
            .where(PersonCircle.person.in_(chunk))
        )
        for person_id, name in circles.tuples():
            targets[person_id].circles.add(fold(name))
    return targets
