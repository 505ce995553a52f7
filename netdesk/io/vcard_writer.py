"""Write `ContactRecord`s as vCard 4.0 or 3.0.

Hand-written rather than through vobject: the escaping and folding rules are short, and the
`extra` lines a reader kept must be written back verbatim, which vobject would re-parse. Lines
end in CRLF and fold at 75 octets without splitting a UTF-8 character; open text files with
`newline=""` so the CRLFs are not translated again.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from netdesk.io.photos import check_image, mime_type
from netdesk.io.records import ContactRecord, PointRecord, PositionRecord, RelatedRecord
from netdesk.io.vcard_labels import SERVICE_SCHEMES, label_types, to_apple_label
from netdesk.io.vcard_props import well_formed_line
from netdesk.values import Birthday, PointKind, TagKind

__all__ = ["card_text", "escape", "fold", "write_vcards"]

VERSIONS = ("4.0", "3.0")
PRODID = "-//netdesk//netdesk//EN"
_PROPERTY_NAMES = {
    PointKind.EMAIL: "EMAIL",
    PointKind.PHONE: "TEL",
    PointKind.URL: "URL",
    PointKind.ADDRESS: "ADR",
    PointKind.IM: "IMPP",
    PointKind.SOCIAL: "X-SOCIALPROFILE",
}
_RFC_RELATED = frozenset(
    {"contact", "acquaintance", "friend", "met", "co-worker", "colleague", "co-resident",
     "neighbor", "child", "parent", "sibling", "spouse", "kin", "muse", "crush", "date",
     "sweetheart", "me", "agent", "emergency"}
)
_RESERVED = frozenset({"BEGIN", "END", "VERSION", "PRODID"})
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]{0,30}:")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*")
_GROUP = re.compile(r"^([A-Za-z0-9-]+)\.")
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # tab is the only one text may keep


def _printable(line: str) -> str:
    """No NUL or other control character in an output line: readers (netdesk's, vobject)
    would reject or cut the card."""
    return _CONTROLS.sub(lambda m: "" if m[0] == "\x00" else " ", line)


def escape(text: str) -> str:
    """vCard text escaping: backslash, newline, comma and semicolon."""
    return (
        text.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def _param(value: str) -> str:
    """A parameter value, quoted when it holds separators (quotes cannot be escaped in 3.0)."""
    value = value.replace('"', "'").replace("\r", " ").replace("\n", " ")
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line: str, limit: int = 75) -> str:
    """Fold at `limit` octets (continuations start with a space), never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= limit:
        return line
    pieces, start, width = [], 0, limit
    while start < len(data):
        end = min(start + width, len(data))
        while start < end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1  # back off to the start of a UTF-8 sequence
        pieces.append(data[start:end].decode("utf-8"))
        start, width = end, limit - 1
    return "\r\n ".join(pieces)


class _Groups:
    """Hands out `itemN` group names not already used by the record's extra lines."""

    def __init__(self, extra: list[str]) -> None:
        self._taken = {m[1].lower() for line in extra if (m := _GROUP.match(line))}
        self._next = 1

    def new(self) -> str:
        while f"item{self._next}" in self._taken:
            self._next += 1
        self._next += 1
        return f"item{self._next - 1}"


def _date(date: Birthday, version: str) -> tuple[str, str]:
    """(parameters, value) for BDAY-like properties; no year stays no year."""
    if version == "4.0":
        if date.year is None:
            return "", f"--{date.month:02d}{date.day:02d}"
        return "", f"{date.year:04d}{date.month:02d}{date.day:02d}"
    if date.year is None:  # 3.0 has no year-less date: Apple's convention is year 1604
        return ";X-APPLE-OMIT-YEAR=1604", f"1604-{date.month:02d}-{date.day:02d}"
    return "", date.iso()


def _names(record: ContactRecord, version: str) -> Iterator[str]:
    yield "FN:" + escape(record.formatted_name.strip() or record.display_name())
    parts = [record.family, record.given, record.additional, record.prefix, record.suffix]
    if version == "3.0" or any(p.strip() for p in parts):
        yield "N:" + ";".join(escape(p) for p in parts)
    if record.nickname:
        yield "NICKNAME:" + escape(record.nickname)


def _positions(positions: list[PositionRecord], groups: _Groups) -> Iterator[str]:
    for position in positions:
        prefix = f"{groups.new()}." if len(positions) > 1 else ""  # pairs ORG with its TITLE
        if position.organization or position.department:
            org = escape(position.organization)
            yield f"{prefix}ORG:{org};{escape(position.department)}" if position.department \
                else f"{prefix}ORG:{org}"
        if position.title:
            yield f"{prefix}TITLE:{escape(position.title)}"


def _dates(record: ContactRecord, version: str, groups: _Groups) -> Iterator[str]:
    if record.birthday is not None:
        params, value = _date(record.birthday, version)
        yield f"BDAY{params}:{value}"
    if record.anniversary is not None:
        params, value = _date(record.anniversary, version)
        if version == "4.0":
            yield f"ANNIVERSARY{params}:{value}"
        else:  # 3.0 has no ANNIVERSARY: Apple's labelled X-ABDATE is what readers understand
            group = groups.new()
            yield f"{group}.X-ABDATE{params}:{value}"
            yield f"{group}.X-ABLabel:{to_apple_label('anniversary')}"
    if record.met_on is not None:
        yield f"X-NETDESK-MET-ON:{record.met_on.isoformat()}"


def _point(point: PointRecord, version: str, groups: _Groups) -> Iterator[str]:
    name = _PROPERTY_NAMES[point.kind]
    params: list[str] = []
    label_line = ""
    if point.kind in (PointKind.IM, PointKind.SOCIAL):
        social = point.kind is PointKind.SOCIAL
        value = escape(point.value) if social else _impp_value(point)
        im_types = [_param(point.label.lower())] if social and point.label else []
        if point.label and not social:
            params.append(f"X-SERVICE-TYPE={_param(point.label)}")
        if point.preferred and version == "3.0":
            im_types.append("pref")
        if im_types:
            params.append("TYPE=" + ",".join(im_types))
    else:
        value = f";;{escape(point.value)};;;;" if point.kind is PointKind.ADDRESS \
            else escape(point.value)
        types = label_types(point.label) if point.label else []
        if types is None:  # a custom label: Apple's grouped X-ABLabel
            group = groups.new()
            name = f"{group}.{name}"
            label_line = f"{group}.X-ABLabel:{escape(to_apple_label(point.label))}"
            types = []
        if point.preferred and version == "3.0":
            types.append("pref")
        if types:
            params.append("TYPE=" + ",".join(types))
    if point.preferred and version == "4.0":
        params.append("PREF=1")
    yield f"{name}{''.join(';' + p for p in params)}:{value}"
    if label_line:
        yield label_line


def _impp_value(point: PointRecord) -> str:
    if _URI.match(point.value):
        return point.value
    service = point.label.lower()
    scheme = SERVICE_SCHEMES.get(service) or (service if _SCHEME.fullmatch(service) else "x-im")
    return f"{scheme}:{point.value}"


def _tags(record: ContactRecord) -> Iterator[str]:
    kinds = dict.fromkeys(kind for kind, _ in record.tags)  # in order of first appearance
    for kind in kinds:
        names = [escape(name) for tag_kind, name in record.tags if tag_kind is kind]
        if names:
            param = "" if kind is TagKind.LABEL else f";X-NETDESK-KIND={kind.value}"
            yield f"CATEGORIES{param}:{','.join(names)}"


def _related(related: RelatedRecord, version: str, groups: _Groups) -> Iterator[str]:
    name, kind = related.name, related.kind.strip()
    if version == "4.0":
        value_param = "" if _URI.match(name) else ";VALUE=text"
        if not kind or kind in _RFC_RELATED:
            type_param = f";TYPE={kind}" if kind else ""
            yield f"RELATED{value_param}{type_param}:{escape(name)}"
            return
        group = groups.new()
        yield f"{group}.RELATED{value_param}:{escape(name)}"
    else:
        if not kind:
            yield f"X-ABRELATEDNAMES:{escape(name)}"
            return
        group = groups.new()
        yield f"{group}.X-ABRELATEDNAMES:{escape(name)}"
    yield f"{group}.X-ABLabel:{escape(to_apple_label(kind))}"


def _photo(photo: bytes, version: str) -> str:
    fmt = check_image(photo) or "jpeg"
    data = base64.b64encode(photo).decode("ascii")
    if version == "4.0":
        return f"PHOTO:data:{mime_type(fmt)};base64,{data}"
    return f"PHOTO;ENCODING=b;TYPE={fmt.upper()}:{data}"


def _extra(lines: list[str]) -> Iterator[str]:
    """Unmodelled lines as read, minus anything that would break the card's frame; a malformed
    line (stored before the reader repaired them) is repaired or left out, so every card written
    is readable."""
    for line in lines:
        line = line.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
        line = well_formed_line(line)
        name = re.split(r"[;:]", line, maxsplit=1)[0].rpartition(".")[2].strip().upper()
        if name and name not in _RESERVED:
            yield line



def _lines(record: ContactRecord, version: str) -> Iterator[str]:
    groups = _Groups(record.extra)
    yield from ("BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}")
    yield from _names(record, version)
    yield from _positions(record.positions, groups)
    yield from _dates(record, version, groups)
    for point in record.points:
        yield from _point(point, version, groups)
    yield from _tags(record)
    if record.note:
        yield "NOTE:" + escape(record.note)
    for related in record.related:
        yield from _related(related, version, groups)
    if record.uid:
        yield "UID:" + escape(record.uid)
    if record.photo:
        yield _photo(record.photo, version)
    yield from _extra(record.extra)
    yield "END:VCARD"


def card_text(record: ContactRecord, version: str = "4.0") -> str:
    """One card, folded, with CRLF line ends."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {VERSIONS}, not {version!r}")
    return "".join(fold(_printable(line)) + "\r\n" for line in _lines(record, version))


def write_vcards(
    records: Iterable[ContactRecord], out: TextIO, version: str = "4.0"
) -> int:
    """Write every record as one card of `version` ("4.0" or "3.0"); returns the card count."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {VERSIONS}, not {version!r}")
    count = 0
    for record in records:
        out.write(card_text(record, version))
        count += 1
    return count
