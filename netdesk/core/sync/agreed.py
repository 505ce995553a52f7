"""The last copy of a vdir both sides agreed on: the base for merging an item both changed.

Right after a `vdirsyncer sync` that succeeded, the local vdir holds what the server holds.
`keep` saves that state as hard links (both vdirsyncer and netdesk replace files whole, never
in place, so a link keeps the old text); `base_for` finds an item's text in it by UID. When
vdirsyncer then finds an item changed on both sides, this copy is their common ancestor, even
when netdesk's change never reached the server (a failed push).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

_UID = re.compile(r"^UID(?:;[^:\r\n]*)?:(.*?)\r?$", re.MULTILINE)


def keep(folder: Path, copy: Path) -> None:
    """Replace `copy` with the files of `folder` as they are now."""
    if not folder.is_dir():
        return
    fresh = copy.with_name(copy.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(mode=0o700, parents=True)
    for item in folder.iterdir():
        if item.is_file() and not item.name.startswith("."):
            _link(item, fresh / item.name)
    shutil.rmtree(copy, ignore_errors=True)
    fresh.rename(copy)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def base_for(copy: Path, uid: str) -> str | None:
    """The agreed text of the item with this UID, if the copy has it."""
    if not uid or not copy.is_dir():
        return None
    for item in copy.iterdir():
        text = item.read_text(encoding="utf-8", errors="replace")
        if any(found.strip() == uid for found in _UID.findall(text)):
            return text
    return None


def uid_of(text: str) -> str:
    found = _UID.search(text)
    return found.group(1).strip() if found else ""
