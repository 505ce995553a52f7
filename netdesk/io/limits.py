"""The one size limit every reader shares.

A CSV is parsed in memory, so a file over `MAX_FILE_BYTES` is refused before it is read. A vCard
streams (memory is bounded by one card), so it is never refused for its size; its encoding scan
reads at most `MAX_FILE_BYTES` of it.
"""

from __future__ import annotations

from netdesk.io.errors import FileTooLargeError

MAX_FILE_BYTES = 50 * 1024 * 1024


def too_large(kind: str) -> FileTooLargeError:
    """The error for a `kind` ("CSV") file over the limit, in one sentence."""
    megabytes = MAX_FILE_BYTES // (1024 * 1024)
    return FileTooLargeError(f"The {kind} file is over {megabytes} MB, which is too big to import.")
