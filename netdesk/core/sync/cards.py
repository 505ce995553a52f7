"""A stored person as the card a synced folder holds, and merged card fields back onto them.

`render(detail, uid, needs)` is what the export writes (`exporting.to_record`: names, current
jobs, contact details, tags, the lines kept from the phone, the `X-NETDESK-*` lines) plus the
person's needs and offers, as vCard 3.0 under the UID that folder knows them by. `apply_fields`
sets a person to merged fields through `people.update` (jobs that ended and what a card does
not carry, such as who introduced them, stay as they are) and their needs and offers to the
card's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator

from netdesk.core import exporting, people
from netdesk.core.people import PersonDetail, PersonDraft, PointDraft, PositionDraft
from netdesk.core.sync import merge3
from netdesk.core.sync.merge3 import CardFields, single, values
from netdesk.db.models import Need
from netdesk.io import netdesk_props
from netdesk.io.vcard_writer import card_text
from netdesk.values import Birthday, PointKind, TagKind

PAGE = 500
ANNIVERSARY = "ANNIVERSARY:"


def needs_of(person_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """(kind, text) of each person's needs and offers, oldest first."""
    out: dict[int, list[tuple[str, str]]] = {}
    ids = list(person_ids)
    for start in range(0, len(ids), PAGE):
        query = Need.select().where(Need.person.in_(ids[start : start + PAGE]))
        for need in query.order_by(Need.noted_on, Need.id):
            out.setdefault(int(need.person_id), []).append((need.kind, need.text))
    return out


def render(detail: PersonDetail, uid: str, needs: list[tuple[str, str]]) -> str:
    record = exporting.to_record(detail)
    record.uid = uid
    record.extra += netdesk_props.need_lines(needs)
    return card_text(record, merge3.VERSION)


def rendered(person_ids: list[int], uids: dict[int, str]) -> Iterator[tuple[PersonDetail, str]]:
    """(detail, card text) for many people, a page of queries at a time."""
    for start in range(0, len(person_ids), PAGE):
        page = person_ids[start : start + PAGE]
        needs = needs_of(page)
        for detail in exporting.details(page):
            yield detail, render(detail, uids[detail.id], needs.get(detail.id, []))


def _points(fields: CardFields) -> list[PointDraft]:
    points = []
    for name, kind in merge3.POINT_FIELDS.items():
        for value in values(fields, name):
            text, label, pref = merge3.split_value(value, 3)
            points.append(PointDraft(PointKind(kind), text, label, pref == "pref"))
    return points


def _positions(fields: CardFields, detail: PersonDetail) -> list[PositionDraft]:
    current = {(p.organization, p.title, p.department): p for p in detail.positions if p.current}
    merged = []
    for value in values(fields, "positions"):
        org, title, department = merge3.split_value(value, 3)
        known = current.get((org, title, department))
        merged.append(known or PositionDraft(org, title, department))
    return merged + [p for p in detail.positions if not p.current]


def _tags(fields: CardFields) -> list[tuple[TagKind, str]]:
    tags = []
    for value in values(fields, "categories"):
        kind, name = merge3.split_value(value, 2)
        with contextlib.suppress(ValueError):
            tags.append((TagKind(kind), name))
    return tags


def _family_notes(fields: CardFields) -> str:
    """Related people are names netdesk keeps in the family notes, as an import does."""
    text = single(fields, "family_notes")
    for value in values(fields, "related"):
        kind, name = merge3.split_value(value, 2)
        line = f"{(kind or 'related').capitalize()}: {name}"
        if name and line not in text.split("\n"):
            text = f"{text}\n{line}" if text else line
    return text


def _extra(fields: CardFields) -> str:
    lines = list(values(fields, "extra"))
    anniversary = single(fields, "anniversary")
    if anniversary:
        lines.append(ANNIVERSARY + anniversary)
    return "\n".join(lines)


def _birthday(text: str) -> Birthday | None:
    with contextlib.suppress(ValueError):
        return Birthday.parse(text) if text else None
    return None


def draft_of(fields: CardFields, detail: PersonDetail) -> PersonDraft:
    """The person as the fields say, keeping what a card does not carry."""
    family, given, additional, prefix, suffix = merge3.name_parts(fields)
    cadence = single(fields, "cadence_days")
    met_on = single(fields, "met_on")
    return PersonDraft(
        display_name=single(fields, "name"),
        prefix=prefix, given=given, additional=additional, family=family, suffix=suffix,
        nickname=single(fields, "nickname"),
        birthday=_birthday(single(fields, "birthday")),
        how_met=single(fields, "how_met"),
        met_on=dt.date.fromisoformat(met_on) if met_on else None,
        met_through_id=detail.met_through_id,
        connected_on=detail.connected_on,
        connected_via=detail.connected_via,
        why_stand_out=single(fields, "why_stand_out"),
        family_notes=_family_notes(fields),
        notes=single(fields, "note"),
        nurture=bool(single(fields, "nurture")),
        cadence_days=int(cadence) if cadence.isdigit() else None,
        photo=merge3.photo_bytes(single(fields, "photo")),
        uid=detail.uid,
        vcard_extra=_extra(fields),
        points=_points(fields),
        positions=_positions(fields, detail),
        circles=list(values(fields, "circles")),
        tags=_tags(fields),
    )


def apply_fields(person_id: int, fields: CardFields, today: dt.date) -> None:
    """Set the person to the fields (raises ValidationError, changing nothing, when the store
    cannot take them); must run inside `store.write()`."""
    detail = people.get(person_id)
    people.update(person_id, draft_of(fields, detail))
    set_needs(person_id, values(fields, "needs"), today)


def set_needs(person_id: int, listed: Iterable[str], today: dt.date) -> None:
    """Needs and offers as a card lists them (`kind SEP text` values): those it no longer lists
    go, new ones are noted today, the others keep the day they were noted."""
    wanted = [tuple(merge3.split_value(v, 2)) for v in listed]
    keep = set(wanted)
    held: set[tuple[str, ...]] = set()
    for need in Need.select().where(Need.person == person_id):
        key = (need.kind, need.text)
        if key in keep and key not in held:
            held.add(key)
        else:
            need.delete_instance()
    for kind, text in dict.fromkeys(wanted):
        if (kind, text) not in held and kind in ("need", "offer") and text:
            Need.create(person=person_id, kind=kind, text=text, noted_on=today)
