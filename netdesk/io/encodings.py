"""Which encoding a contacts file is in, decided once for the whole file.

A byte-order mark or the NUL pattern of UTF-16 decides at once; text that is UTF-8 is UTF-8.
Anything else is a legacy code page, and the choice is made over every line of the file that is
not UTF-8 (up to `SAMPLE_BYTES`), never card by card: one short card cannot tell Mac Roman from
windows-1252, a whole file can. Each candidate decoding is scored by how much it reads like
names (`textguess.plausibility`: letters of one script per word, no capital inside a word);
charset-normalizer's measures (mess, then language coherence) break ties, which is where it is
strong (GBK against Big5 against EUC-KR) and our word test is blind.

`ENCODINGS` lists what the window's picker offers; a caller re-reads a file by passing one of
those names (or any Python codec name) as `encoding=` to `reading.read_file`.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.io.textguess import mostly_utf8, plausibility

__all__ = [
    "ENCODINGS",
    "Decision",
    "decide",
    "decoding_codec",
    "guess_legacy_codec",
    "guessed_message",
    "label",
    "legacy_sample",
    "public_name",
    "wide_unicode",
]

SAMPLE_BYTES = 256 * 1024
# (name the picker and `encoding=` use, what to call it); order is also the tie-break order
ENCODINGS: list[tuple[str, str]] = [
    ("utf-8", "Unicode (UTF-8)"),
    ("windows-1252", "Western European (Windows-1252)"),
    ("mac_roman", "Mac Roman"),
    ("windows-1250", "Central European (Windows-1250)"),
    ("iso-8859-2", "Central European (ISO-8859-2)"),
    ("windows-1251", "Cyrillic (Windows-1251)"),
    ("koi8-r", "Cyrillic (KOI8-R)"),
    ("windows-1253", "Greek (Windows-1253)"),
    ("windows-1254", "Turkish (Windows-1254)"),
    ("windows-1255", "Hebrew (Windows-1255)"),
    ("windows-1256", "Arabic (Windows-1256)"),
    ("windows-1257", "Baltic (Windows-1257)"),
    ("shift_jis", "Japanese (Shift_JIS)"),
    ("euc-jp", "Japanese (EUC-JP)"),
    ("gb18030", "Chinese Simplified (GBK/GB18030)"),
    ("big5", "Chinese Traditional (Big5)"),
    ("euc-kr", "Korean (EUC-KR)"),
    ("iso-8859-1", "Western European (ISO-8859-1)"),
    ("iso-8859-15", "Western European (ISO-8859-15)"),
    ("utf-16", "Unicode (UTF-16)"),
]
_LABELS = dict(ENCODINGS)
# Windows and phones write the vendor supersets of the CJK standards; decoding with the superset
# reads the same text plus the vendor's extra characters (NEC digits, HKSCS, UHC syllables).
# Latin-1 files are windows-1252 files in practice (the curly quotes in 0x80-0x9F).
_SUPERSETS = {"shift_jis": "cp932", "euc_kr": "cp949", "big5": "cp950", "gbk": "gb18030",
              "gb2312": "gb18030", "iso8859-1": "cp1252"}
_PUBLIC = {"cp932": "shift_jis", "cp949": "euc-kr", "cp950": "big5", "euc_kr": "euc-kr",
           "mac-roman": "mac_roman", "iso8859-2": "iso-8859-2", "iso8859-15": "iso-8859-15",
           "euc_jp": "euc-jp"}
# the legacy code pages scored for a file, most common first (ties keep the earlier one)
CANDIDATES = ("cp1252", "cp1250", "iso8859-2", "mac-roman", "cp1251", "koi8-r", "cp1253",
              "cp1254", "cp1255", "cp1256", "cp1257", "cp932", "gb18030", "cp950", "cp949",
              "euc_jp")
# Mac Roman files are rarer than Windows ones: on a near tie (`Mart’nez` or `Martínez`), Windows
_RARER = {"mac-roman": 1.0}
_EOL = re.compile(rb"\r\n|\r|\n")
_LONGEST_TEXT_LINE = 1024 * 1024
_QP_HEAD = re.compile(rb"(?i)quoted-printable")
_CHARSET_HEAD = re.compile(rb"(?i)charset\s*=")


@dataclass(frozen=True, slots=True)
class Decision:
    """How to decode a file: `codec` for Python, `guessed` when scoring chose it."""

    codec: str
    guessed: bool = False


def decoding_codec(name: str) -> str:
    """The Python codec to decode with for an encoding name; raises LookupError if unknown."""
    codec = codecs.lookup(name.strip()).name
    return _SUPERSETS.get(codec, codec)


def public_name(codec: str) -> str:
    """The name the picker uses: `windows-1252`, `shift_jis`, `mac_roman`."""
    codec = codecs.lookup(codec).name
    if codec.startswith("cp125"):
        return "windows-" + codec[2:]
    return _PUBLIC.get(codec, codec)


def label(codec: str) -> str:
    """What to call an encoding in a sentence: "Mac Roman", "Japanese (Shift_JIS)"."""
    name = public_name(codec)
    return _LABELS.get(name, name)


def wide_unicode(head: bytes) -> str | None:
    """UTF-16 or UTF-32 by byte-order mark, or UTF-16 by the NUL bytes of ASCII text."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return codec
    sample = head[:4096]
    if len(sample) < 8:
        return None
    # ASCII in UTF-16 puts a NUL in every other byte; NUL padding fills both halves alike
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if max(even, odd) > 0.6 and min(even, odd) < max(even, odd) / 4:
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


def decide(data: bytes) -> Decision:
    """The encoding of a whole file held in memory (a CSV)."""
    wide = wide_unicode(data)
    if wide:
        return Decision(wide)
    sample = legacy_sample([data])
    if not sample:
        return Decision("utf-8-sig")
    return Decision(guess_legacy_codec(sample), guessed=True)


def legacy_sample(chunks: Iterable[bytes], *, vcard: bool = False) -> bytes:
    """The lines of a file that are neither ASCII nor UTF-8, joined, up to SAMPLE_BYTES.

    For a vCard only property values count, quoted-printable ones decoded, and lines that
    declare their own CHARSET are left to that declaration.
    """
    found: list[bytes] = []
    size = 0
    for line in _lines(chunks, vcard):
        if line.isascii() or _utf8(line):
            continue
        found.append(line)
        size += len(line)
        if size >= SAMPLE_BYTES:
            break
    return b"\n".join(found)


def _utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return mostly_utf8(line)  # a cut-off character, not another charset
    return True


def _lines(chunks: Iterable[bytes], vcard: bool) -> Iterable[bytes]:
    carry = b""  # the start of a line that goes on in the next chunk
    pending = b""  # a quoted-printable value continued on the next line (soft break)
    for chunk in chunks:
        data = carry + chunk
        if not pending and _clean(data, vcard):  # most chunks: skip without splitting lines
            cut = max(data.rfind(b"\n"), data.rfind(b"\r"))
            carry = data[cut + 1 :]
            continue
        pieces = _EOL.split(data)
        carry = pieces.pop()
        for line in pieces:
            if not vcard:
                yield line
                continue
            value, pending = _vcard_value(pending + line if pending else line)
            if value:
                yield value
        if len(carry) > _LONGEST_TEXT_LINE:
            carry = b""  # a line this long is base64 data or junk, not names to score
    if carry:
        yield _vcard_value(pending + carry)[0] if vcard else carry


def _clean(data: bytes, vcard: bool) -> bool:
    """Nothing to sample: UTF-8 throughout (perhaps cut mid-character at the end) and, in a
    vCard, no quoted-printable value that may hide legacy bytes."""
    if vcard and _QP_HEAD.search(data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"
    return True


def _vcard_value(line: bytes) -> tuple[bytes, bytes]:
    """(value bytes to sample, a QP line still waiting for its continuation)."""
    head, colon, value = line.partition(b":")
    if not colon or _CHARSET_HEAD.search(head):
        return b"", b""
    if _QP_HEAD.search(head):
        if value.endswith(b"="):
            return b"", line[:-1]
        try:
            return binascii.a2b_qp(value), b""
        except (binascii.Error, ValueError):
            return b"", b""
    return value, b""


def guess_legacy_codec(sample: bytes) -> str:
    """The candidate code page whose decoding of `sample` reads most like names."""
    scores: dict[str, float] = {}
    for codec in CANDIDATES:
        try:
            scores[codec] = plausibility(sample.decode(codec)) - _RARER.get(codec, 0.0)
        except UnicodeDecodeError:
            continue
    if not scores:
        return "cp1252"
    best = max(scores.values())
    tolerance = max(0.5, abs(best) * 0.02)
    tied = _distinct(sample, [c for c in CANDIDATES if scores.get(c, -1e18) >= best - tolerance])
    return tied[0] if len(tied) == 1 else _break_tie(sample, tied)


def _distinct(sample: bytes, codecs_: list[str]) -> list[str]:
    """Drop a code page that reads the sample exactly as an earlier (more common) one."""
    seen: set[str] = set()
    kept = []
    for codec in codecs_:
        text = sample.decode(codec)
        if text not in seen:
            seen.add(text)
            kept.append(codec)
    return kept


def _break_tie(sample: bytes, tied: list[str]) -> str:
    """charset-normalizer's order (less mess, then more coherent language) among equals."""
    from charset_normalizer import from_bytes  # loaded only when a file needs a guess

    measured = {}
    for match in from_bytes(sample, cp_isolation=tied, cp_exclusion=None):
        codec = codecs.lookup(match.encoding).name
        measured[codec] = (round(match.chaos, 3), -round(match.coherence, 3))
    order = {codec: index for index, codec in enumerate(tied)}
    return min(tied, key=lambda c: (*measured.get(c, (1.0, 0.0)), order[c]))


def guessed_message(codec: str) -> str:
    """The problem line a reader adds when it had to guess."""
    return (f"This file is not UTF-8 and was read as {label(codec)}; "
            "if names look wrong, choose another encoding.")
