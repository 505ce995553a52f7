"""Merging two records of the same person into one, losing nothing.

`merge(keep_id, other_id, choices)` keeps one person's row and folds the other into it in one
transaction: the user's choices decide scalar fields; a field nobody chose takes the fuller value,
else the older person's (a one-word name gives way to a full name, the earliest "met on" wins,
a birthday with a year beats one without), whichever side is kept; free-text fields nobody
chose are joined; contact points, positions, circles and tags are united; interactions, favours,
reminders, relationships and reminder logs move over, identical follow-ups and reminders folded
into one; then the other person is deleted. `merge_preview` lists the fields where the two
differ, with those defaults, for the merge dialog. Undo is a snapshot of both people taken
before (`snapshots.capture([keep_id, other_id])`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from netdesk.core import interactions, people, store
from netdesk.core.errors import NotFound, ValidationError
from netdesk.core.normalize import fold
from netdesk.core.people import PersonDetail
from netdesk.db.models import (
    ContactPoint,
    Event,
    Interaction,
    Need,
    Participant,
    Person,
    PersonCircle,
    PersonTag,
    Position,
    Relationship,
    ReminderLog,
)
from netdesk.db.models import Favour as FavourRow
from netdesk.db.models import Reminder as ReminderRow

KEEP, OTHER, BOTH = "keep", "other", "both"

# Scalar fields of PersonDraft the dialog offers, with their labels, in display order.
FIELDS: dict[str, str] = {
    "display_name": "Name",
    "prefix": "Prefix",
    "given": "Given name",
    "additional": "Middle name",
    "family": "Family name",
    "suffix": "Suffix",
    "nickname": "Nickname",
    "photo": "Photo",
    "birthday": "Birthday",
    "how_met": "How you met",
    "met_on": "Met on",
    "met_through_id": "Met through",
    "connected_on": "Connected on",
    "connected_via": "Connected through",
    "why_stand_out": "Why they stand out",
    "family_notes": "Family",
    "notes": "Notes",
    "cadence_days": "Keep in touch every (days)",
    "nurture": "Nurture",
    "uid": "vCard UID",
    "vcard_extra": "Other vCard data",
}
# Free text: when nobody chose, both texts are kept, one after the other.
TEXT_FIELDS = ("how_met", "why_stand_out", "family_notes", "notes", "vcard_extra")
# The name parts follow the choice made for the name unless chosen one by one.
NAME_PARTS = ("prefix", "given", "additional", "family", "suffix")
# Values worth a line in the notes when the other person's differing value is not kept.
NOTED = {
    "display_name": "Also known as",
    "nickname": "Nickname",
    "birthday": "Birthday",
    "met_on": "Met on",
}


@dataclass(frozen=True)
class FieldChoice:
    """One field where the two people differ. `default` is what merge does without a choice."""

    field: str
    label: str
    keep_value: Any
    other_value: Any
    default: str


def _empty(value: Any) -> bool:
    return value is None or value == "" or value is False


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return a == b


def merge_preview(keep_id: int, other_id: int) -> list[FieldChoice]:
    """The fields where the two people differ (at least one side filled in)."""
    keep, other = _load(keep_id, other_id)
    out: list[FieldChoice] = []
    for name, label in FIELDS.items():
        a, b = getattr(keep, name), getattr(other, name)
        if _same(a, b) or (_empty(a) and _empty(b)):
            continue
        out.append(FieldChoice(name, label, a, b, preferred_side(name, keep, other)))
    return out


def _keep_is_older(keep: PersonDetail, other: PersonDetail) -> bool:
    if keep.created and other.created and keep.created != other.created:
        return keep.created < other.created
    return keep.id < other.id


def _words(name: str) -> int:
    return len(name.split())


def preferred_side(name: str, keep: PersonDetail, other: PersonDetail) -> str:
    """Which value a field takes when nobody chose: the only one filled in, both texts, the
    fuller value, else the older person's."""
    if name in NAME_PARTS:
        name = "display_name"  # the parts follow the name
    a, b = getattr(keep, name), getattr(other, name)
    if _empty(a) or _empty(b):
        return KEEP if not _empty(a) else OTHER
    if name in TEXT_FIELDS:
        return BOTH
    older = KEEP if _keep_is_older(keep, other) else OTHER
    if name == "display_name" and min(_words(a), _words(b)) == 1 < max(_words(a), _words(b)):
        return KEEP if _words(a) > 1 else OTHER  # "Tobias" gives way to "Tobias Quenneville"
    if name == "met_on":
        return KEEP if a <= b else OTHER  # the first meeting
    same_day = name == "birthday" and (a.month, a.day) == (b.month, b.day)
    if same_day and (a.year is None) != (b.year is None):
        return KEEP if a.year is not None else OTHER
    return older


def _load(keep_id: int, other_id: int) -> tuple[PersonDetail, PersonDetail]:
    if keep_id == other_id:
        raise ValidationError("Choose two different people to merge.", "person")
    return people.get(keep_id), people.get(other_id)


def _joined(a: str, b: str) -> str:
    a, b = a.strip(), b.strip()
    if not a or not b:
        return a or b
    if b in a:
        return a
    if a in b:
        return b
    return f"{a}\n\n{b}" if "\n" in a + b or len(a + b) > 60 else f"{a}; {b}"


def merged_scalars(
    keep: PersonDetail, other: PersonDetail, choices: dict[str, str] | None = None
) -> dict[str, Any]:
    """The merged person's scalar fields under the given choices."""
    choices = dict(choices or {})
    unknown = set(choices) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field to merge: {sorted(unknown)[0]}.", "choices")
    bad = {v for v in choices.values() if v not in (KEEP, OTHER, BOTH)}
    if bad:
        raise ValidationError(f"A merge choice must be keep or other, not {bad.pop()}.", "choices")
    for part in NAME_PARTS:
        if part not in choices and "display_name" in choices:
            choices[part] = choices["display_name"]
    out: dict[str, Any] = {}
    lost: list[str] = []
    for name in FIELDS:
        a, b = getattr(keep, name), getattr(other, name)
        choice = choices.get(name)
        if name == "nurture":
            out[name] = b if choice == OTHER else (a if choice == KEEP else a or b)
        elif choice == OTHER:
            out[name] = b
        elif choice == KEEP:
            out[name] = a
        elif name in TEXT_FIELDS:
            out[name] = _joined(a or "", b or "")
        else:
            side = preferred_side(name, keep, other)
            out[name], dropped = (a, b) if side == KEEP else (b, a)
            if name in NOTED and _worth_noting(out[name], dropped):
                shown = dropped.iso() if hasattr(dropped, "iso") else str(dropped)
                lost.append(f"{NOTED[name]}: {shown}")
    if lost and choices.get("notes") is None:
        out["notes"] = _joined(out["notes"], "\n".join(lost))
    if out["met_through_id"] in (keep.id, other.id):
        out["met_through_id"] = None
    return out


def _worth_noting(kept: Any, dropped: Any) -> bool:
    """A dropped value the notes should remember: not empty, not the kept one, and not a part
    of it ("Tobias" says nothing "Tobias Quenneville" does not)."""
    if _empty(dropped) or _same(kept, dropped):
        return False
    if isinstance(kept, str) and isinstance(dropped, str):
        return not set(fold(dropped).split()) <= set(fold(kept).split())
    return True


def merge(keep_id: int, other_id: int, choices: dict[str, str] | None = None) -> int:
    """Fold `other_id` into `keep_id` in one transaction; returns `keep_id`."""
    keep, other = _load(keep_id, other_id)
    scalars = merged_scalars(keep, other, choices)
    draft = people.with_changes(keep, **scalars)
    draft.points, draft.positions = [], []  # children move as rows below, not through the draft
    people.validate(draft)
    with store.write():
        _move_points(keep_id, other_id)
        _move_positions(keep_id, other_id)
        _move_links(keep_id, other_id)
        _fold_interactions(keep_id, other_id)
        _move_activity(keep_id, other_id)
        _fold_reminders(keep_id)
        fields = people._person_fields(draft)
        fields["updated"] = dt.datetime.now().replace(microsecond=0)
        fields["archived"] = keep.archived and other.archived
        Person.update(**fields).where(Person.id == keep_id).execute()
        Person.update(met_through=keep_id).where(Person.met_through == other_id).execute()
        Person.update(met_through=None).where(
            (Person.id == keep_id) & (Person.met_through == keep_id)
        ).execute()
        if Person.delete().where(Person.id == other_id).execute() == 0:
            raise NotFound(f"Person {other_id} does not exist.")
        interactions.refresh_last_contact([keep_id])
        for topic in store.WHOLE_PERSON:
            store.changed(topic, keep_id, other_id)
    return keep_id


def point_key(kind: str, value: str, normalized: str) -> tuple[str, str]:
    return kind, normalized or fold(value)


def _move_points(keep_id: int, other_id: int) -> None:
    kept = list(ContactPoint.select().where(ContactPoint.person == keep_id))
    seen = {point_key(p.kind, p.value, p.normalized) for p in kept}
    preferred = {p.kind for p in kept if p.preferred}
    for point in ContactPoint.select().where(ContactPoint.person == other_id):
        key = point_key(point.kind, point.value, point.normalized)
        if key in seen:
            point.delete_instance()
            continue
        seen.add(key)
        point.person = keep_id
        point.preferred = point.preferred and point.kind not in preferred
        point.save()


def _position_key(p: Position) -> tuple[Any, ...]:
    return fold(p.organization), fold(p.title), fold(p.department), p.start, p.end


def _move_positions(keep_id: int, other_id: int) -> None:
    seen = {_position_key(p) for p in Position.select().where(Position.person == keep_id)}
    for position in Position.select().where(Position.person == other_id):
        if _position_key(position) in seen:
            continue
        seen.add(_position_key(position))
        Position.update(person=keep_id).where(Position.id == position.id).execute()


def _move_links(keep_id: int, other_id: int) -> None:
    for link, column in ((PersonCircle, PersonCircle.circle), (PersonTag, PersonTag.tag)):
        ids = [r[0] for r in link.select(column).where(link.person == other_id).tuples()]
        if ids:
            rows = [{"person": keep_id, column.name: i} for i in ids]
            link.insert_many(rows).on_conflict_ignore().execute()
    for rel in Relationship.select().where(
        (Relationship.person_a == other_id) | (Relationship.person_b == other_id)
    ):
        a = keep_id if rel.person_a_id == other_id else rel.person_a_id
        b = keep_id if rel.person_b_id == other_id else rel.person_b_id
        clash = Relationship.select().where(
            (Relationship.person_a == a)
            & (Relationship.person_b == b)
            & (Relationship.kind == rel.kind)
        )
        if a == b or clash.exists():
            rel.delete_instance()
        else:
            Relationship.update(person_a=a, person_b=b).where(Relationship.id == rel.id).execute()


def _move_activity(keep_id: int, other_id: int) -> None:
    shared = Participant.select(Participant.interaction).where(Participant.person == keep_id)
    Participant.update(person=keep_id).where(
        (Participant.person == other_id) & Participant.interaction.not_in(shared)
    ).execute()
    FavourRow.update(person=keep_id).where(FavourRow.person == other_id).execute()
    Need.update(person=keep_id).where(Need.person == other_id).execute()
    ReminderRow.update(person=keep_id).where(ReminderRow.person == other_id).execute()
    for log in ReminderLog.select().where(ReminderLog.person == other_id):
        clash = ReminderLog.select().where(
            (ReminderLog.kind == log.kind)
            & (ReminderLog.person == keep_id)
            & (ReminderLog.due == log.due)
            & (ReminderLog.ref == log.ref)
        )
        if not clash.exists():
            ReminderLog.update(person=keep_id).where(ReminderLog.id == log.id).execute()


def _interactions_of(person_id: int) -> list[Interaction]:
    return list(
        Interaction.select()
        .join(Participant)
        .where(Participant.person == person_id)
        .order_by(Interaction.id)
    )


def _interaction_key(interaction: Interaction) -> tuple[Any, ...]:
    return interaction.when, interaction.kind, fold(interaction.summary), interaction.follow_up


def _fold_interactions(keep_id: int, other_id: int) -> None:
    """An interaction logged on both records (same day, kind, summary and follow-up) becomes one:
    its other participants join the kept one, its notes are kept, an open follow-up stays open.
    An event's own interaction is left alone (both simply took part in it)."""
    kept = {_interaction_key(i): i for i in _interactions_of(keep_id)}
    events = {row[0] for row in Event.select(Event.interaction).tuples()}
    for copy in _interactions_of(other_id):
        twin = kept.get(_interaction_key(copy))
        if twin is None or twin.id == copy.id or copy.id in events:
            continue
        joining = Participant.select(Participant.person).where(
            (Participant.interaction == copy.id) & (Participant.person != other_id)
        )
        for (person_id,) in joining.tuples():
            Participant.insert(interaction=twin.id, person=person_id).on_conflict_ignore().execute()
        Interaction.update(
            notes=_joined(twin.notes, copy.notes),
            follow_up_done=twin.follow_up_done and copy.follow_up_done,
        ).where(Interaction.id == twin.id).execute()
        Interaction.delete().where(Interaction.id == copy.id).execute()


def _fold_reminders(person_id: int) -> None:
    """One reminder or follow-up per (due, note, event): two records of one person often both
    carried the same one. A copy that is done only counts once the kept one is done too."""
    kept: dict[tuple[Any, ...], ReminderRow] = {}
    rows = ReminderRow.select().where(ReminderRow.person == person_id).order_by(ReminderRow.id)
    for reminder in rows:
        key = (reminder.due, fold(reminder.note), reminder.event_id)
        first = kept.get(key)
        if first is None:
            kept[key] = reminder
            continue
        if first.done and not reminder.done:
            ReminderRow.update(done=False).where(ReminderRow.id == first.id).execute()
            first.done = False
        ReminderRow.delete().where(ReminderRow.id == reminder.id).execute()
