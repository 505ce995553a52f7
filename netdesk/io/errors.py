"""Exceptions raised by the io layer.

Readers report per-card trouble as `Problem`s and keep going; these exceptions are only for a
file that cannot be read at all (wrong format, too big) and for a photo that is not usable.
"""

from __future__ import annotations


class ReadError(Exception):
    """A whole file could not be read; the message is one sentence for the user."""


class UnknownFormatError(ReadError):
    """The file is neither a vCard nor a contacts CSV layout netdesk knows."""


class FileTooLargeError(ReadError):
    """The file is bigger than netdesk is willing to read in one go."""


class PhotoError(ValueError):
    """Bytes that are not a usable photo (not an image, too big, or a decompression bomb)."""
