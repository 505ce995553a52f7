"""Importing contacts: match read records against the store, preview, apply, undo.

`plan(records)` classifies every record (DESIGN §4): NEW, UPDATE (same UID, email, phone or
profile as someone known), DUPLICATE (only a close name matches: the user decides) or INVALID.
Lookup dictionaries are built once per plan, so planning costs no query per record; a record
that matches an earlier record of the same file joins it instead of making a second person.

`apply(plan)` writes in ONE transaction with ONE `ImportBatch` row: new people (and the points
they bring) point at the batch; updates only add to a person (missing points, positions, tags,
birthday, photo; a note appended when new) and never overwrite what the user entered; a snapshot
of each updated person taken before the change is stored on the batch. A cancel or any failure
rolls everything back. `undo(batch_id)` removes what the batch created and restores the people
it changed.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from netdesk.core import dedupe, exporting, people, snapshots, store
from netdesk.core.dedupe import MatchIndex, MatchKeys
from netdesk.core.errors import CoreError, NotFound
from netdesk.core.gc_pause import gc_paused
from netdesk.core.normalize import default_region, fold, normalize_point
from netdesk.core.people import PersonDraft
from netdesk.db import backup, search_index
from netdesk.db.connection import current_path
from netdesk.db.models import (
    Circle,
    ContactPoint,
    ImportBatch,
    Person,
    PersonCircle,
    PersonTag,
    Position,
    Tag,
    database,
)
from netdesk.io.errors import PhotoError
from netdesk.io.photos import check_image, image_size, make_thumbnail
from netdesk.io.records import ContactRecord, Problem
from netdesk.values import PointKind, TagKind

THUMBNAIL_SIZE = 256
# A photo already this small (and in a format every Qt build shows) is stored as it came.
PASS_THROUGH_BYTES = 64 * 1024
INSERT_BATCH = 5000  # rows per executemany call

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class Action(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    DUPLICATE = "duplicate"  # a possible duplicate: a close name only; the user decides
    INVALID = "invalid"


class Decision(enum.StrEnum):
    MERGE = "merge"  # treat as an update of the matched person
    KEEP_BOTH = "keep_both"  # create a new person anyway
    SKIP = "skip"


class ImportCancelled(CoreError):
    """The user cancelled; nothing was written."""


class AlreadyUndone(CoreError):
    """That import was undone before."""


@dataclass
class PlanItem:
    """What the import will do with one record, and why."""

    index: int
    record: ContactRecord
    action: Action
    reason: str = ""
    person_id: int | None = None  # the known person it matches
    into: int | None = None  # or the earlier item of this plan it matches
    match_name: str = ""
    score: float = 0.0
    sort_name: str = ""
    # normalised contact points: (kind, value, label, preferred, normalized, search_text)
    points: list[tuple[PointKind, str, str, bool, str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.record.display_name()


@dataclass
class ImportPlan:
    source_name: str
    fmt: str
    items: list[PlanItem]
    cards: int  # every card in the source, read or not
    problems: list[Problem] = field(default_factory=list)
    encoding_fallback: str | None = None

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action is action)

    @property
    def unreadable(self) -> int:
        """Cards the reader found but could not turn into a record at all."""
        return max(0, self.cards - len(self.items))


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do) with one file."""

    file: str
    format: str
    cards: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0  # of `updated`: matched people the import had nothing to add to
    duplicates: int = 0  # possible duplicates left out
    invalid: int = 0
    skipped: int = 0  # left out by the user's decision
    problems: list[Problem] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False
    encoding_fallback: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "cards": self.cards,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "invalid": self.invalid,
            "skipped": self.skipped,
            "batch_id": self.batch_id,
            "dry_run": self.dry_run,
            "problems": [
                {"card": p.card, "line": p.line, "message": p.message} for p in self.problems
            ],
        }


@dataclass(frozen=True)
class BatchInfo:
    id: int
    source: str
    format: str
    created: dt.datetime
    cards: int
    created_count: int
    updated_count: int
    skipped_count: int
    undone: bool
    people: int  # people still in the store who came from this batch


# --- planning -----------------------------------------------------------------------------------


@gc_paused
def plan(
    records: Sequence[ContactRecord],
    *,
    source_name: str,
    fmt: str,
    cards: int | None = None,
    problems: Iterable[Problem] = (),
    encoding_fallback: str | None = None,
) -> ImportPlan:
    """Classify each record against the store (read once into dictionaries)."""
    index = MatchIndex.from_store()
    region = default_region()
    out = ImportPlan(
        source_name,
        fmt,
        [],
        len(records) if cards is None else cards,
        list(problems),
        encoding_fallback,
    )
    for i, record in enumerate(records):
        item = PlanItem(i, record, Action.NEW)
        out.items.append(item)
        prepare_record(record, out.problems)
        invalid = _invalid_reason(record)
        if invalid:
            item.action, item.reason = Action.INVALID, invalid
            continue
        item.points = _normalised_points(record, region, out.problems)
        keys = record_keys(record, item.points)
        item.sort_name = keys.sort_name
        _classify(item, keys, index, out.items)
    return out


def _invalid_reason(record: ContactRecord) -> str:
    if not record.is_valid():
        return "it has no name, email or phone"
    if len(record.display_name()) > people.MAX_NAME:
        return "its name is too long"
    return ""


def _classify(item: PlanItem, keys: MatchKeys, index: MatchIndex, items: list[PlanItem]) -> None:
    match = index.strong(keys)
    if match is None or not match.strong:
        match = match or index.close(keys)
        if match is None:
            item.action, item.reason = Action.NEW, ""
            index.add(("item", item.index), keys)
            return
        item.action = Action.DUPLICATE
    else:
        item.action = Action.UPDATE
        index.add(match.target, keys)  # later records with its other keys find the same person
    item.reason, item.score = match.reason, match.score
    kind, ref = match.target if isinstance(match.target, tuple) else ("person", match.target)
    if kind == "item":
        item.into = int(ref)
        item.match_name = items[int(ref)].name
    else:
        item.person_id = int(ref)
        item.match_name = index.keys[match.target].name


def record_keys(
    record: ContactRecord, points: list[tuple[PointKind, str, str, bool, str, str]]
) -> MatchKeys:
    emails = {p[4] for p in points if p[0] is PointKind.EMAIL and "@" in p[4]}
    phones = {dedupe.phone_key(p[4], p[1]) for p in points if p[0] is PointKind.PHONE}
    phones.discard("")
    profiles = {
        key
        for p in points
        if p[0] in (PointKind.URL, PointKind.SOCIAL)
        for key in [dedupe.profile_key(p[0], p[1])]
        if key
    }
    return dedupe.build_keys(
        uid=record.uid,
        emails=emails,
        phones=phones,
        profiles=profiles,
        display_name=record.display_name(),
        given=record.given,
        family=record.family,
        sort_name=people.sort_key(_name_draft(record)),
        organizations=[p.organization for p in record.positions],
    )


def _name_draft(record: ContactRecord) -> PersonDraft:
    return PersonDraft(
        display_name=record.display_name(),
        prefix=record.prefix,
        given=record.given,
        additional=record.additional,
        family=record.family,
        suffix=record.suffix,
        nickname=record.nickname,
    )


def _normalised_points(
    record: ContactRecord, region: str, problems: list[Problem]
) -> list[tuple[PointKind, str, str, bool, str, str]]:
    out = []
    for point in record.points:
        value = point.value.strip()
        if not value:
            continue
        kind = PointKind(point.kind)
        if kind is PointKind.EMAIL and "@" not in value:
            problems.append(
                Problem(
                    f"“{value[:60]}” is not an email address and was skipped.",
                    record.card,
                    record.line,
                )
            )
            continue
        normalized, search_text = normalize_point(kind, value, region)
        out.append((kind, value, point.label.strip(), point.preferred, normalized, search_text))
    return out


def prepare_record(record: ContactRecord, problems: list[Problem]) -> None:
    """Shrink the photo to a thumbnail right away (memory stays bounded on big files); a photo
    that cannot be used is dropped with a problem; an enormous note is cut to what the store
    takes. Safe to call twice."""
    if len(record.note) > people.MAX_TEXT:
        record.note = record.note[: people.MAX_TEXT]
        problems.append(Problem("The note was too long and was cut.", record.card, record.line))
    if not record.photo:
        return
    try:
        record.photo = thumbnail(record.photo)
    except PhotoError as exc:
        record.photo = None
        problems.append(Problem(f"The photo was skipped: {exc}", record.card, record.line))


def thumbnail(data: bytes) -> bytes:
    """A bounded thumbnail; a photo that is already a small JPEG or PNG is kept as it is."""
    width, height = image_size(data)  # validates size, magic bytes and declared pixels
    fmt = check_image(data)
    small = max(width, height) <= THUMBNAIL_SIZE and len(data) <= PASS_THROUGH_BYTES
    if small and fmt in ("jpeg", "png"):
        return data
    return make_thumbnail(data, THUMBNAIL_SIZE)


# --- applying -----------------------------------------------------------------------------------


@dataclass
class _PositionState:
    organization: str
    title: str
    department: str
    start: dt.date | None = None
    end: dt.date | None = None
    id: int | None = None  # None: added by this import
    changed: bool = False


@dataclass
class _Target:
    """A person being built or updated in memory before anything is written."""

    person_id: int | None
    fields: dict[str, Any]
    point_keys: set[tuple[str, str]] = field(default_factory=set)
    preferred: set[str] = field(default_factory=set)
    new_points: list[tuple[Any, ...]] = field(default_factory=list)  # in _POINT_COLUMNS order
    positions: list[_PositionState] = field(default_factory=list)
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


def report_for(plan_: ImportPlan, decisions: dict[int, Decision] | None = None) -> ImportReport:
    """The counts `apply` would report, without writing (the dry run)."""
    report = _empty_report(plan_, dry_run=True)
    for item in plan_.items:
        verb = _verb(item, (decisions or {}).get(item.index))
        setattr(report, verb, getattr(report, verb) + 1)
    return report


def _empty_report(plan_: ImportPlan, *, dry_run: bool) -> ImportReport:
    return ImportReport(
        file=plan_.source_name,
        format=plan_.fmt,
        cards=plan_.cards,
        invalid=plan_.unreadable,
        problems=list(plan_.problems),
        dry_run=dry_run,
        encoding_fallback=plan_.encoding_fallback,
    )


def _verb(item: PlanItem, decision: Decision | None) -> str:
    """Which report counter an item lands in: new, updated, duplicates, invalid or skipped."""
    if item.action is Action.INVALID:
        return "invalid"
    if decision is Decision.SKIP:
        return "duplicates" if item.action is Action.DUPLICATE else "skipped"
    if decision is Decision.KEEP_BOTH or item.action is Action.NEW:
        return "new"
    if item.action is Action.UPDATE or decision is Decision.MERGE:
        return "updated"
    return "duplicates"  # a possible duplicate nobody decided on stays out


@gc_paused
def apply(
    plan_: ImportPlan,
    *,
    decisions: dict[int, Decision] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Write the plan in one transaction; raises ImportCancelled (nothing written) on cancel."""
    decisions = decisions or {}
    report = _empty_report(plan_, dry_run=False)
    total = len(plan_.items)
    if any(item.action is not Action.INVALID for item in plan_.items):
        # a copy first, so even a wrong-but-successful import can be rolled back by restore
        backup.before_import(current_path())
    with store.write():
        batch = ImportBatch.create(source=plan_.source_name, format=plan_.fmt, cards=plan_.cards)
        existing = _load_targets(_existing_ids(plan_, decisions))
        by_item: dict[int, _Target] = {}
        new_targets: list[_Target] = []
        touched: set[int] = set()
        for item in plan_.items:
            if cancel is not None and cancel():
                raise ImportCancelled("The import was cancelled; nothing was changed.")
            verb = _verb(item, decisions.get(item.index))
            setattr(report, verb, getattr(report, verb) + 1)
            if verb in ("new", "updated"):
                if verb == "new" and item.into is None:
                    target = _fresh_target(item, batch.id)
                    new_targets.append(target)
                    by_item[item.index] = target
                else:
                    target = _target_for(item, verb, existing, by_item, new_targets)
                    known = target.person_id is not None
                    before = known and target.dirty
                    _absorb(target, item, batch.id)
                    if known:
                        touched.add(target.person_id)
                        if not target.dirty and not before:
                            report.unchanged += 1
            if progress is not None:
                progress(item.index + 1, total)
        if cancel is not None and cancel():
            raise ImportCancelled("The import was cancelled; nothing was changed.")
        changed = [t for t in existing.values() if t.dirty]
        snapshot = snapshots.capture([t.person_id for t in changed if t.person_id])
        new_ids = _write_new(new_targets, batch.id)
        _write_updates(changed, batch.id)
        batch.created_count = report.new
        batch.updated_count = report.updated
        batch.skipped_count = report.duplicates + report.skipped + report.invalid
        batch.snapshot = snapshot.to_json()
        batch.save()
        report.batch_id = int(batch.id)
        store.changed("people", *new_ids, *touched)
        store.changed("imports")
    return report


def _existing_ids(plan_: ImportPlan, decisions: dict[int, Decision]) -> set[int]:
    return {
        item.person_id
        for item in plan_.items
        if item.person_id is not None and _verb(item, decisions.get(item.index)) == "updated"
    }


def _target_for(
    item: PlanItem,
    verb: str,
    existing: dict[int, _Target],
    by_item: dict[int, _Target],
    new_targets: list[_Target],
) -> _Target:
    target: _Target | None = None
    if verb == "updated":
        if item.person_id is not None:
            target = existing.get(item.person_id)
        elif item.into is not None:
            target = by_item.get(item.into)
    if target is None:  # new, or the record it matched was left out: it starts a person
        target = _Target(None, _new_fields(item))
        new_targets.append(target)
        if item.into is not None:
            by_item.setdefault(item.into, target)
    by_item[item.index] = target
    return target


def _new_fields(item: PlanItem) -> dict[str, Any]:
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
        "why_stand_out": "",
        "family_notes": "",
        "notes": "",
        "nurture": False,
        "cadence_days": None,
        "photo": None,
        "uid": record.uid.strip() or None,
        "vcard_extra": "",
    }


def _absorb(target: _Target, item: PlanItem, batch_id: int) -> None:
    """Add what the record knows to the target, overwriting nothing that is filled in."""
    record = item.record
    fields = target.fields
    _fill_names(target, record)
    for column, value in (
        ("nickname", record.nickname.strip()),
        ("uid", record.uid.strip() or None),
        ("met_on", record.met_on),
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


def _add_children(target: _Target, item: PlanItem, batch_id: int) -> None:
    """The record's contact points, positions and tags that the target lacks."""
    record = item.record
    _add_points(target, item, batch_id)
    for position in record.positions:
        _add_position(target, position.organization, position.title, position.department)
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


def _fresh_target(item: PlanItem, batch_id: int) -> _Target:
    """A new person from one record: what `_absorb` would build, without its checks against
    values already there (there are none yet). This is the hot path of a big import."""
    record = item.record
    fields = _new_fields(item)
    target = _Target(None, fields)
    if record.extra and any(line[:9].upper() == "X-NETDESK" for line in record.extra):
        _absorb(target, item, batch_id)  # netdesk's own fields need the careful path
        return target
    if record.birthday is not None:
        birthday = record.birthday
        fields["birthday_month"], fields["birthday_day"] = birthday.month, birthday.day
        fields["birthday_year"] = birthday.year
    fields["photo"] = record.photo or None
    fields["met_on"] = record.met_on
    fields["notes"] = record.note.strip()
    fields["family_notes"] = "\n".join(dict.fromkeys(_related_lines(record)))
    fields["vcard_extra"] = "\n".join(dict.fromkeys(_extra_lines(record, list(record.extra))))
    _add_children(target, item, batch_id)
    return target


def _absorb_netdesk(target: _Target, ours: dict[str, Any]) -> None:
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


def _set(target: _Target, column: str, value: Any) -> None:
    if target.fields.get(column) != value:
        target.fields[column] = value
        target.changed.add(column)


_NAME_PARTS = ("prefix", "given", "additional", "family", "suffix")


def _fill_names(target: _Target, record: ContactRecord) -> None:
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


def _append_text(target: _Target, column: str, text: str, separator: str) -> None:
    if not text:
        return
    current = target.fields.get(column) or ""
    if not current.strip():
        _set(target, column, text)
    elif fold(text) not in fold(current):
        _set(target, column, f"{current}{separator}{text}")


def _append_line(target: _Target, column: str, line: str) -> None:
    current = target.fields.get(column) or ""
    if line in current.split("\n"):
        return
    _set(target, column, f"{current}\n{line}" if current else line)


_POINT_COLUMNS = (
    "kind",
    "label",
    "value",
    "normalized",
    "search_text",
    "preferred",
    "import_batch",
)


def _add_points(target: _Target, item: PlanItem, batch_id: int) -> None:
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


def _add_position(target: _Target, organization: str, title: str, department: str) -> None:
    """Add a job without losing one: same organisation and a new title ends the old title today
    (the history stays), an empty title is filled, an already known job changes nothing."""
    org, title, dept = organization.strip(), title.strip(), department.strip()
    if not (org or title):
        return
    for pos in target.positions:
        if fold(pos.organization) == fold(org) and fold(pos.title) == fold(title):
            if dept and not pos.department:
                pos.department, pos.changed = dept, True
            return
    same_org = [
        p for p in target.positions if p.end is None and org and fold(p.organization) == fold(org)
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
    target.positions.append(_PositionState(org, title, dept))


# --- reading the people an import updates, in bulk ----------------------------------------------


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _load_targets(person_ids: set[int]) -> dict[int, _Target]:
    targets: dict[int, _Target] = {}
    ids = sorted(person_ids)
    for chunk in _chunks(ids):
        for row in Person.select().where(Person.id.in_(chunk)).dicts():
            fields = dict(row)
            fields["photo"] = bytes(row["photo"]) if row["photo"] else None
            targets[row["id"]] = _Target(row["id"], fields)
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
                _PositionState(
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


# --- writing ------------------------------------------------------------------------------------


def _insert_values(
    model: type[pw.Model], names: Sequence[str], rows: list[list[Any]], *, or_ignore: bool = False
) -> None:
    """Bulk insert with one prepared statement: peewee's multi-row INSERT spends more time
    building SQL text than SQLite spends storing the rows. Rows are value lists in `names`
    order; columns left out take the model's defaults, as peewee's insert would."""
    if not rows:
        return
    defaults = {
        name: f.default
        for name, f in model._meta.fields.items()
        if name not in names and f.default is not None
    }
    fields = [model._meta.fields[name] for name in [*names, *defaults]]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    sql = f'{verb} INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    fixed = [_sql_value(d() if callable(d) else d) for d in defaults.values()]
    # only date columns need converting; the rest go to sqlite3 as they are
    dated = (pw.DateField, pw.DateTimeField)
    dates = [i for i, f in enumerate(fields[: len(names)]) if isinstance(f, dated)]
    if dates or fixed:
        for row in rows:
            for i in dates:
                if row[i] is not None:
                    row[i] = _sql_value(row[i])
            row += fixed
    cursor = database.cursor()
    for start in range(0, len(rows), INSERT_BATCH):
        cursor.executemany(sql, rows[start : start + INSERT_BATCH])


def _sql_value(value: Any) -> Any:
    """What peewee would store: ISO text for dates (a space between date and time)."""
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _TagCache:
    """Tag and circle ids by folded name, read once, created on first use."""

    def __init__(self) -> None:
        self.ids = {(t.kind, fold(t.name)): t.id for t in Tag.select(Tag.id, Tag.kind, Tag.name)}
        self.circles = {fold(c.name): c.id for c in Circle.select(Circle.id, Circle.name)}
        self.exact: dict[tuple[TagKind, str], int] = {}

    def id(self, kind: TagKind, name: str) -> int:
        exact = (kind, name)  # most imports repeat a few tags: skip folding them again
        if exact not in self.exact:
            key = (str(kind), fold(name))
            if key not in self.ids:
                self.ids[key] = Tag.create(kind=str(kind), name=name).id
            self.exact[exact] = self.ids[key]
        return self.exact[exact]

    def circle(self, name: str) -> int:
        if fold(name) not in self.circles:
            self.circles[fold(name)] = people.circle_by_name(name).id
        return self.circles[fold(name)]

    def links(self, person_id: int, target: _Target) -> tuple[list[list], list[list]]:
        """[person, tag] and [person, circle] rows for what the target gained."""
        tags = [[person_id, self.id(k, n)] for k, n in target.new_tags]
        circles = [[person_id, self.circle(n)] for n in target.new_circles]
        return tags, circles


_POSITION_COLUMNS = ("person", "organization", "title", "department", "start", "end")


def _write_new(targets: list[_Target], batch_id: int) -> list[int]:
    """Insert new people with ids chosen here: the write lock is held, so max(id)+1 onwards is
    ours, and children can be inserted in bulk without a round trip per person."""
    if not targets:
        return []
    first = (Person.select(pw.fn.max(Person.id)).scalar() or 0) + 1
    now = _sql_value(dt.datetime.now().replace(microsecond=0))
    columns = list(targets[0].fields)
    names = [*columns, "id", "import_batch", "created", "updated"]
    values = operator.itemgetter(*columns)
    point_names = [*_POINT_COLUMNS, "person"]
    rows, points, positions, links, circles = [], [], [], [], []
    tags = _TagCache()
    for offset, target in enumerate(targets):
        person_id = target.person_id = first + offset
        rows.append([*values(target.fields), person_id, batch_id, now, now])
        points += [[*p, person_id] for p in target.new_points]
        positions += [_position_row(person_id, p) for p in target.positions]
        if target.new_tags or target.new_circles:
            tag_links, circle_links = tags.links(person_id, target)
            links += tag_links
            circles += circle_links
    with search_index.triggers_off(database):
        _insert_values(Person, names, rows)
        _insert_values(ContactPoint, point_names, points)
        _insert_values(Position, _POSITION_COLUMNS, positions)
        _insert_values(PersonTag, ("person", "tag"), links)
        _insert_values(PersonCircle, ("person", "circle"), circles)
        search_index.mark_range(database, first, first + len(targets) - 1)
    return [t.person_id for t in targets if t.person_id is not None]


def _position_row(person_id: int, p: _PositionState) -> list[Any]:
    return [person_id, p.organization, p.title, p.department, p.start, p.end]


def _write_updates(targets: list[_Target], batch_id: int) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    tags = _TagCache()
    points, positions, links, circles = [], [], [], []
    for target in targets:
        person_id = target.person_id
        assert person_id is not None
        if target.changed:
            values = {c: target.fields[c] for c in target.changed} | {"updated": now}
            Person.update(**values).where(Person.id == person_id).execute()
        points += [[*p, person_id] for p in target.new_points]
        for pos in target.positions:
            if pos.id is None:
                positions.append(_position_row(person_id, pos))
            elif pos.changed:
                Position.update(title=pos.title, department=pos.department, end=pos.end).where(
                    Position.id == pos.id
                ).execute()
        tag_links, circle_links = tags.links(person_id, target)
        links += tag_links
        circles += circle_links
    _insert_values(ContactPoint, [*_POINT_COLUMNS, "person"], points)
    _insert_values(Position, _POSITION_COLUMNS, positions)
    _insert_values(PersonTag, ("person", "tag"), links, or_ignore=True)
    _insert_values(PersonCircle, ("person", "circle"), circles, or_ignore=True)


# --- undo and history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UndoResult:
    removed: int  # people the import had created
    restored: int  # people put back as they were before the import


def undo(batch_id: int) -> UndoResult:
    """Remove the people and points a batch created and restore the people it changed."""
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise NotFound(f"There is no import {batch_id}.")
    if batch.undone:
        raise AlreadyUndone(f"Import {batch_id} ({batch.source}) was already undone.")
    with store.write():
        restored = snapshots.restore_profile(snapshots.Snapshot.from_json(batch.snapshot or "{}"))
        ContactPoint.delete().where(ContactPoint.import_batch == batch_id).execute()
        created = [
            r[0] for r in Person.select(Person.id).where(Person.import_batch == batch_id).tuples()
        ]
        snapshots.delete_people(created)
        ImportBatch.update(undone=True).where(ImportBatch.id == batch_id).execute()
        store.changed("imports")
        store.changed("people", *created, *restored)
    return UndoResult(len(created), len(restored))


def batches() -> list[BatchInfo]:
    """Every import, newest first."""
    alive = dict(
        Person.select(Person.import_batch, pw.fn.count(Person.id))
        .where(Person.import_batch.is_null(False))
        .group_by(Person.import_batch)
        .tuples()
    )
    return [
        BatchInfo(
            b.id,
            b.source,
            b.format,
            b.created,
            b.cards,
            b.created_count,
            b.updated_count,
            b.skipped_count,
            b.undone,
            alive.get(b.id, 0),
        )
        for b in ImportBatch.select().order_by(ImportBatch.id.desc())
    ]


def batch_snapshot(batch_id: int) -> snapshots.Snapshot:
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise NotFound(f"There is no import {batch_id}.")
    return snapshots.Snapshot.from_json(batch.snapshot or "{}")


# --- files --------------------------------------------------------------------------------------


@gc_paused
def read_path(
    path: Path,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportPlan:
    """Read a file with the streaming reader and plan it. Photos become thumbnails as each record
    arrives, so memory holds light records, not the file. Raises ReadError for unreadable files."""
    from netdesk.io import reading

    path = Path(path)
    size = max(1, path.stat().st_size)

    def on_read(cards: int, done_bytes: int) -> None:
        if progress is not None:
            progress(min(done_bytes, size), size)

    reader = reading.iter_records(path, encoding=encoding, progress=on_read)
    records: list[ContactRecord] = []
    problems: list[Problem] = []
    for record in reader.records():
        if cancel is not None and cancel():
            raise ImportCancelled("The import was cancelled; nothing was changed.")
        prepare_record(record, problems)
        records.append(record)
    return plan(
        records,
        source_name=path.name,
        fmt=reader.format,
        cards=reader.cards,
        problems=[*reader.problems, *problems],
        encoding_fallback=reader.encoding_fallback,
    )


def import_path(
    path: Path | str,
    *,
    dry_run: bool = False,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    decisions: dict[int, Decision] | None = None,
) -> ImportReport:
    """Read, plan and (unless `dry_run`) apply one file. `progress(done, 1000)` goes through
    reading (the first 60 %) and writing (the rest)."""

    def reading_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(600 * done // max(1, total), 1000)

    def apply_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(600 + 400 * done // max(1, total), 1000)

    planned = read_path(Path(path), encoding=encoding, progress=reading_progress, cancel=cancel)
    if dry_run:
        return report_for(planned, decisions)
    return apply(planned, decisions=decisions, progress=apply_progress, cancel=cancel)


def report_json(reports: Iterable[ImportReport]) -> str:
    return json.dumps({"files": [r.as_json() for r in reports]}, ensure_ascii=False, indent=1)
