"""Tell a vCard from a contacts CSV by looking at the first bytes of a file only.

Detection never reads more than the head it is given, so a 200 MB file of junk costs nothing.
"""

from __future__ import annotations

import codecs
import re

from netdesk.io.csv_readers import find_header, sniff
from netdesk.io.encodings import wide_unicode

__all__ = ["HEAD_BYTES", "detect_format"]

HEAD_BYTES = 64 * 1024
_VCARD = re.compile(r"(?im)^[ \t]*(?:begin[ \t]*:[ \t]*vcard|end[ \t]*:[ \t]*vcard)[ \t\r]*$")
_VCARD_START = re.compile(r"(?i)^\s*(?:version|fn|n)[;:]")


def _head_text(head: bytes) -> str | None:
    """The head as text, or None when it looks binary."""
    head = head[:HEAD_BYTES]
    wide = wide_unicode(head)
    if wide:
        return head.decode(wide, "replace")
    head = head.replace(b"\x00", b"")  # padding or damage: the readers drop NULs too
    # legacy code pages are fine here: only the ASCII keywords and the header matter
    text = head.decode("latin-1").lstrip("\ufeff")
    if head.startswith(codecs.BOM_UTF8):
        text = head[3:].decode("utf-8", "replace")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t\x0c")
    if controls * 20 > len(text[:4096]):
        return None
    return text


def detect_format(head: bytes) -> str:
    """"vcard", "csv" (a table of contacts) or "unknown", from the first bytes of a file."""
    text = _head_text(head)
    if not text or not text.strip():
        return "unknown"
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # classic Mac files end lines in CR
    if _VCARD.search(text) or (_VCARD_START.match(text) and "vcard" in text.lower()):
        return "vcard"
    if find_header(text) is not None or sniff(text) is not None:
        return "csv"
    return "unknown"
