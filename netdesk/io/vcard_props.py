"""Second pass of the vCard reader: one logical line (bytes) -> a decoded `Property`.

Decoding is per line because real files mix charsets: a declared CHARSET wins, then UTF-8, then
a guessed legacy encoding (reported to the user). Values stay vCard-escaped here; the helpers at
the bottom unescape and split them for the record builder and the writer.
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass, field

from netdesk.io.textguess import guess_legacy, mostly_utf8

_ENCODING_TOKENS = {"QUOTED-PRINTABLE": "qp", "BASE64": "b64", "B": "b64", "8BIT": "", "7BIT": ""}
_WIDE = ("utf-16", "utf-32")
# writers label Windows code pages with the ISO/JIS name; the Windows ones are supersets
_ALIASES = {"shift_jis": "cp932", "iso8859-1": "cp1252"}
_UNICODE_NAMES = {"utf-8", "utf-8-sig", "ascii"}
DEFAULT_FALLBACK = "cp1252"
_BARE_VALUES = frozenset({"inline", "url", "uri", "content-id", "cid", "vcard", "binary"})
_LANGUAGE_TAG = re.compile(r"[a-z]{2}-[a-z]{2}")


@dataclass(slots=True)
class Property:
    line: int
    group: str
    name: str  # upper-case, e.g. "EMAIL"
    params: dict[str, list[str]] = field(default_factory=dict)  # upper-case keys
    types: list[str] = field(default_factory=list)  # lower-case TYPE tokens, 2.1 bare ones too
    head: str = ""  # decoded text before the colon, as written
    value: str = ""  # decoded text, QP already undone, vCard escapes still in place
    raw: bytes = b""  # the value bytes after QP decoding (for base64 data)
    encoding: str = ""  # "", "qp" or "b64"
    charset: str | None = None  # the declared CHARSET, if it names a real text codec

    def param(self, name: str) -> str:
        values = self.params.get(name.upper())
        return values[0] if values else ""

    def preferred(self) -> bool:
        if "pref" in self.types:
            return True
        pref = self.param("PREF").strip()
        return pref.isdigit() and int(pref) == 1


def resolve_charset(name: str) -> str | None:
    """A Python codec for a CHARSET parameter, or None for made-up or non-text names."""
    try:
        info = codecs.lookup(name.strip().strip('"'))
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.startswith(_WIDE):
        return None
    return _ALIASES.get(info.name, info.name)


def is_legacy(charset: str | None) -> bool:
    return charset is not None and charset not in _UNICODE_NAMES


def split_colon(data: bytes) -> tuple[bytes, bytes] | None:
    """Split at the first colon that is not inside a quoted parameter value."""
    idx = data.find(b":")
    if idx < 0:
        return None
    if b'"' in data[:idx]:
        in_quotes = False
        for pos in range(min(len(data), 65536)):
            byte = data[pos]
            if byte == 0x22:
                in_quotes = not in_quotes
            elif byte == 0x3A and not in_quotes:
                idx = pos
                break
    return data[:idx], data[idx + 1 :]


def split_params(head: str) -> list[str]:
    """Split the head at semicolons outside double quotes."""
    if '"' not in head:
        return head.split(";")
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    for char in head:
        if char == '"':
            in_quotes = not in_quotes
        if char == ";" and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse_head(head: str, prop: Property) -> None:
    """Fill group, name, params, types and encoding of `prop` from its decoded head."""
    tokens = split_params(head)
    name = tokens[0].strip()
    if "." in name:
        prop.group, _, name = name.rpartition(".")
    prop.name = name.upper()
    for token in tokens[1:]:
        _add_param(prop, token.strip())


def _add_param(prop: Property, token: str) -> None:
    if not token:
        return
    key, eq, value = token.partition("=")
    key = key.strip().upper()
    if not eq:  # vCard 2.1 bare parameter: an encoding or a type
        if key in _ENCODING_TOKENS:
            prop.encoding = prop.encoding or _ENCODING_TOKENS[key]
        elif key.startswith("CHARSET"):
            return
        else:
            tokens = (t.strip().lower() for t in key.split(","))
            prop.types.extend(t for t in tokens if t and not _is_bare_value(t))
        return
    value = value.strip()
    if key == "TYPE":
        for part in value.split(","):
            part = part.strip().strip('"').strip()
            if part[:5].upper() == "TYPE=":  # `TYPE=HOME,TYPE=VOICE` in one parameter
                part = part[5:]
            if part:
                prop.types.append(part.lower())
        return
    value = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value
    prop.params.setdefault(key, []).append(value)
    if key == "ENCODING":
        prop.encoding = _ENCODING_TOKENS.get(value.upper(), prop.encoding)
    elif key == "CHARSET":
        prop.charset = resolve_charset(value)


def _is_bare_value(token: str) -> bool:
    """2.1 bare parameters that are a VALUE, CHARSET or LANGUAGE rather than a type."""
    return (
        token in _BARE_VALUES
        or bool(_LANGUAGE_TAG.fullmatch(token))
        or (any(c.isdigit() for c in token) and resolve_charset(token) is not None)
    )


def read_property(number: int, data: bytes) -> tuple[Property, bytes] | None:
    """Parse the structure of a logical line and undo QP; text decoding happens later.

    Returns the property and its raw head bytes (decoded once the card's fallback is known).
    """
    split = split_colon(data)
    if split is None:
        return None
    head_bytes, value = split
    prop = Property(line=number, group="", name="")
    parse_head(head_bytes.decode("utf-8", "replace"), prop)
    if not prop.name:
        return None
    prop.raw = decode_qp(value) if prop.encoding == "qp" else value
    prop.head = head_bytes.decode("latin-1")  # replaced by the decoded head later
    return prop, head_bytes


def decode_qp(data: bytes) -> bytes:
    """Undo quoted-printable; soft line breaks were already joined by the line pass."""
    try:
        return binascii.a2b_qp(data)
    except (binascii.Error, ValueError):
        return data


class TextDecoder:
    """Turns property bytes into text: declared CHARSET, then UTF-8, then a fallback guess."""

    def __init__(self, override: str | None = None) -> None:
        self.override = resolve_charset(override) if override else None
        self.file_guess: str | None = None  # reused when a card gives nothing to go on
        self.used_fallback: str | None = None

    def card_fallback(self, props: list[Property], heads: list[bytes]) -> str:
        """The user's choice, else a legacy charset the card declares, else a guess."""
        if self.override:
            return self.override
        for prop in props:
            if is_legacy(prop.charset):
                self.file_guess = prop.charset
                return prop.charset or DEFAULT_FALLBACK
        samples = [p.raw for p in props if p.encoding != "b64" and _needs_guess(p.raw, p.charset)]
        samples += [head for head in heads if _needs_guess(head, None)]
        if samples:
            self.file_guess = guess_legacy(samples)
        return self.file_guess or DEFAULT_FALLBACK

    def text(self, data: bytes, charset: str | None, fallback: str) -> str:
        if data.isascii():
            return data.decode("ascii")
        for candidate in (charset, "utf-8"):
            if candidate:
                try:
                    return data.decode(candidate)
                except (UnicodeDecodeError, LookupError):
                    pass
        if mostly_utf8(data):
            return data.decode("utf-8", "replace")  # a cut-off character, not another charset
        if not self.override:
            self.used_fallback = self.used_fallback or fallback
        try:
            return data.decode(fallback)
        except (UnicodeDecodeError, LookupError):
            return data.decode("latin-1")

    def finish(self, prop: Property, head: bytes, fallback: str) -> None:
        """Decode head and value of a parsed property."""
        if not head.isascii():
            prop.head = self.text(head, None, fallback)
            reparsed = Property(line=prop.line, group="", name="")
            parse_head(prop.head, reparsed)
            prop.types, prop.params = reparsed.types, reparsed.params
        if prop.encoding == "b64":
            prop.value = prop.raw.decode("latin-1")
            return
        prop.value = self.text(prop.raw, prop.charset, fallback)


def _needs_guess(data: bytes, charset: str | None) -> bool:
    """Bytes that neither their CHARSET nor UTF-8 can decode."""
    if data.isascii():
        return False
    for candidate in (charset, "utf-8"):
        if candidate:
            try:
                data.decode(candidate)
                return False
            except (UnicodeDecodeError, LookupError):
                pass
    return not mostly_utf8(data)


# --- value helpers ---------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\", '"': '"'}
_ESCAPE_RE = re.compile(r"\\(.)", re.S)
_SPLITTERS: dict[str, re.Pattern[str]] = {}


def unescape(text: str) -> str:
    """Undo vCard text escaping, including the non-standard `\\:` of iPhone exports."""
    if "\\" not in text:
        return text
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m[1], m[0]), text)


def split_escaped(text: str, separators: str = ";") -> list[str]:
    """Split at separators that are not escaped; parts keep their escapes."""
    pattern = _SPLITTERS.get(separators)
    if pattern is None:
        pattern = re.compile(r"\\.|[" + re.escape(separators) + "]", re.S)
        _SPLITTERS[separators] = pattern
    parts: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        if match[0][0] != "\\":
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


_NAME = r"[A-Za-z0-9-]+"
_PARAM_VALUE = r'(?:"[^"]*"|[^";:,]*)'
_PARAM = rf"{_NAME}(?:={_PARAM_VALUE}(?:,{_PARAM_VALUE})*)?"
_WELL_FORMED_HEAD = re.compile(rf"(?:{_NAME}\.)?{_NAME}(?:;{_PARAM})*")


def well_formed_line(line: str) -> str:
    """A property line in the form RFC 6350 (and vobject) reads, or "" when it cannot be made
    so. Harmless slips are repaired: empty parameters (`TAIL;PARAM=value;:`) are dropped and a
    comma written for the first semicolon (`LABEL,TYPE=HOME:`) becomes one."""
    split = _split_head(line)
    if split is None:
        return ""
    head, value = split
    tokens = [token.strip() for token in split_params(head)]
    if "," in tokens[0]:
        tokens[:1] = tokens[0].split(",", 1)
    head = ";".join(token for token in tokens if token)
    return f"{head}:{value}" if _WELL_FORMED_HEAD.fullmatch(head) else ""


def _split_head(line: str) -> tuple[str, str] | None:
    """Head and value at the first colon outside a quoted parameter value."""
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            return line[:index], line[index + 1 :]
    return None


def structured(text: str, size: int) -> list[str]:
    """Unescaped components of a structured value (N, ADR, ORG), padded to `size`."""
    parts = [unescape(part).strip() for part in split_escaped(text, ";")]
    parts += [""] * (size - len(parts))
    return parts
