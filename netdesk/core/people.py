"""People and everything that hangs off them: contact points, positions, circles and tags."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field, replace

import peewee as pw

from netdesk.core import store
from netdesk.core.errors import NotFound, ValidationError
from netdesk.core.normalize import fold, normalize_point
from netdesk.db.models import (
    Circle,
    ContactPoint,
    ImportBatch,
    Person,
    PersonCircle,
    PersonTag,
    Position,
    Tag,
)
from netdesk.io import field_limits
from netdesk.io.names import split_full_name
from netdesk.values import Birthday, PointKind, TagKind, Topic

# The same lengths an import cuts to (io/field_limits), so an editor can store nothing an
# import would refuse, and nothing unbounded reaches the views.
MAX_NAME = field_limits.MAX_NAME
MAX_TEXT = field_limits.MAX_LONG_TEXT
MAX_ORGANIZATION = field_limits.MAX_ORGANIZATION
MAX_TITLE = field_limits.MAX_TITLE
MAX_POINT = field_limits.MAX_POINT
MAX_LABEL = field_limits.MAX_LABEL


@dataclass
class PointDraft:
    kind: PointKind
    value: str
    label: str = ""
    preferred: bool = False


@dataclass
class PositionDraft:
    organization: str = ""
    title: str = ""
    department: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def current(self) -> bool:
        return self.end is None


@dataclass
class PersonDraft:
    """Everything the user (or an import) can say about a person."""

    display_name: str = ""
    prefix: str = ""
    given: str = ""
    additional: str = ""
    family: str = ""
    suffix: str = ""
    nickname: str = ""
    birthday: Birthday | None = None
    how_met: str = ""
    met_on: dt.date | None = None
    met_through_id: int | None = None
    connected_on: dt.date | None = None
    connected_via: str = ""
    why_stand_out: str = ""
    family_notes: str = ""
    notes: str = ""
    nurture: bool = False
    cadence_days: int | None = None
    photo: bytes | None = None
    uid: str | None = None
    vcard_extra: str = ""
    points: list[PointDraft] = field(default_factory=list)
    positions: list[PositionDraft] = field(default_factory=list)
    circles: list[str] = field(default_factory=list)
    tags: list[tuple[TagKind, str]] = field(default_factory=list)

    def effective_name(self) -> str:
        if self.display_name.strip():
            return self.display_name.strip()
        parts = (self.prefix, self.given, self.additional, self.family, self.suffix)
        joined = " ".join(p.strip() for p in parts if p.strip())
        return joined or self.nickname.strip()


@dataclass
class PersonDetail(PersonDraft):
    """A stored person: the draft fields plus what the store keeps about them."""

    id: int = 0
    archived: bool = False
    last_contact: dt.date | None = None
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    import_batch_id: int | None = None

    def as_draft(self) -> PersonDraft:
        """A copy as a plain draft (for editing and undo snapshots)."""
        keep = {f: getattr(self, f) for f in PersonDraft.__dataclass_fields__}
        return PersonDraft(**keep)

    @property
    def current_position(self) -> PositionDraft | None:
        current = [p for p in self.positions if p.current]
        return current[0] if current else (self.positions[0] if self.positions else None)


def validate(draft: PersonDraft) -> None:
    """Raise ValidationError naming the first field that cannot be stored."""
    if not draft.effective_name():
        raise ValidationError("A person needs a name.", "display_name")
    if len(draft.effective_name()) > MAX_NAME:
        raise ValidationError("That name is too long.", "display_name")
    if draft.cadence_days is not None and not 1 <= draft.cadence_days <= 3650:
        raise ValidationError("Keep-in-touch cadence must be 1 to 3650 days.", "cadence_days")
    for text_field in ("notes", "why_stand_out", "family_notes", "how_met"):
        if len(getattr(draft, text_field)) > MAX_TEXT:
            raise ValidationError("That text is too long.", text_field)
    for part in (draft.nickname, draft.prefix, draft.given, draft.additional, draft.family):
        if len(part) > MAX_NAME:
            raise ValidationError("That name is too long.", "display_name")
    for position in draft.positions:
        too_long = (
            len(position.organization) > MAX_ORGANIZATION
            or len(position.title) > MAX_TITLE
            or len(position.department) > MAX_TITLE
        )
        if too_long:
            raise ValidationError("That organisation or title is too long.", "positions")
    for _kind, tag in draft.tags:
        if len(tag) > MAX_LABEL:
            raise ValidationError("That tag is too long.", "tags")
    for point in draft.points:
        if not point.value.strip():
            raise ValidationError("A contact detail cannot be empty.", "points")
        if len(point.value) > MAX_POINT:
            raise ValidationError("That contact detail is too long.", "points")
        if point.kind is PointKind.EMAIL and "@" not in point.value:
            raise ValidationError(f"“{point.value}” is not an email address.", "points")
    if draft.met_on and draft.met_on > dt.date.today() + dt.timedelta(days=366):
        raise ValidationError("The date you met is too far in the future.", "met_on")


def sort_key(draft: PersonDraft) -> str:
    """Family name first when known, folded for case and accents."""
    name = draft.effective_name()
    if draft.family.strip():
        name = f"{draft.family} {draft.given} {draft.additional}"
    return fold(name)


def _person_fields(draft: PersonDraft) -> dict[str, object]:
    bday = draft.birthday
    return {
        "display_name": draft.effective_name(),
        "sort_name": sort_key(draft),
        "prefix": draft.prefix.strip(),
        "given": draft.given.strip(),
        "additional": draft.additional.strip(),
        "family": draft.family.strip(),
        "suffix": draft.suffix.strip(),
        "nickname": draft.nickname.strip(),
        "birthday_month": bday.month if bday else None,
        "birthday_day": bday.day if bday else None,
        "birthday_year": bday.year if bday else None,
        "how_met": draft.how_met,
        "met_on": draft.met_on,
        "met_through": draft.met_through_id,
        "connected_on": draft.connected_on,
        "connected_via": draft.connected_via,
        "why_stand_out": draft.why_stand_out,
        "family_notes": draft.family_notes,
        "notes": draft.notes,
        "nurture": draft.nurture,
        "cadence_days": draft.cadence_days,
        "photo": draft.photo,
        "uid": draft.uid or None,
        "vcard_extra": draft.vcard_extra,
    }


def with_name_parts(draft: PersonDraft) -> PersonDraft:
    """A person typed as one full name ("Amara Okafor") gains its parts, as an import splits a
    card without N, so they sort by family name and export a proper N. An email address or an
    organisation typed as the name is left whole."""
    parts = (draft.prefix, draft.given, draft.additional, draft.family, draft.suffix)
    name = draft.display_name.strip()
    orgs = {p.organization.strip() for p in draft.positions}
    if any(p.strip() for p in parts) or not name or "@" in name or name in orgs:
        return draft
    split = split_full_name(name)
    return replace(draft, prefix=split.prefix, given=split.given, additional=split.additional,
                   family=split.family, suffix=split.suffix)


def create(draft: PersonDraft, *, batch: ImportBatch | int | None = None) -> int:
    """Store a new person and return their id."""
    validate(draft)
    draft = with_name_parts(draft)
    with store.write():
        person = Person.create(**_person_fields(draft), import_batch=batch)
        _replace_children(person.id, draft, batch)
        store.changed(Topic.PEOPLE, person.id)
        return int(person.id)


def _parts_follow_rename(person_id: int, draft: PersonDraft) -> PersonDraft:
    """Name parts that were split from the old name follow a new one; parts someone typed
    differently stay."""
    old = Person.select(Person.display_name).where(Person.id == person_id).scalar()
    if old is None or old == draft.display_name.strip():
        return draft
    split = split_full_name(old)
    derived = (split.prefix, split.given, split.additional, split.family, split.suffix)
    if (draft.prefix, draft.given, draft.additional, draft.family, draft.suffix) != derived:
        return draft
    cleared = replace(draft, prefix="", given="", additional="", family="", suffix="")
    return with_name_parts(cleared)


def update(person_id: int, draft: PersonDraft) -> None:
    """Replace a person's fields and children with the draft's."""
    validate(draft)
    if draft.met_through_id == person_id:
        raise ValidationError("Someone cannot be introduced through themselves.", "met_through")
    with store.write():
        draft = _parts_follow_rename(person_id, draft)
        fields = _person_fields(draft) | {"updated": dt.datetime.now().replace(microsecond=0)}
        if Person.update(**fields).where(Person.id == person_id).execute() == 0:
            raise NotFound(f"Person {person_id} does not exist.")
        _replace_children(person_id, draft, None)
        store.changed(Topic.PEOPLE, person_id)


def _replace_children(person_id: int, draft: PersonDraft, batch: object) -> None:
    ContactPoint.delete().where(ContactPoint.person == person_id).execute()
    Position.delete().where(Position.person == person_id).execute()
    PersonCircle.delete().where(PersonCircle.person == person_id).execute()
    PersonTag.delete().where(PersonTag.person == person_id).execute()
    add_points(person_id, draft.points, batch=batch)
    rows = [
        {
            "person": person_id,
            "organization": p.organization.strip(),
            "title": p.title.strip(),
            "department": p.department.strip(),
            "start": p.start,
            "end": p.end,
        }
        for p in draft.positions
        if p.organization.strip() or p.title.strip()
    ]
    if rows:
        Position.insert_many(rows).execute()
    set_circles(person_id, draft.circles)
    set_tags(person_id, draft.tags)


def add_points(person_id: int, points: list[PointDraft], *, batch: object = None) -> None:
    rows = []
    for point in points:
        normalized, search_text = normalize_point(point.kind, point.value)
        rows.append(
            {
                "person": person_id,
                "kind": str(point.kind),
                "label": point.label.strip(),
                "value": point.value.strip(),
                "normalized": normalized,
                "search_text": search_text,
                "preferred": point.preferred,
                "import_batch": batch,
            }
        )
    if rows:
        ContactPoint.insert_many(rows).execute()


def set_circles(person_id: int, names: list[str]) -> None:
    with store.write():
        PersonCircle.delete().where(PersonCircle.person == person_id).execute()
        for name in dict.fromkeys(n.strip() for n in names if n.strip()):
            circle = circle_by_name(name)
            PersonCircle.insert(person=person_id, circle=circle).on_conflict_ignore().execute()
        store.changed(Topic.CIRCLES, person_id)


def circle_by_name(name: str) -> Circle:
    """The circle with this name (any case), created when new."""
    existing = Circle.get_or_none(pw.fn.lower(Circle.name) == name.lower())
    if existing:
        return existing
    position = (Circle.select(pw.fn.max(Circle.position)).scalar() or 0) + 1
    return Circle.create(name=name, position=position)


def tag_by_name(kind: TagKind, name: str) -> Tag:
    existing = Tag.get_or_none((Tag.kind == str(kind)) & (pw.fn.lower(Tag.name) == name.lower()))
    return existing or Tag.create(kind=str(kind), name=name)


def set_tags(person_id: int, tags: list[tuple[TagKind, str]]) -> None:
    with store.write():
        PersonTag.delete().where(PersonTag.person == person_id).execute()
        for kind, name in dict.fromkeys((TagKind(k), n.strip()) for k, n in tags if n.strip()):
            tag = tag_by_name(kind, name)
            PersonTag.insert(person=person_id, tag=tag).on_conflict_ignore().execute()
        store.changed(Topic.TAGS, person_id)


def get(person_id: int) -> PersonDetail:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise NotFound(f"Person {person_id} does not exist.")
    return _detail(person)


def _detail(person: Person) -> PersonDetail:
    points = [
        PointDraft(PointKind(p.kind), p.value, p.label, p.preferred)
        for p in ContactPoint.select()
        .where(ContactPoint.person == person.id)
        .order_by(ContactPoint.preferred.desc(), ContactPoint.id)
    ]
    positions = [
        PositionDraft(p.organization, p.title, p.department, p.start, p.end)
        for p in Position.select()
        .where(Position.person == person.id)
        .order_by(Position.end.is_null(False), Position.end.desc(), Position.id)
    ]
    circles = [
        c.name
        for c in Circle.select()
        .join(PersonCircle)
        .where(PersonCircle.person == person.id)
        .order_by(Circle.position)
    ]
    tags = [
        (TagKind(t.kind), t.name)
        for t in Tag.select()
        .join(PersonTag)
        .where(PersonTag.person == person.id)
        .order_by(Tag.name)
    ]
    return detail_from_row(person, points, positions, circles, tags)


def detail_from_row(
    row: Person,
    points: list[PointDraft],
    positions: list[PositionDraft],
    circles: list[str],
    tags: list[tuple[TagKind, str]],
) -> PersonDetail:
    """A PersonDetail from a person row and its already-loaded children (exports load those
    for a page of people at once)."""
    birthday = None
    if row.birthday_month and row.birthday_day:
        with contextlib.suppress(ValueError):  # an impossible date written by another tool
            birthday = Birthday(row.birthday_month, row.birthday_day, row.birthday_year)
    return PersonDetail(
        id=row.id,
        display_name=row.display_name,
        prefix=row.prefix,
        given=row.given,
        additional=row.additional,
        family=row.family,
        suffix=row.suffix,
        nickname=row.nickname,
        birthday=birthday,
        how_met=row.how_met,
        met_on=row.met_on,
        met_through_id=row.met_through_id,
        connected_on=row.connected_on,
        connected_via=row.connected_via,
        why_stand_out=row.why_stand_out,
        family_notes=row.family_notes,
        notes=row.notes,
        nurture=row.nurture,
        cadence_days=row.cadence_days,
        photo=bytes(row.photo) if row.photo else None,
        uid=row.uid,
        vcard_extra=row.vcard_extra,
        points=points,
        positions=positions,
        circles=circles,
        tags=tags,
        archived=row.archived,
        last_contact=row.last_contact,
        created=row.created,
        updated=row.updated,
        import_batch_id=row.import_batch_id,
    )


def set_archived(person_id: int, archived: bool = True) -> None:
    with store.write():
        Person.update(archived=archived).where(Person.id == person_id).execute()
        store.changed(Topic.PEOPLE, person_id)


def delete(person_id: int) -> None:
    """Remove a person, their points and participations; shared interactions stay."""
    with store.write():
        Person.delete().where(Person.id == person_id).execute()
        store.changed(Topic.PEOPLE, person_id)
        store.changed(Topic.INTERACTIONS, person_id)


def exists(person_id: int) -> bool:
    return Person.select().where(Person.id == person_id).exists()


def with_changes(detail: PersonDetail, **changes: object) -> PersonDraft:
    return replace(detail.as_draft(), **changes)


def count(include_archived: bool = False) -> int:
    query = Person.select()
    if not include_archived:
        query = query.where(Person.archived == False)  # noqa: E712 - peewee expression
    return query.count()
