"""The three-way merge of one person's card, field by field (pure functions, no database).

A card is read into `CardFields`: single fields (name, birthday, note, photo, how you met...) as
text, "" when absent, and multi-valued fields (emails, phones, addresses, jobs, tags, circles,
needs, the lines netdesk does not model...) as tuples of values, each value one text.

`merge(base, local, remote)`:
- a single field changed on one side only takes that side; the same change on both is no
  conflict; changed differently on both is a `FieldConflict`: the local value stays, the remote
  one is returned so nothing is lost. Without a base (two cards met for the first time) a field
  one side leaves empty takes the other side's value.
- a multi-valued field merges as a set: what either side added is kept, what one side removed
  goes when the other side still holds it as the base did. Such fields never conflict.

`merge_vcard_texts(base, a, b)` does the same on two vCard texts (`a` plays netdesk's part) and
returns the merged card as text.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from netdesk.io import netdesk_props, reading
from netdesk.io.errors import ReadError
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord, RelatedRecord
from netdesk.io.vcard_writer import card_text
from netdesk.values import Birthday, PointKind, TagKind

__all__ = [
    "LABELS",
    "SETS",
    "SINGLES",
    "CardError",
    "CardFields",
    "FieldConflict",
    "MergeOutcome",
    "fields_of_record",
    "fields_of_text",
    "merge",
    "merge_vcard_texts",
    "record_of_fields",
]

VERSION = "3.0"  # what phones and most servers take best
SEP = "\x1f"  # between the parts of one value (a phone's number, label and preference)

# field -> its name in words, for the conflicts list
SINGLES = {
    "name": "name",
    "name_parts": "name parts",
    "nickname": "nickname",
    "birthday": "birthday",
    "anniversary": "anniversary",
    "note": "notes",
    "photo": "photo",
    "met_on": "when you met",
    "how_met": "how you met",
    "why_stand_out": "why they stand out",
    "family_notes": "family",
    "cadence_days": "keep-in-touch rhythm",
    "nurture": "nurture",
}
POINT_FIELDS = {
    "emails": PointKind.EMAIL,
    "phones": PointKind.PHONE,
    "addresses": PointKind.ADDRESS,
    "urls": PointKind.URL,
    "ims": PointKind.IM,
    "socials": PointKind.SOCIAL,
}
SETS = {
    "emails": "emails",
    "phones": "phones",
    "addresses": "addresses",
    "urls": "web pages",
    "ims": "messaging",
    "socials": "profiles",
    "positions": "jobs",
    "categories": "tags",
    "circles": "circles",
    "needs": "needs and offers",
    "related": "related people",
    "extra": "other card lines",
}
LABELS = {**SINGLES, **SETS}

CardFields = dict[str, str | tuple[str, ...]]


class CardError(ValueError):
    """A text that is not exactly one readable vCard; the message is one sentence."""


@dataclass(frozen=True)
class FieldConflict:
    """A single field both sides changed differently: netdesk's value and the other side's."""

    field: str
    local: str
    remote: str

    @property
    def label(self) -> str:
        return LABELS.get(self.field, self.field)


@dataclass
class MergeOutcome:
    text: str
    conflicts: list[FieldConflict] = field(default_factory=list)


# --- cards to fields and back -------------------------------------------------------------------


def _join(*parts: str) -> str:
    return SEP.join(parts)


def _point_value(point: PointRecord) -> str:
    return _join(point.value.strip(), point.label.strip(), "pref" if point.preferred else "")


def _netdesk_singles(ours: dict[str, object]) -> dict[str, str]:
    cadence = ours.get("cadence_days")
    return {
        "how_met": str(ours.get("how_met", "")),
        "why_stand_out": str(ours.get("why_stand_out", "")),
        "family_notes": str(ours.get("family_notes", "")),
        "cadence_days": str(cadence) if cadence else "",
        "nurture": "yes" if ours.get("nurture") else "",
    }


def fields_of_record(record: ContactRecord) -> CardFields:
    """A read (or built) card as fields."""
    ours, rest = netdesk_props.read_netdesk_lines(list(record.extra))
    needs, rest = netdesk_props.split_need_lines(rest)
    parts = (record.family, record.given, record.additional, record.prefix, record.suffix)
    fields: CardFields = {
        "name": record.formatted_name.strip() or record.display_name(),
        "name_parts": _join(*(p.strip() for p in parts)) if any(p.strip() for p in parts) else "",
        "nickname": record.nickname.strip(),
        "birthday": record.birthday.iso() if record.birthday else "",
        "anniversary": record.anniversary.iso() if record.anniversary else "",
        "note": record.note.strip(),
        "photo": base64.b64encode(record.photo).decode("ascii") if record.photo else "",
        "met_on": record.met_on.isoformat() if record.met_on else "",
        **_netdesk_singles(ours),
    }
    for name, kind in POINT_FIELDS.items():
        points = [p for p in record.points if p.kind is kind and p.value.strip()]
        fields[name] = _unique(_point_value(p) for p in points)
    fields["positions"] = _unique(
        _join(p.organization.strip(), p.title.strip(), p.department.strip())
        for p in record.positions
    )
    fields["categories"] = _unique(_join(str(k), n.strip()) for k, n in record.tags if n.strip())
    circles = ours.get("circles", [])
    fields["circles"] = _unique(str(c) for c in circles if isinstance(circles, list))
    fields["needs"] = _unique(_join(kind, text) for kind, text in needs)
    fields["related"] = _unique(_join(r.kind.strip(), r.name.strip()) for r in record.related)
    fields["extra"] = _unique(line for line in rest if line.strip())
    return fields


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def read_card(text: str) -> ContactRecord:
    """The one card a text holds; raises CardError (one sentence) otherwise."""
    framed = text.strip().lstrip("\ufeff").upper()
    if not (framed.startswith("BEGIN:VCARD") and framed.endswith("END:VCARD")):
        raise CardError("it is not one whole vCard (BEGIN:VCARD to END:VCARD)")
    try:
        result = reading.read_bytes(text.encode("utf-8"), "card.vcf")
    except (ReadError, UnicodeError) as exc:
        raise CardError(f"it is not a readable vCard ({exc})") from exc
    fatal = [p.message for p in result.problems if p.fatal]
    if len(result.records) != 1 or fatal:
        found = len(result.records) + len(result.groups)
        why = fatal[0] if fatal else f"it holds {found} cards, not one"
        raise CardError(why.rstrip("."))
    return result.records[0]


def fields_of_text(text: str) -> tuple[CardFields, str]:
    """(fields, UID) of a text holding one vCard; raises CardError."""
    record = read_card(text)
    return fields_of_record(record), record.uid.strip()


def split_value(value: str, count: int) -> list[str]:
    parts = value.split(SEP)
    return (parts + [""] * count)[:count]


def _date(text: str) -> dt.date | None:
    with contextlib.suppress(ValueError):
        return dt.date.fromisoformat(text) if text else None
    return None


def _birthday(text: str) -> Birthday | None:
    with contextlib.suppress(ValueError):
        return Birthday.parse(text) if text else None
    return None


def photo_bytes(text: str) -> bytes | None:
    with contextlib.suppress(binascii.Error, ValueError):
        return base64.b64decode(text, validate=True) if text else None
    return None


def values(fields: CardFields, name: str) -> tuple[str, ...]:
    value = fields.get(name, ())
    return value if isinstance(value, tuple) else ()


def single(fields: CardFields, name: str) -> str:
    value = fields.get(name, "")
    return value if isinstance(value, str) else ""


def name_parts(fields: CardFields) -> list[str]:
    """(family, given, additional, prefix, suffix)."""
    return split_value(single(fields, "name_parts"), 5)


def record_of_fields(fields: CardFields, uid: str) -> ContactRecord:
    """The card the fields describe, for the writer."""
    family, given, additional, prefix, suffix = name_parts(fields)
    record = ContactRecord(
        card=1,
        formatted_name=single(fields, "name"),
        prefix=prefix, given=given, additional=additional, family=family, suffix=suffix,
        nickname=single(fields, "nickname"),
        birthday=_birthday(single(fields, "birthday")),
        anniversary=_birthday(single(fields, "anniversary")),
        note=single(fields, "note"),
        photo=photo_bytes(single(fields, "photo")),
        uid=uid,
        met_on=_date(single(fields, "met_on")),
    )
    for name, kind in POINT_FIELDS.items():
        for value in values(fields, name):
            text, label, pref = split_value(value, 3)
            record.points.append(PointRecord(kind, text, label, pref == "pref"))
    for value in values(fields, "positions"):
        record.positions.append(PositionRecord(*split_value(value, 3)))
    for value in values(fields, "categories"):
        kind, name_ = split_value(value, 2)
        with contextlib.suppress(ValueError):
            record.tags.append((TagKind(kind), name_))
    for value in values(fields, "related"):
        kind, name_ = split_value(value, 2)
        record.related.append(RelatedRecord(name_, kind))
    record.extra = [*values(fields, "extra"), *netdesk_extra(fields)]
    return record


def netdesk_extra(fields: CardFields) -> list[str]:
    """The X-NETDESK lines of the fields."""
    cadence = single(fields, "cadence_days")
    texts = {f: single(fields, f) for f in netdesk_props.TEXT_PROPERTIES.values()}
    lines = netdesk_props.netdesk_lines(
        texts,
        list(values(fields, "circles")),
        int(cadence) if cadence.isdigit() else None,
        bool(single(fields, "nurture")),
    )
    needs = [tuple(split_value(v, 2)) for v in values(fields, "needs")]
    return lines + netdesk_props.need_lines([(k, t) for k, t in needs])


# --- the merge ----------------------------------------------------------------------------------


def _merge_single(
    name: str, base: CardFields | None, local: CardFields, remote: CardFields
) -> tuple[str, FieldConflict | None]:
    mine, theirs = single(local, name), single(remote, name)
    if mine == theirs:
        return mine, None
    if base is None:
        if not mine or not theirs:  # first meeting: filling a gap loses nothing
            return mine or theirs, None
        return mine, FieldConflict(name, mine, theirs)
    old = single(base, name)
    if mine == old:
        return theirs, None
    if theirs == old:
        return mine, None
    return mine, FieldConflict(name, mine, theirs)


def _merge_set(
    name: str, base: CardFields | None, local: CardFields, remote: CardFields
) -> tuple[str, ...]:
    old = set(values(base, name)) if base is not None else set()
    mine, theirs = values(local, name), values(remote, name)
    mine_set, theirs_set = set(mine), set(theirs)
    kept = [v for v in mine if v in theirs_set or v not in old]  # a removal there goes here
    added = [v for v in theirs if v not in mine_set and v not in old]
    return tuple(dict.fromkeys([*kept, *added]))


def merge(
    base: CardFields | None, local: CardFields, remote: CardFields
) -> tuple[CardFields, list[FieldConflict]]:
    """The merged fields and the true conflicts (whose local value the merge kept)."""
    merged: CardFields = {}
    conflicts: list[FieldConflict] = []
    for name in SINGLES:
        merged[name], conflict = _merge_single(name, base, local, remote)
        if conflict is not None:
            conflicts.append(conflict)
    for name in SETS:
        merged[name] = _merge_set(name, base, local, remote)
    return merged, conflicts


def merge_vcard_texts(base: str | None, a: str, b: str) -> MergeOutcome:
    """Merge two versions `a` (netdesk's side) and `b` of one card against their common
    `base` (None when unknown); raises CardError when a text is not one readable card."""
    local, uid = fields_of_text(a)
    remote, remote_uid = fields_of_text(b)
    base_fields = fields_of_text(base)[0] if base else None
    merged, conflicts = merge(base_fields, local, remote)
    return MergeOutcome(card_text(record_of_fields(merged, uid or remote_uid), VERSION), conflicts)
