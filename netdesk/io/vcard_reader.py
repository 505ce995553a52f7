"""Tolerant streaming vCard reader (2.1, 3.0, 4.0): bytes in, `ContactRecord`s out.

Real exports break every rule (see testdata/vcards/QUIRKS.md), so the reader never trusts a file:
a byte-level pass (vcard_lines) finds cards, a per-line pass (vcard_props) decodes properties,
and this module maps them onto records. What netdesk does not model is kept verbatim in
`record.extra`. Every problem becomes a `Problem`; no input makes the reader raise.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import datetime as dt
import functools
import io
import re
import urllib.parse
from collections.abc import Callable, Iterator
from typing import BinaryIO

from netdesk.io.dates import parse_date
from netdesk.io.errors import PhotoError
from netdesk.io.names import fill_name_parts
from netdesk.io.photos import MAX_PHOTO_BYTES, validate_photo
from netdesk.io.record_checks import check_record
from netdesk.io.records import (
    ContactRecord,
    GroupRecord,
    PointRecord,
    PositionRecord,
    Problem,
    ReadResult,
    RelatedRecord,
)
from netdesk.io.vcard_labels import (
    IM_PROPERTIES,
    IMPP_SERVICES,
    SOCIAL_SERVICES,
    apple_label,
    types_label,
)
from netdesk.io.vcard_lines import ByteSource, CardSplitter, RawCard, logical_lines, physical_lines
from netdesk.io.vcard_props import (
    Property,
    TextDecoder,
    read_property,
    split_escaped,
    split_params,
    structured,
    unescape,
    well_formed_line,
)
from netdesk.values import Birthday, PointKind, TagKind

__all__ = ["VCardReader", "iter_vcards", "read_vcards"]

Progress = Callable[[int, int], None]

_SKIPPED = frozenset({"VERSION", "PRODID", "REV", "PROFILE", "BEGIN", "END"})  # regenerated
_ANNIVERSARIES = frozenset(
    {"ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-MS-ANNIVERSARY",
     "X-KADDRESSBOOK-X-ANNIVERSARY", "X-WAB-WEDDING_ANNIVERSARY"}
)
_RELATED_PROPERTIES = {
    "X-EVOLUTION-SPOUSE": "spouse", "X-EVOLUTION-MANAGER": "manager",
    "X-EVOLUTION-ASSISTANT": "assistant", "X-KADDRESSBOOK-X-SPOUSESNAME": "spouse",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager", "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant",
    "X-MS-SPOUSE": "spouse", "X-MS-MANAGER": "manager", "X-MS-ASSISTANT": "assistant",
    "X-SPOUSE": "spouse", "X-MANAGER": "manager", "X-ASSISTANT": "assistant",
    "X-WAB-SPOUSE_NAME": "spouse",
}
_URI_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{0,30}):(.*)$", re.S)
_ANGLE_EMAIL = re.compile(r"<([^<>\s]+@[^<>\s]+)>\s*$")
_BASE64_TEXT = re.compile(r"[A-Za-z0-9+/=\s]{16,}")
_MAX_PHOTO_TEXT = MAX_PHOTO_BYTES * 4 // 3 + 1024 * 1024  # base64 plus folding whitespace
_FRIENDLY_CODECS = {"cp932": "shift_jis", "euc_jp": "euc-jp"}


class _Card:
    """Maps the decoded properties of one card onto a ContactRecord."""

    def __init__(self, raw: RawCard) -> None:
        self.record = ContactRecord(card=raw.number, line=raw.line)
        self.problems = list(raw.problems)
        self.labels: dict[str, str] = {}  # group -> X-ABLabel
        self.label_used: set[str] = set()
        self.orgs: list[tuple[str, str, str]] = []  # (group, organization, department)
        self.titles: list[tuple[str, str]] = []  # (group, title)
        self.seen: set[str] = set()
        self.kind = ""
        self.members: list[str] = []  # MEMBER references, when the card is a group

    def problem(self, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(message, self.record.card, line or self.record.line))

    def label_for(self, prop: Property) -> str:
        """The group's X-ABLabel when there is one, else a label from the TYPE tokens."""
        if prop.group and self.labels.get(prop.group.upper()):
            self.label_used.add(prop.group.upper())
            return self.labels[prop.group.upper()]
        return types_label(prop.types)

    def add_point(self, kind: PointKind, value: str, prop: Property, label: str = "") -> None:
        value = value.strip()
        if value:
            point = PointRecord(kind, value, label or self.label_for(prop), prop.preferred())
            self.record.points.append(point)

    def first(self, name: str) -> bool:
        """True the first time a single-valued property is seen; repeats go to `extra`."""
        if name in self.seen:
            return False
        self.seen.add(name)
        return True


# --- property handlers: return True when the property is modelled, False to keep it in extra ---


def _fn(card: _Card, prop: Property) -> bool:
    text = unescape(prop.value).strip()
    if not text:
        return True
    if card.record.formatted_name:
        return False
    card.record.formatted_name = text
    return True


def _n(card: _Card, prop: Property) -> bool:
    if not card.first("N"):
        return False
    rec = card.record
    rec.family, rec.given, rec.additional, rec.prefix, rec.suffix = structured(prop.value, 5)[:5]
    return True


def _nickname(card: _Card, prop: Property) -> bool:
    text = unescape(prop.value).strip()
    if text:
        rec = card.record
        rec.nickname = f"{rec.nickname}, {text}" if rec.nickname else text
    return True


def _org(card: _Card, prop: Property) -> bool:
    parts = [p for p in structured(prop.value, 1) if p]
    if parts:
        card.orgs.append((prop.group.upper(), parts[0], ", ".join(parts[1:])))
    return True


def _title(card: _Card, prop: Property) -> bool:
    text = unescape(prop.value).strip()
    if text:
        card.titles.append((prop.group.upper(), text))
    return True


def _date_value(card: _Card, prop: Property, what: str) -> Birthday | None:
    text = unescape(prop.value).strip()
    omit = prop.param("X-APPLE-OMIT-YEAR").strip()
    try:
        date = parse_date(text)
    except ValueError:
        card.problem(f"The {what} {text[:40]!r} is not a date and was kept as text.", prop.line)
        return None
    if date.year is not None and omit and omit == f"{date.year:04d}":
        date = Birthday(date.month, date.day)
    return date


def _bday(card: _Card, prop: Property) -> bool:
    if card.record.birthday is not None:
        return False
    card.record.birthday = _date_value(card, prop, "birthday")
    return card.record.birthday is not None


def _anniversary(card: _Card, prop: Property) -> bool:
    if card.record.anniversary is not None:
        return False
    card.record.anniversary = _date_value(card, prop, "anniversary")
    return card.record.anniversary is not None


def _abdate(card: _Card, prop: Property) -> bool:
    if card.labels.get(prop.group.upper()) != "anniversary" or card.record.anniversary:
        return False
    card.label_used.add(prop.group.upper())
    return _anniversary(card, prop)


def _email(card: _Card, prop: Property) -> bool:
    value = unescape(prop.value).strip()
    if value[:7].lower() == "mailto:":
        value = value[7:]
    if match := _ANGLE_EMAIL.search(value):
        value = match[1]  # `"Omega" <omega@example.com>` -> the address
    card.add_point(PointKind.EMAIL, value, prop)
    return True


def _tel(card: _Card, prop: Property) -> bool:
    value = unescape(prop.value).strip()
    if value[:4].lower() == "tel:":
        value = value[4:]
    card.add_point(PointKind.PHONE, value, prop)
    return True


def _url(card: _Card, prop: Property) -> bool:
    value = unescape(prop.value).strip()
    label = card.label_for(prop)
    if not label and "linkedin.com" in value.lower():
        label = "linkedin"
    card.add_point(PointKind.URL, value, prop, label)
    return True


def _clean_line(text: str) -> str:
    lines = (line.strip().rstrip(",").strip() for line in text.splitlines())
    return ", ".join(line for line in lines if line)


def address_text(parts: list[str]) -> str:
    """One readable line from ADR parts (PO box; extended; street; city; region; code; country)."""
    clean = [_clean_line(part) for part in parts]
    clean += [""] * (7 - len(clean))
    pobox, extended, street, city, region, code, country = clean[:7]
    region_code = " ".join(x for x in (region, code) if x)
    fields = [pobox, extended, street, city, region_code, country, *clean[7:]]
    return ", ".join(x for x in fields if x)


def _adr(card: _Card, prop: Property) -> bool:
    card.add_point(PointKind.ADDRESS, address_text(structured(prop.value, 7)), prop)
    return True


def _impp(card: _Card, prop: Property) -> bool:
    value = unescape(prop.value).strip()
    service = prop.param("X-SERVICE-TYPE").strip().lower()
    if match := _URI_SCHEME.match(value):
        scheme, value = match[1].lower(), match[2]
        service = service or IMPP_SERVICES.get(scheme, scheme)
    card.add_point(PointKind.IM, value, prop, service or card.label_for(prop))
    return True


def _im_property(card: _Card, prop: Property) -> bool:
    service = IM_PROPERTIES.get(prop.name, "im")
    value = unescape(prop.value).strip()
    if service == "sip" and value[:4].lower() == "sip:":
        value = value[4:]
    card.add_point(PointKind.IM, value, prop, service)
    return True


def _kde_messaging(card: _Card, prop: Property) -> bool:
    """KDE's `X-messaging/xmpp-All:a@x<U+E000>b@y`: one IM point per address."""
    service = prop.name.split("/", 1)[1].rsplit("-", 1)[0].lower()
    kind = PointKind.SOCIAL if service in SOCIAL_SERVICES else PointKind.IM
    for value in unescape(prop.value).split("\ue000"):
        card.add_point(kind, value, prop, service)
    return True


def _social(card: _Card, prop: Property) -> bool:
    value = unescape(prop.value).strip()
    if value[:8].lower() == "x-apple:":
        value = prop.param("X-USER") or value[8:]
    label = types_label([t for t in prop.types if t != "pref"]) or card.label_for(prop)
    card.add_point(PointKind.SOCIAL, value, prop, label)
    return True


def _categories(card: _Card, prop: Property) -> bool:
    try:
        kind = TagKind(prop.param("X-NETDESK-KIND").lower() or "label")
    except ValueError:
        kind = TagKind.LABEL
    for part in split_escaped(prop.value, ","):
        name = unescape(part).strip()
        if name and (kind, name) not in card.record.tags:
            card.record.tags.append((kind, name))
    return True


def _note(card: _Card, prop: Property) -> bool:
    text = unescape(prop.value).replace("\r\n", "\n").strip()
    if text:
        rec = card.record
        rec.note = f"{rec.note}\n{text}" if rec.note else text
    return True


def _related(card: _Card, prop: Property, kind: str = "") -> bool:
    name = unescape(prop.value).strip()
    if name:
        kind = kind or card.label_for(prop)
        card.record.related.append(RelatedRecord(name, kind))
    return True


def _uid(card: _Card, prop: Property) -> bool:
    if card.record.uid:
        return False
    card.record.uid = unescape(prop.value).strip()
    return True


def _met_on(card: _Card, prop: Property) -> bool:
    try:
        date = parse_date(prop.value.strip())
    except ValueError:
        return False
    if date.year is None:
        return False
    card.record.met_on = dt.date(date.year, date.month, date.day)
    return True


def _kind(card: _Card, prop: Property) -> bool:
    card.kind = prop.value.strip().lower()
    return False  # also kept in extra so an export says the same


def _member(card: _Card, prop: Property) -> bool:
    member = unescape(prop.value).strip()
    if member:
        card.members.append(member)
    return False  # kept in extra too: on a card that is not a group it means nothing to netdesk


def _photo(card: _Card, prop: Property) -> bool:
    if not prop.value.strip():
        return True
    try:
        data = _photo_bytes(prop)
    except PhotoError as exc:
        card.problem(f"A photo was dropped: {exc}", prop.line)
        return True
    if data is None:
        return False  # a URL (never fetched) or something unknown: keep the line as it is
    try:
        validate_photo(data)
    except PhotoError as exc:
        card.problem(f"A photo was dropped: {exc}", prop.line)
        return True
    if card.record.photo is not None:
        return False
    card.record.photo = data
    return True


def _photo_bytes(prop: Property) -> bytes | None:
    """Inline photo bytes (base64 or data: URI); None for URLs and other references."""
    value = prop.value.strip()
    text = unescape(value)  # `data:image/png;base64\,...` has an escaped comma
    if text[:5].lower() != "data:" and (
        prop.encoding == "b64" or prop.param("VALUE").lower() == "binary"
    ):
        return _b64decode(value)
    if text[:5].lower() == "data:":
        header, _, payload = text.partition(",")
        if ";base64" in header.lower():
            return _b64decode(payload)
        return urllib.parse.unquote_to_bytes(payload)
    if prop.param("VALUE").lower() in ("uri", "url") or _URI_SCHEME.match(text):
        return None
    if _BASE64_TEXT.fullmatch(text):
        return _b64decode(text)  # some writers forget ENCODING=b
    return None


def _b64decode(text: str) -> bytes:
    if len(text) > _MAX_PHOTO_TEXT:
        raise PhotoError("The photo is over 5 MB.")
    compact = re.sub(r"[^A-Za-z0-9+/_-]", "", text).replace("-", "+").replace("_", "/")
    if len(compact) % 4 == 1:
        compact = compact[:-1]
    try:
        return base64.b64decode(compact + "=" * (-len(compact) % 4))
    except (binascii.Error, ValueError) as exc:
        raise PhotoError("The photo's base64 data is damaged.") from exc


def _cardpicture(card: _Card, prop: Property) -> bool:
    """Outlook's X-MS-CARDPICTURE is the card's photo when there is no PHOTO."""
    return card.record.photo is None and _photo(card, prop)


_HANDLERS: dict[str, Callable[[_Card, Property], bool]] = {
    "FN": _fn, "N": _n, "NICKNAME": _nickname, "ORG": _org, "TITLE": _title,
    "BDAY": _bday, "X-ABDATE": _abdate, "EMAIL": _email, "TEL": _tel, "URL": _url,
    "ADR": _adr, "IMPP": _impp, "X-SOCIALPROFILE": _social, "CATEGORIES": _categories,
    "NOTE": _note, "RELATED": _related, "X-ABRELATEDNAMES": _related, "UID": _uid,
    "PHOTO": _photo, "X-MS-CARDPICTURE": _cardpicture, "KIND": _kind,
    "X-ADDRESSBOOKSERVER-KIND": _kind, "MEMBER": _member,
    "X-ADDRESSBOOKSERVER-MEMBER": _member, "X-NETDESK-MET-ON": _met_on,
}
_HANDLERS.update({name: _anniversary for name in _ANNIVERSARIES})
_HANDLERS.update({name: _im_property for name in IM_PROPERTIES})
_HANDLERS.update(
    {name: functools.partial(_related, kind=kind) for name, kind in _RELATED_PROPERTIES.items()}
)


def _handler(name: str) -> Callable[[_Card, Property], bool] | None:
    if name.startswith("X-MESSAGING/"):
        return _kde_messaging
    return _HANDLERS.get(name)


# --- extra lines ---------------------------------------------------------------------------


def extra_line(prop: Property) -> str:
    """The property as one decoded line; CHARSET and QUOTED-PRINTABLE are dropped (now UTF-8)."""
    head, value = prop.head, prop.value
    if prop.encoding == "qp" or "CHARSET" in prop.params or "charset" in head.lower():
        head = ";".join(t for t in split_params(head) if not _is_transfer_param(t))
    if prop.encoding == "qp":
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f"{head}:{value}"


def _first(pair: tuple[int, Property]) -> int:
    return pair[0]


def _kept_lines(card: _Card, props: list[Property]) -> list[str]:
    """The unmodelled lines, repaired where a slip is obvious; a line no reader could parse is
    left out with a problem line (an export must never write it)."""
    kept = []
    for prop in props:
        line = well_formed_line(extra_line(prop))
        if line:
            kept.append(line)
        else:
            card.problem(f"The malformed property {prop.head[:40]!r} was left out.", prop.line)
    return kept


def _is_transfer_param(token: str) -> bool:
    key, _, value = token.strip().upper().partition("=")
    return key == "CHARSET" or "QUOTED-PRINTABLE" in (key, value)


# --- card assembly ---------------------------------------------------------------------------


def _keep_label(card: _Card, prop: Property, modelled: set[str]) -> bool:
    """An X-ABLabel stays unless its property used it (or it is empty and nothing needs it)."""
    group = prop.group.upper()
    if group in card.label_used:
        return False
    return bool(prop.value.strip()) or group not in modelled


def _finish_positions(card: _Card) -> None:
    """Pair ORG with TITLE: by group when grouped, otherwise in order of appearance."""
    titles = list(card.titles)
    positions = []
    for group, org, department in card.orgs:
        match = next((t for t in titles if group and t[0] == group), None)
        if match is None:
            match = next((t for t in titles if not t[0] or not group), None)
        if match is not None:
            titles.remove(match)
        positions.append(PositionRecord(org, match[1] if match else "", department))
    positions += [PositionRecord("", title) for _, title in titles]
    card.record.positions = positions


def _split_fn(card: _Card) -> None:
    """FN without N: split it so sorting by family name works (not for an organisation's or a
    place's card)."""
    if card.kind not in ("org", "group", "location"):
        fill_name_parts(card.record)


def _group(card: _Card) -> GroupRecord | None:
    """A group card as a GroupRecord; None (with a problem) when it has no name to give."""
    rec = card.record
    name = rec.formatted_name.strip() or rec.display_name()
    if not name:
        card.problem("A group card without a name was skipped.")
        return None
    return GroupRecord(rec.card, rec.line, name, rec.uid, list(dict.fromkeys(card.members)))


class VCardReader:
    """Streams records out of a vCard file; `cards`, `problems`, `groups` (group cards, which
    are not people) and `encoding_fallback` fill in as it goes and are complete once `records()`
    is exhausted. Stop iterating to cancel."""

    format = "vcard"

    def __init__(
        self,
        stream: BinaryIO,
        *,
        encoding: str | None = None,
        progress: Progress | None = None,
        file: str = "",
    ) -> None:
        self._stream = stream
        self._progress = progress
        self.file = file
        self.cards = 0
        self.problems: list[Problem] = []
        self.groups: list[GroupRecord] = []
        self.encoding_fallback: str | None = None
        self._decoder = TextDecoder(encoding)
        self._encoding = encoding if self._decoder.override or _is_wide(encoding) else None
        if encoding and self._encoding is None:
            self._add(Problem(f"The encoding {encoding!r} is unknown and was ignored."))

    def _add(self, problem: Problem) -> None:
        problem.file = problem.file or self.file
        self.problems.append(problem)

    def records(self) -> Iterator[ContactRecord]:
        source = ByteSource(self._stream, self._encoding)
        file_problems: list[Problem] = []
        splitter = CardSplitter(file_problems)
        try:
            lines = logical_lines(physical_lines(source.chunks(), file_problems), file_problems)
            for raw in splitter.split(lines):
                self._flush(file_problems)
                self.cards = splitter.cards
                record = self._build(raw)
                if self._progress is not None:
                    self._progress(self.cards, source.bytes_read)
                if record is not None:
                    yield record
        except Exception as exc:  # a broken file must never crash an import
            self._add(Problem(f"Reading stopped early after an unexpected error ({exc!r:.80}).",
                              fatal=True))
        self._flush(file_problems)
        self.cards = splitter.cards
        if source.nuls:
            self._add(Problem(f"{source.nuls:,} NUL bytes (padding or a damaged copy) were "
                              "removed from the file."))
        if self.cards == 0:
            self._add(Problem("No vCard (BEGIN:VCARD) was found in this file.", fatal=True))
        if self._progress is not None:
            self._progress(self.cards, source.bytes_read)

    def _flush(self, problems: list[Problem]) -> None:
        for problem in problems:
            self._add(problem)
        problems.clear()

    def _build(self, raw: RawCard) -> ContactRecord | None:
        try:
            card = self._map(raw)
        except Exception as exc:  # one bad card must not stop the good ones
            self._add(Problem(f"Card {raw.number} could not be read ({exc!r:.80}).",
                              raw.number, raw.line, fatal=True))
            return None
        group = _group(card) if card.kind == "group" else None
        for problem in card.problems:
            self._add(problem)
        if card.kind == "group":  # a group is not a person: it travels beside the records
            self.groups += [group] if group is not None else []
            return None
        card.record.problems = card.problems
        return card.record

    def _map(self, raw: RawCard) -> _Card:
        card = _Card(raw)
        props = self._decode(raw, card)
        for prop in props:
            if prop.name == "X-ABLABEL" and prop.group:
                card.labels[prop.group.upper()] = apple_label(unescape(prop.value))
        extra: list[tuple[int, Property]] = []
        modelled: set[str] = set()  # groups whose property netdesk understood
        for index, prop in enumerate(props):
            if prop.name in _SKIPPED or prop.name == "X-ABLABEL":
                continue
            handler = _handler(prop.name)
            if handler is not None and handler(card, prop):
                modelled.add(prop.group.upper())
            else:
                extra.append((index, prop))
        extra += [(i, p) for i, p in enumerate(props)
                  if p.name == "X-ABLABEL" and _keep_label(card, p, modelled)]
        card.record.extra = _kept_lines(card, [prop for _, prop in sorted(extra, key=_first)])
        _finish_positions(card)
        card.problems += check_record(card.record)
        _split_fn(card)
        return card

    def _decode(self, raw: RawCard, card: _Card) -> list[Property]:
        """Parse every line, then decode text with the card's fallback charset."""
        props: list[Property] = []
        heads: list[bytes] = []
        for line in raw.lines:
            parsed = read_property(line.number, line.data)
            if parsed is None:
                card.problem("A line that is not a vCard property was skipped.", line.number)
                continue
            props.append(parsed[0])
            heads.append(parsed[1])
        fallback = self._decoder.card_fallback(props, heads)
        already_guessed = self._decoder.used_fallback
        for prop, head in zip(props, heads, strict=True):
            self._decoder.finish(prop, head, fallback)
        if self._decoder.used_fallback and not already_guessed:
            self._note_fallback(card)  # once per file
        return props

    def _note_fallback(self, card: _Card) -> None:
        name = self._decoder.used_fallback or ""
        friendly = _friendly_codec(name)
        self.encoding_fallback = friendly
        self._add(Problem(f"Some text was not valid UTF-8 and was read as {friendly}; "
                          "choose another encoding if names look wrong.",
                          card.record.card, card.record.line))


def _friendly_codec(name: str) -> str:
    if name.startswith("cp125"):
        return "windows-" + name[2:]
    return _FRIENDLY_CODECS.get(name, name)


def _is_wide(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def iter_vcards(
    stream: BinaryIO,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> Iterator[ContactRecord]:
    """Records from a binary stream, read incrementally; use `VCardReader` to see problems."""
    return VCardReader(stream, encoding=encoding, progress=progress).records()


def read_vcards(
    data: bytes,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    file: str = "",
) -> ReadResult:
    """Read every card in `data`; never raises for any input bytes."""
    reader = VCardReader(io.BytesIO(data), encoding=encoding, progress=progress, file=file)
    records = list(reader.records())
    return ReadResult(
        "vcard", records, reader.problems, reader.cards, reader.encoding_fallback, reader.groups
    )
