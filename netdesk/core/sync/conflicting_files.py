"""Two versions of one card that a sync tool found changed on both sides, merged in place.

`merge_conflicting_files(a_path, b_path)` is what vdirsyncer's conflict resolution calls
(`conflict_resolution = ["command", ...]`, with the two files' paths): it reads both, finds their
common base by UID in the sync state, merges them three ways (`a` is netdesk's side) and writes
the merged card into BOTH files, so the tool sees them equal. Never "one side wins": a field
both changed keeps `a`'s value, and `b`'s is recorded as a conflict of the person the card is.
"""

from __future__ import annotations

from pathlib import Path

from netdesk.core import store
from netdesk.core.sync import conflicts, merge3
from netdesk.core.sync.merge3 import MergeOutcome
from netdesk.db.models import SyncState
from netdesk.io import vdir

__all__ = ["merge_conflicting_files"]


def _base_row(uid: str, account: str | None) -> SyncState | None:
    query = SyncState.select().where(SyncState.uid == uid)
    if account is not None:
        query = query.where(SyncState.account == account)
    return query.order_by(SyncState.synced_at.desc()).first()


def merge_conflicting_files(
    a_path: Path,
    b_path: Path,
    *,
    account: str | None = None,
    base: str | None = None,
) -> MergeOutcome:
    """Merge the two files into one card written to both; raises CardError (nothing written)
    when either is not one readable card, OSError when one cannot be read or written. `base`:
    the text both sides last agreed on, when the caller knows it (the transport keeps the
    server's last synced copy; the sync state holds what netdesk last wrote, which may not
    have reached the server)."""
    a_path, b_path = Path(a_path), Path(b_path)
    a_text = a_path.read_bytes().decode("utf-8")
    b_text = b_path.read_bytes().decode("utf-8")
    uid = merge3.read_card(a_text).uid.strip() or merge3.read_card(b_text).uid.strip()
    row = _base_row(uid, account) if uid else None
    if base is None and row is not None and row.base:
        base = row.base
    outcome = merge3.merge_vcard_texts(base, a_text, b_text)
    for path in (a_path, b_path):
        vdir.write_atomic(path.parent, path.name, outcome.text)
    if row is not None and row.person_id is not None and outcome.conflicts:
        with store.write():
            for conflict in outcome.conflicts:
                conflicts.record_field(row.account, int(row.person_id), conflict)
    return outcome
