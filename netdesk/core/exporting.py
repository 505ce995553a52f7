"""Exporting people as vCard 4.0, vCard 3.0 or CSV, streamed a page at a time.

`to_record(detail)` maps one stored person onto the `ContactRecord` the io writers take: names,
current positions, contact points, birthday, met on, tags, note, photo, UID, and the unmodelled
vCard lines kept from an import (`vcard_extra`). What only netdesk knows (how you met, why they
stand out, family, circles, keep-in-touch) travels as `X-NETDESK-*` lines, which `importing`
reads back, so a netdesk-to-netdesk move loses nothing. `export()` reads people in pages of
bulk queries and writes through a temporary file, so a failed export never leaves half a file.
"""

from __future__ import annotations

import contextlib
import enum
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

import peewee as pw

from netdesk.core.people import PersonDetail, PointDraft, PositionDraft, detail_from_row
from netdesk.db import connection, files
from netdesk.db.errors import StoreError, WouldOverwriteDatabase
from netdesk.db.models import Circle, ContactPoint, Person, PersonCircle, PersonTag, Position, Tag
from netdesk.io import netdesk_props
from netdesk.io.csv_writer import write_csv
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord
from netdesk.io.vcard_writer import write_vcards
from netdesk.values import Birthday, PointKind, TagKind

PAGE = 500

# netdesk-only fields as vCard extension properties (io/netdesk_props)
read_netdesk_lines = netdesk_props.read_netdesk_lines
ANNIVERSARY = "ANNIVERSARY"


class ExportFormat(enum.StrEnum):
    VCARD = "vcard"  # vCard 4.0
    VCARD3 = "vcard3"
    CSV = "csv"


def to_record(detail: PersonDetail, card: int = 0) -> ContactRecord:
    """A stored person as a record for the writers."""
    record = ContactRecord(
        card=card,
        formatted_name=detail.display_name,
        prefix=detail.prefix,
        given=detail.given,
        additional=detail.additional,
        family=detail.family,
        suffix=detail.suffix,
        nickname=detail.nickname,
        birthday=detail.birthday,
        points=[PointRecord(p.kind, p.value, p.label, p.preferred) for p in detail.points],
        positions=[
            PositionRecord(p.organization, p.title, p.department)
            for p in detail.positions
            if p.current
        ],
        tags=list(detail.tags),
        note=detail.notes,
        photo=detail.photo,
        uid=detail.uid or "",
        met_on=detail.met_on,
    )
    for line in detail.vcard_extra.splitlines():
        if not line.strip():
            continue
        name, _, value = line.partition(":")
        if name.strip().upper() == ANNIVERSARY and record.anniversary is None:
            with contextlib.suppress(ValueError):
                record.anniversary = Birthday.parse(value)
                continue
        record.extra.append(line)
    record.extra += netdesk_lines(detail)
    return record


def netdesk_lines(detail: PersonDetail) -> list[str]:
    texts = {field: getattr(detail, field) for field in netdesk_props.TEXT_PROPERTIES.values()}
    return netdesk_props.netdesk_lines(texts, detail.circles, detail.cadence_days, detail.nurture)


# --- reading people in pages --------------------------------------------------------------------


def _person_ids(person_ids: Sequence[int] | None, include_archived: bool) -> list[int]:
    if person_ids is not None:
        wanted = sorted(set(person_ids))
        found: list[tuple[str, int]] = []
        for start in range(0, len(wanted), PAGE):
            chunk = wanted[start : start + PAGE]
            query = Person.select(Person.sort_name, Person.id).where(Person.id.in_(chunk))
            found += list(query.tuples())
        return [i for _, i in sorted(found)]
    query = Person.select(Person.id).order_by(Person.sort_name, Person.id)
    if not include_archived:
        query = query.where(Person.archived == False)  # noqa: E712 - peewee expression
    return [i for (i,) in query.tuples()]


def details(person_ids: Sequence[int]) -> list[PersonDetail]:
    """Many people at once, in the order given, with a handful of queries."""
    ids = list(person_ids)
    rows = {p.id: p for p in Person.select().where(Person.id.in_(ids))}
    points: dict[int, list[PointDraft]] = {}
    for p in (
        ContactPoint.select()
        .where(ContactPoint.person.in_(ids))
        .order_by(ContactPoint.preferred.desc(), ContactPoint.id)
    ):
        points.setdefault(p.person_id, []).append(
            PointDraft(PointKind(p.kind), p.value, p.label, p.preferred)
        )
    positions: dict[int, list[PositionDraft]] = {}
    for p in (
        Position.select()
        .where(Position.person.in_(ids))
        .order_by(Position.end.is_null(False), Position.end.desc(), Position.id)
    ):
        positions.setdefault(p.person_id, []).append(
            PositionDraft(p.organization, p.title, p.department, p.start, p.end)
        )
    circles: dict[int, list[str]] = {}
    query = (
        PersonCircle.select(PersonCircle.person, Circle.name)
        .join(Circle)
        .where(PersonCircle.person.in_(ids))
        .order_by(Circle.position)
    )
    for person_id, name in query.tuples():
        circles.setdefault(person_id, []).append(name)
    tags: dict[int, list[tuple[TagKind, str]]] = {}
    query = (
        PersonTag.select(PersonTag.person, Tag.kind, Tag.name)
        .join(Tag)
        .where(PersonTag.person.in_(ids))
        .order_by(Tag.name)
    )
    for person_id, kind, name in query.tuples():
        tags.setdefault(person_id, []).append((TagKind(kind), name))
    out = []
    for person_id in ids:
        row = rows.get(person_id)
        if row is None:
            continue
        out.append(
            detail_from_row(
                row,
                points.get(person_id, []),
                positions.get(person_id, []),
                circles.get(person_id, []),
                tags.get(person_id, []),
            )
        )
    return out


def iter_records(
    person_ids: Sequence[int] | None = None,
    *,
    include_archived: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[ContactRecord]:
    """Records of the chosen people (default: everyone not archived), sorted by name."""
    ids = _person_ids(person_ids, include_archived)
    done = 0
    for start in range(0, len(ids), PAGE):
        for detail in details(ids[start : start + PAGE]):
            done += 1
            yield to_record(detail, done)
        if progress is not None:
            progress(done, len(ids))


# --- writing ------------------------------------------------------------------------------------


def export(
    target: Path | str | TextIO,
    fmt: ExportFormat | str = ExportFormat.VCARD,
    person_ids: Sequence[int] | None = None,
    include_archived: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write people to a path (atomically) or an open text stream; returns how many."""
    fmt = ExportFormat(fmt)
    records = iter_records(person_ids, include_archived=include_archived, progress=progress)
    return write_to(target, lambda out: _write(fmt, records, out))


def write_to(target: Path | str | TextIO, write: Callable[[TextIO], int]) -> int:
    """Run `write` on an open text stream, or on a path through a private temporary file that
    replaces it only once complete: a failed export never leaves half a file."""
    if not isinstance(target, (str, os.PathLike)):
        return write(target)
    path = Path(target)
    check_destination(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = write(out)
        os.chmod(tmp, 0o600)  # contact details are private
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return count


def check_destination(path: Path) -> None:
    """Raise WouldOverwriteDatabase when `path` is the open database, one of its backups or any
    SQLite file: an export never replaces a database, whatever the user confirmed."""
    try:
        db_path: Path | None = connection.current_path()
    except StoreError:
        db_path = None
    reason = files.database_in_the_way(path, db_path)
    if reason is not None:
        raise WouldOverwriteDatabase(f"{reason}; an export never replaces a database.")


def _write(fmt: ExportFormat, records: Iterator[ContactRecord], out: TextIO) -> int:
    if fmt is ExportFormat.CSV:
        return write_csv(records, out, bom=False)
    return write_vcards(records, out, "3.0" if fmt is ExportFormat.VCARD3 else "4.0")


def count(person_ids: Sequence[int] | None = None, include_archived: bool = False) -> int:
    if person_ids is not None:
        return Person.select().where(Person.id.in_(list(person_ids))).count()
    query = Person.select(pw.fn.count(Person.id))
    if not include_archived:
        query = query.where(Person.archived == False)  # noqa: E712
    return int(query.scalar() or 0)
