"""Undoable changes for the window's `QUndoStack`.

Each command does its work once when it is made (so a ValidationError reaches the caller before
anything is pushed) and its first `redo()` from `QUndoStack.push` is skipped. Edits, archive,
delete, merge and circle/tag changes undo by putting back a snapshot of the people involved
(`core.snapshots`); logging an interaction, a favour or a follow-up undoes by deleting what was
added; an import undoes through `core.importing.undo` and redoes by applying its plan again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from netdesk.core.errors import CoreError
from netdesk.db.errors import StoreError
from netdesk.qt.hooks import require_hooks

if TYPE_CHECKING:
    from netdesk.core.snapshots import Snapshot

log = logging.getLogger(__name__)

ErrorHandler = Callable[[str], None]


def _ignore(message: str) -> None:
    log.warning("undo/redo failed: %s", message)


class _Command(QUndoCommand):
    def __init__(self, text: str, on_error: ErrorHandler | None) -> None:
        super().__init__(text)
        self._first = True
        self._on_error = on_error or _ignore

    def redo(self) -> None:
        if self._first:
            self._first = False  # the work was done when the command was made
            return
        self._guard(self._redo)

    def undo(self) -> None:
        self._guard(self._undo)

    def _guard(self, step: Callable[[], None]) -> None:
        """Undo/redo run inside Qt: report a failure and drop the command instead of raising."""
        try:
            step()
        except (CoreError, StoreError) as exc:
            self.setObsolete(True)
            self._on_error(str(exc))

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        require_hooks(cls, ("_redo", "_undo"))  # what redo() and undo() run


class SnapshotCommand(_Command):
    """A change to some people, undone and redone by restoring their snapshots."""

    def __init__(
        self, text: str, before: Snapshot, after: Snapshot, on_error: ErrorHandler | None = None
    ) -> None:
        super().__init__(text, on_error)
        self.before = before
        self.after = after

    @classmethod
    def perform(
        cls,
        text: str,
        person_ids: list[int],
        action: Callable[[], Any],
        on_error: ErrorHandler | None = None,
    ) -> tuple[SnapshotCommand, Any]:
        """Run `action` on these people now; returns the command to push and its result."""
        from netdesk.core import snapshots

        before = snapshots.capture(person_ids)
        result = action()
        after = snapshots.capture(person_ids)
        return cls(text, before, after, on_error), result

    @classmethod
    def create(
        cls, text: str, action: Callable[[], int], on_error: ErrorHandler | None = None
    ) -> tuple[SnapshotCommand, int]:
        """Run `action`, which adds a person and returns their id; undo deletes them."""
        from netdesk.core import snapshots

        person_id = action()
        before = snapshots.Snapshot(person_ids=[person_id])  # nobody: restoring it removes them
        return cls(text, before, snapshots.capture([person_id]), on_error), person_id

    def _undo(self) -> None:
        from netdesk.core import snapshots

        snapshots.restore(self.before)

    def _redo(self) -> None:
        from netdesk.core import snapshots

        snapshots.restore(self.after)


class AddedCommand(_Command):
    """Something added once (an interaction, a favour, a follow-up): undo deletes it, redo adds it
    again through the same function."""

    def __init__(
        self,
        text: str,
        add: Callable[[], int],
        remove: Callable[[int], None],
        on_error: ErrorHandler | None = None,
    ) -> None:
        super().__init__(text, on_error)
        self._add = add
        self._remove = remove
        self.ref = add()

    def _undo(self) -> None:
        self._remove(self.ref)

    def _redo(self) -> None:
        self.ref = self._add()


class ImportCommand(_Command):
    """An applied import. Undo removes what it added and puts back what it changed; redo applies
    the same plan with the same decisions again (a new batch)."""

    def __init__(
        self,
        text: str,
        batch_id: int,
        reapply: Callable[[], int],
        on_error: ErrorHandler | None = None,
    ) -> None:
        super().__init__(text, on_error)
        self.batch_id = batch_id
        self._reapply = reapply

    def _undo(self) -> None:
        from netdesk.core import importing

        importing.undo(self.batch_id)

    def _redo(self) -> None:
        self.batch_id = self._reapply()
