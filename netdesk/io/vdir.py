"""A vdir: a folder holding one item per file (`<ident>.vcf`, `<ident>.ics`), the layout
vdirsyncer, khard and todoman share. An item's identity is the UID inside it; the file name is
only where it lives.

Writes are atomic: the text goes to a hidden temporary file in the same folder, then is
`os.replace`d over the item, so a reader (vdirsyncer) never sees half a card. One write is
flushed to disk on its own; many (a first sync writes every card) are flushed once together by
`flush_all`, as an fsync per file cost 7 ms each, most of a 2,000-card first sync.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from netdesk.io.limits import MAX_FILE_BYTES

__all__ = ["Item", "file_name", "flush_all", "items", "remove", "text_hash", "write_atomic"]

_SAFE_IDENT = re.compile(r"[A-Za-z0-9@._+-]{1,120}")


@dataclass(frozen=True)
class Item:
    """One file of the folder: its name and content, or why it could not be read."""

    href: str
    data: bytes = b""
    error: str = ""


def file_name(uid: str, suffix: str) -> str:
    """A file name for an item: its UID when that is a safe name, else a digest of it."""
    ident = uid if _SAFE_IDENT.fullmatch(uid) and not uid.startswith(".") else ""
    return (ident or hashlib.sha1(uid.encode("utf-8")).hexdigest()) + suffix


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def items(folder: Path, suffix: str) -> Iterator[Item]:
    """Every `*suffix` file of the folder (hidden and temporary files left out), in name order."""
    if not folder.is_dir():
        return
    with os.scandir(folder) as found:  # its entries know their type: no stat per file
        names = sorted(
            entry.name for entry in found
            if not entry.name.startswith(".")
            and os.path.splitext(entry.name)[1].lower() == suffix
            and entry.is_file()
        )
    for name in names:
        yield _read(folder / name)


def _read(path: Path) -> Item:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            megabytes = MAX_FILE_BYTES // (1024 * 1024)
            return Item(path.name, error=f"{path.name} is over {megabytes} MB and was left alone.")
        return Item(path.name, path.read_bytes())
    except OSError as exc:
        return Item(path.name, error=f"{path.name} cannot be read: {exc.strerror or exc}.")


def write_atomic(folder: Path, href: str, text: str, *, flush: bool = True) -> None:
    """Replace (or create) `folder/href` with `text` (CRLFs kept as they are); with
    `flush=False` the caller calls `flush_all` once its writes are done."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            if flush:
                out.flush()
                os.fsync(out.fileno())
        os.replace(temporary, folder / href)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def flush_all() -> None:
    """Everything written so far on its way to disk, in one go."""
    os.sync()


def remove(folder: Path, href: str) -> None:
    """Delete an item; one already gone is fine."""
    with contextlib.suppress(FileNotFoundError):
        (folder / href).unlink()
