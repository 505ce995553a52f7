"""Planning an import: what each read record will become, before anything is written.

`plan(records)` classifies every record by the identity rules (`dedupe.MatchIndex.identify`):
UPDATE (the same UID as someone an earlier import made, or a shared email, phone or profile
whose names agree), NEW (nothing in common, or only a shared point under another name),
DUPLICATE (flagged for review: the same name, or one file's UID under two names; imported as a
new person unless the user decides otherwise) or INVALID. Each item says its fate in words
(`reason`). Lookup dictionaries are built once per plan, so planning costs no query per record;
a record that matches an earlier record of the same file joins it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from netdesk.core import dedupe, people
from netdesk.core.dedupe import Flag, Match, MatchIndex, MatchKeys, Verdict
from netdesk.core.errors import CoreError
from netdesk.core.gc_pause import gc_paused
from netdesk.core.importing.choices import CsvLayout
from netdesk.core.normalize import default_region, normalize_point
from netdesk.core.people import PersonDraft
from netdesk.io.errors import PhotoError
from netdesk.io.names import fill_name_parts
from netdesk.io.photos import check_image, image_size, make_thumbnail
from netdesk.io.records import ContactRecord, GroupRecord, Problem
from netdesk.values import PointKind

THUMBNAIL_SIZE = 256
# A photo already this small (and in a format every Qt build shows) is stored as it came.
PASS_THROUGH_BYTES = 64 * 1024

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class Action(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    DUPLICATE = "duplicate"  # flagged for review (`PlanItem.flag`); new unless decided otherwise
    INVALID = "invalid"


class Decision(enum.StrEnum):
    """What the user chose for a flagged card; without a choice it is imported as new."""

    MERGE = "merge"  # treat as an update of the matched person
    KEEP_BOTH = "keep_both"  # create a new person (what happens without a choice)
    SKIP = "skip"  # leave the card out


class ImportCancelled(CoreError):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class Refusal:
    """A file left out whole (missing, empty, not contacts, unreadable), and why."""

    file: str
    reason: str


@dataclass(slots=True)  # one per card: a million cards make a million items
class PlanItem:
    """What the import will do with one record, and why."""

    index: int
    record: ContactRecord
    action: Action
    reason: str = ""  # the card's fate in words: "updates Ana Souza: same email"
    flag: Flag = Flag.NONE  # why a DUPLICATE deserves a look
    evidence: str = ""  # what the fate rests on: "same email", "same name as Ana Souza"
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
    groups: list[GroupRecord] = field(default_factory=list)  # group cards: circles, not people
    refused: list[Refusal] = field(default_factory=list)  # files left out whole, and why
    layouts: list[CsvLayout] = field(default_factory=list)  # CSVs whose columns were guessed
    files: list[tuple[str, int]] = field(default_factory=list)  # several files: (name, items)
    file_date: dt.date | None = None  # when the file was written (the newest of several)

    def file_of(self, item: PlanItem) -> str:
        """The file a card came from when the plan holds several; "" otherwise."""
        first = 0
        for name, count in self.files:
            if item.index < first + count:
                return name
            first += count
        return ""

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action is action)

    @property
    def unreadable(self) -> int:
        """Cards the reader found but could not turn into a record at all."""
        return max(0, self.cards - len(self.items) - len(self.groups))


@gc_paused
def plan(
    records: Sequence[ContactRecord],
    *,
    source_name: str,
    fmt: str,
    cards: int | None = None,
    problems: Iterable[Problem] = (),
    encoding_fallback: str | None = None,
    groups: Sequence[GroupRecord] = (),
    layouts: Sequence[CsvLayout] = (),
    files: Sequence[tuple[str, int]] = (),
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
        list(groups),
        layouts=list(layouts),
        files=list(files) if len(files) > 1 else [],
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
    match = index.identify(keys)
    item.flag, item.evidence, item.score = match.flag, match.evidence, match.score
    if match.verdict is Verdict.SAME:
        item.action = Action.UPDATE
        _point_at(item, match, index, items)
        index.add(match.target, keys)  # later records with its other keys find the same person
        joined = items[item.into] if item.into is not None else None
        where = f" (card {joined.record.card or joined.index + 1})" if joined else ""
        item.reason = f"updates {item.match_name}{where}: {match.evidence}"
        return
    index.add(("item", item.index), keys)
    if match.verdict is Verdict.REVIEW:
        item.action = Action.DUPLICATE
        _point_at(item, match, index, items)  # whom a Merge decision would update
        item.reason = f"new; {match.evidence}, review"
    else:
        item.action = Action.NEW
        item.match_name = index.keys[match.target].name if match.target is not None else ""
        item.reason = f"new; {match.evidence}" if match.evidence else "new"


def _point_at(item: PlanItem, match: Match, index: MatchIndex, items: list[PlanItem]) -> None:
    """Record the known person, or the earlier card of this file, a match concerns."""
    target = match.target
    if isinstance(target, tuple):  # ("item", index) for a card of this file
        item.into = int(target[1])
        item.match_name = items[item.into].name
    elif isinstance(target, int):
        item.person_id = target
        item.match_name = index.keys[target].name


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
    keys = dedupe.build_keys(
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
    return _shared_empty_sets(keys)


_NO_VALUES: frozenset[str] = frozenset()
_SET_FIELDS = tuple(
    f.name for f in dataclasses.fields(MatchKeys) if isinstance(f.default, frozenset)
)


def _shared_empty_sets(keys: MatchKeys) -> MatchKeys:
    """The keys with one shared empty set for every empty set field. A plan keeps the keys of
    each of its records for matching later ones, and Python shares no empty frozenset: at 216
    bytes each, a minimal card's empty emails, phones, profiles... outweighed the card."""
    for name in _SET_FIELDS:
        if not getattr(keys, name):
            # `keys` was made a moment ago and nobody else holds it yet: setting a field of the
            # frozen dataclass is safe here, and costs a fraction of `dataclasses.replace`
            object.__setattr__(keys, name, _NO_VALUES)
    return keys


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
    takes; a record named by a full name only gets its name parts. Safe to call twice."""
    fill_name_parts(record)
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
