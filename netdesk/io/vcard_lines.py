"""Byte-level pass of the vCard reader: stream -> physical lines -> logical lines -> raw cards.

Everything here works on bytes, before any text decoding, because real files fold lines in the
middle of multi-byte characters and mix charsets line by line. The pass is streaming: memory is
bounded by one card (itself capped), never by the file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from netdesk.io.encodings import wide_unicode
from netdesk.io.records import Problem

CHUNK_BYTES = 64 * 1024
MAX_LINE_BYTES = 10 * 1024 * 1024  # one logical line (a big base64 photo fits easily)
MAX_CARD_BYTES = 20 * 1024 * 1024
MAX_CARD_PROPERTIES = 20_000

_EOL = re.compile(rb"\r\r\n|\r\n|\r|\n")  # iOS writes CR CR LF as one line end
_QP_PARAM = re.compile(rb"(?i)(?:^|;)\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?:;|$)")
_B64_PARAM = re.compile(rb"(?i)(?:^|;)\s*(?:ENCODING\s*=\s*)?(?:BASE64|B)\s*(?:;|$)")
_B64_LINE = re.compile(rb"[A-Za-z0-9+/=\t ]+")
_PROPERTY_LIKE = re.compile(rb"[ \t]*[A-Za-z0-9_-][^:\r\n]{0,4000}:")


@dataclass(slots=True)
class PhysicalLine:
    number: int  # 1-based line number in the file
    data: bytes
    truncated: bool = False


@dataclass(slots=True)
class LogicalLine:
    number: int  # physical line where the property starts
    data: bytes
    truncated: bool = False


@dataclass(slots=True)
class RawCard:
    number: int  # 1-based card position in the file
    line: int  # physical line of BEGIN:VCARD
    lines: list[LogicalLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    size: int = 0
    overflow: bool = False


class ByteSource:
    """Reads a binary stream in chunks, strips a UTF-8 BOM, transcodes UTF-16 and UTF-32 to
    UTF-8 and drops NUL bytes (padding or damage: no vCard text holds one), counting them."""

    def __init__(self, stream: BinaryIO, encoding: str | None = None) -> None:
        self._stream = stream
        self._override = encoding
        self.bytes_read = 0
        self.nuls = 0

    def _read(self) -> bytes:
        chunk = self._stream.read(CHUNK_BYTES)
        self.bytes_read += len(chunk)
        return chunk

    def chunks(self) -> Iterator[bytes]:
        for chunk in self._utf8_chunks():
            if b"\x00" in chunk:
                self.nuls += chunk.count(0)
                chunk = chunk.replace(b"\x00", b"")
            yield chunk

    def _utf8_chunks(self) -> Iterator[bytes]:
        first = self._read()
        wide = self._wide_encoding(first)
        if wide is None:
            if first.startswith(codecs.BOM_UTF8):
                first = first[len(codecs.BOM_UTF8) :]
            yield first
            while chunk := self._read():
                yield chunk
            return
        yield from self._transcode(first, wide)

    def _wide_encoding(self, first: bytes) -> str | None:
        """UTF-16 or UTF-32 by user choice, by BOM, or by the NUL pattern of ASCII text."""
        if self._override and codecs.lookup(self._override).name.startswith(("utf-16", "utf-32")):
            return codecs.lookup(self._override).name
        return wide_unicode(first)

    def _transcode(self, first: bytes, encoding: str) -> Iterator[bytes]:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        text = decoder.decode(first).lstrip("\ufeff")
        yield text.encode("utf-8")
        while chunk := self._read():
            yield decoder.decode(chunk).encode("utf-8")
        yield decoder.decode(b"", final=True).encode("utf-8")


def physical_lines(chunks: Iterator[bytes], problems: list[Problem]) -> Iterator[PhysicalLine]:
    """Split on every kind of line end; a line over MAX_LINE_BYTES is cut (with a Problem)."""
    pending: list[bytes] = []
    pending_len = 0
    truncated = False
    number = 0
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        # a CR at the end may be the first half of CRLF or CR CR LF: wait for the next chunk
        trailing = len(data) - len(data.rstrip(b"\r"))
        keep = min(trailing, 2)
        carry = data[len(data) - keep :] if keep else b""
        data = data[: len(data) - keep] if keep else data
        pos = 0
        for match in _EOL.finditer(data):
            piece = data[pos : match.start()]
            pos = match.end()
            if not truncated:
                pending.append(piece)
            number += 1
            yield _finish_line(number, pending, truncated, problems)
            pending, pending_len, truncated = [], 0, False
        rest = data[pos:]
        if rest and not truncated:
            room = MAX_LINE_BYTES - pending_len
            if len(rest) > room:
                pending.append(rest[:room])
                truncated = True
            else:
                pending.append(rest)
                pending_len += len(rest)
    if carry:
        for _ in _EOL.finditer(carry):
            number += 1
            yield _finish_line(number, pending, truncated, problems)
            pending, truncated = [], False
    elif pending:
        number += 1
        yield _finish_line(number, pending, truncated, problems)


def _finish_line(
    number: int, pending: list[bytes], truncated: bool, problems: list[Problem]
) -> PhysicalLine:
    data = b"".join(pending)
    if len(data) > MAX_LINE_BYTES:
        data, truncated = data[:MAX_LINE_BYTES], True
    if truncated:
        problems.append(Problem("A line longer than 10 MB was cut short.", line=number))
    return PhysicalLine(number, data, truncated)


class _Builder:
    """One logical line being assembled from physical lines."""

    __slots__ = ("b64", "blank_seen", "head_known", "number", "parts", "qp", "size", "truncated")

    def __init__(self, line: PhysicalLine) -> None:
        self.number = line.number
        self.parts = [line.data]
        self.size = len(line.data)
        self.truncated = line.truncated
        self.head_known = False
        self.qp = self.b64 = False
        self.blank_seen = False
        self._scan_head()

    def _scan_head(self) -> None:
        """Find the parameter list once its colon has arrived (folds may split it)."""
        if self.head_known or b":" not in self.parts[-1]:
            return
        joined = b"".join(self.parts) if len(self.parts) > 1 else self.parts[0]
        head = joined[: joined.find(b":")]
        self.head_known = True
        self.qp = bool(_QP_PARAM.search(head))
        self.b64 = bool(_B64_PARAM.search(head))

    def append(self, data: bytes) -> None:
        if self.size + len(data) > MAX_LINE_BYTES:
            self.truncated = True
            return
        self.parts.append(data)
        self.size += len(data)
        self._scan_head()

    def soft_break(self) -> bool:
        """A QUOTED-PRINTABLE line ending in '=' continues on the next line."""
        return self.qp and self.parts[-1].endswith(b"=")

    def drop_last_byte(self) -> None:
        self.parts[-1] = self.parts[-1][:-1]
        self.size -= 1

    def line(self) -> LogicalLine:
        return LogicalLine(self.number, b"".join(self.parts), self.truncated)


def _is_card_delimiter(data: bytes) -> bool:
    text = data.strip().upper()
    return text in (b"BEGIN:VCARD", b"END:VCARD")


def _continues(cur: _Builder, data: bytes) -> bool:
    """Apply the continuation rules; True when `data` was absorbed into `cur`."""
    if cur.soft_break():
        if not data.strip():
            cur.blank_seen = True  # some writers put blank lines inside QP soft breaks
            return True
        if _is_card_delimiter(data) or (cur.blank_seen and _PROPERTY_LIKE.match(data)):
            return False
        cur.drop_last_byte()
        cur.blank_seen = False
        cur.append(data)
        return True
    if not data.strip():
        if cur.b64:
            return False  # a blank line ends a 2.1 base64 block
        cur.blank_seen = True
        return True
    if data[:1] in (b" ", b"\t"):
        cur.append(data[1:])
        cur.blank_seen = False
        return True
    if cur.b64 and not cur.blank_seen and _B64_LINE.fullmatch(data):
        cur.append(data)  # vCard 2.1 base64 continues on unindented lines
        return True
    if (
        cur.parts[-1].endswith(b"\\")
        and not cur.blank_seen
        and not data.startswith(b"#")
        and not _PROPERTY_LIKE.match(data)
    ):
        cur.append(b"n" + data)  # 2.1 ADR lines continued with a backslash: keep the break
        return True
    return False


def logical_lines(lines: Iterator[PhysicalLine], problems: list[Problem]) -> Iterator[LogicalLine]:
    """Unfold (space/tab), join QP soft breaks and 2.1 base64 runs; drop blank lines."""
    cur: _Builder | None = None
    for line in lines:
        if cur is not None and _continues(cur, line.data):
            continue
        if cur is not None:
            yield _emit(cur, problems)
            cur = None
        if line.data.strip():
            cur = _Builder(line)
    if cur is not None:
        yield _emit(cur, problems)


def _emit(cur: _Builder, problems: list[Problem]) -> LogicalLine:
    logical = cur.line()
    if cur.truncated and cur.size >= MAX_LINE_BYTES:
        problems.append(Problem("A property longer than 10 MB was cut short.", line=cur.number))
    return logical


def _is_begin(data: bytes) -> bool:
    return len(data) < 40 and data.strip().upper() == b"BEGIN:VCARD"


def _is_end(data: bytes) -> bool:
    return len(data) < 40 and data.strip().upper() == b"END:VCARD"


def _is_comment(data: bytes) -> bool:
    return data.lstrip().startswith(b"#")


class CardSplitter:
    """Group logical lines into top-level cards; nested cards (AGENT) stay inside their parent."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.cards = 0
        self._card: RawCard | None = None
        self._depth = 0

    def split(self, lines: Iterator[LogicalLine]) -> Iterator[RawCard]:
        for line in lines:
            if _is_begin(line.data):
                self._begin(line)
            elif _is_end(line.data):
                if (done := self._end(line)) is not None:
                    yield done
            elif self._card is not None and self._depth == 1 and not _is_comment(line.data):
                self._add(self._card, line)
        if self._card is not None:
            card, self._card = self._card, None
            card.problems.append(
                Problem("The card ends without END:VCARD (the file may be cut short).",
                        card.number, card.line)
            )
            yield card

    def _begin(self, line: LogicalLine) -> None:
        if self._card is None:
            self.cards += 1
            self._card, self._depth = RawCard(self.cards, line.number), 1
            return
        self._depth += 1
        if self._depth == 2:
            self._card.problems.append(
                Problem("A vCard nested inside this card was skipped.", self._card.number,
                        line.number)
            )

    def _end(self, line: LogicalLine) -> RawCard | None:
        if self._card is None:
            self.problems.append(
                Problem("An END:VCARD line has no matching BEGIN:VCARD.", line=line.number)
            )
            return None
        self._depth -= 1
        if self._depth > 0:
            return None
        card, self._card = self._card, None
        return card

    def _add(self, card: RawCard, line: LogicalLine) -> None:
        if card.overflow:
            return
        card.size += len(line.data)
        if card.size > MAX_CARD_BYTES or len(card.lines) >= MAX_CARD_PROPERTIES:
            card.overflow = True
            card.problems.append(
                Problem("The card is too big (over 20 MB or 20,000 properties); the rest was cut.",
                        card.number, line.number)
            )
            return
        card.lines.append(line)
