"""The plain records that readers produce and writers consume.

A `ContactRecord` is one card or CSV row, as faithful to the source as netdesk can model; what it
cannot model travels in `extra` (raw vCard property lines) so an export can write it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from netdesk.values import Birthday, PointKind, TagKind


@dataclass(slots=True)
class PointRecord:
    kind: PointKind
    value: str
    label: str = ""  # "work", "home", "mobile", or a custom label such as "Assistant"
    preferred: bool = False


@dataclass(slots=True)
class PositionRecord:
    organization: str
    title: str = ""
    department: str = ""


@dataclass(slots=True)
class RelatedRecord:
    """A related person named on a card (RELATED, X-ABRELATEDNAMES): kept as text."""

    name: str
    kind: str = ""  # "spouse", "child", "assistant", ...


@dataclass(slots=True)
class Problem:
    """Something wrong in a source file, in one sentence a user can act on."""

    message: str
    card: int | None = None  # 1-based card (or CSV row) number
    line: int | None = None  # 1-based physical line in the file
    file: str = ""
    fatal: bool = False  # the card could not be read at all


@dataclass(slots=True)
class ContactRecord:
    """One contact as read from a vCard or a CSV row."""

    card: int  # 1-based position in its file
    line: int = 0  # first line of the card in the file
    formatted_name: str = ""
    prefix: str = ""
    given: str = ""
    additional: str = ""
    family: str = ""
    suffix: str = ""
    nickname: str = ""
    birthday: Birthday | None = None
    anniversary: Birthday | None = None
    points: list[PointRecord] = field(default_factory=list)
    positions: list[PositionRecord] = field(default_factory=list)
    tags: list[tuple[TagKind, str]] = field(default_factory=list)
    note: str = ""
    related: list[RelatedRecord] = field(default_factory=list)
    photo: bytes | None = None  # validated image bytes (not yet a thumbnail)
    uid: str = ""
    met_on: dt.date | None = None
    # when and where a network says you connected (LinkedIn's "Connected On"): not a meeting
    connected_on: dt.date | None = None
    connected_via: str = ""
    extra: list[str] = field(default_factory=list)  # unmodelled vCard lines, unfolded, as read
    problems: list[Problem] = field(default_factory=list)

    def display_name(self) -> str:
        """FN, else N, else the nickname, else ORG, else the first email or phone: every card
        gets a name if it can. An N that is only a title ("Mr.") names nobody, nor does an FN
        made of it: the nickname and the rest come first."""
        full = self.formatted_name.strip()
        titles = " ".join(p.strip() for p in (self.prefix, self.suffix) if p.strip())
        named = any(p.strip() for p in (self.given, self.additional, self.family))
        if full and (named or full != titles):
            return full
        if named:
            parts = [self.prefix, self.given, self.additional, self.family, self.suffix]
            return " ".join(p.strip() for p in parts if p.strip())
        if self.nickname.strip():
            return self.nickname.strip()
        for position in self.positions:
            if position.organization.strip():
                return position.organization.strip()
        for kind in (PointKind.EMAIL, PointKind.PHONE):
            for point in self.points:
                if point.kind is kind and point.value.strip():
                    return point.value.strip()
        return titles

    def is_valid(self) -> bool:
        """A card is usable when it names someone or gives a way to reach them."""
        return bool(self.display_name())


@dataclass(slots=True)
class GroupRecord:
    """A group card (vCard 4 `KIND:group`, Apple's `X-ADDRESSBOOKSERVER-KIND:group`): a name and
    its members, each a reference to another card (`urn:uuid:` and its UID, or a `mailto:`)."""

    card: int
    line: int
    name: str
    uid: str = ""
    members: list[str] = field(default_factory=list)


_URN_UUID = "urn:uuid:"


def uid_key(text: str) -> str:
    """A UID or member reference in the form they are compared in: writers disagree on whether
    a UID carries the `urn:uuid:` prefix and on its case."""
    key = text.strip().lower()
    return key[len(_URN_UUID) :] if key.startswith(_URN_UUID) else key


@dataclass(slots=True)
class ReadResult:
    """What a reader found in one file."""

    format: str  # "vcard", or a CSV layout: "outlook", "google", "thunderbird"... "csv" if none
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # file-level and per-card
    cards: int = 0  # every card found, valid or not
    encoding_fallback: str | None = None  # set when some text was decoded by guessing
    groups: list[GroupRecord] = field(default_factory=list)  # group cards, not people
