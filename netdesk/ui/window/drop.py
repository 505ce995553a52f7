"""What the window takes when something is dropped on it: contact files and vCard data, and
calendar files (their meetings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

SUFFIXES = frozenset({".vcf", ".vcard", ".csv", ".ics"})
VCARD_MIME_TYPES = ("text/vcard", "text/x-vcard", "text/directory")


def importable(url: QUrl) -> bool:
    """A local file whose name says it holds contacts or meetings."""
    return url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SUFFIXES
