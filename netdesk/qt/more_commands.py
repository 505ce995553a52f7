"""More undoable changes for the window's `QUndoStack` (the rules are `qt.commands`'s).

`TakeBackCommand` is an event capture: its undo goes through `core.event_takeback`, which
leaves what anyone changed since and asks first (`confirm`) before deleting people with work
added since; redo writes the same rows again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from netdesk.core.errors import CoreError
from netdesk.qt.commands import ErrorHandler, _Command

if TYPE_CHECKING:
    from netdesk.core.event_takeback import Work


class TakeBackCommand(_Command):
    """Work done through `core.event_takeback`; when undo would delete work added since,
    `confirm(reason)` asks first (no: nothing is undone, and `restack`, the stack's redo, puts
    the command back on top once this undo has returned)."""

    def __init__(
        self,
        text: str,
        work: Work,
        what: str,
        on_error: ErrorHandler | None = None,
        *,
        confirm: Callable[[str], bool] | None = None,
        restack: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text, on_error)
        self.work = work
        self._what = what
        self._confirm = confirm
        self._restack = restack

    def _undo(self) -> None:
        from netdesk.core import event_takeback
        from netdesk.core.importing import LaterWork

        try:
            kept = event_takeback.undo(self.work, self._what)
        except LaterWork as exc:
            if self._confirm is None or not self._confirm(str(exc)):
                self._declined(str(exc))
                return
            kept = event_takeback.undo(self.work, self._what, force=True)
        if kept:
            self._on_error(kept)

    def _declined(self, reason: str) -> None:
        """Nothing was undone, yet the stack already counts this command as undone."""
        if self._restack is None:
            raise CoreError(reason)
        self._first = True  # the redo that puts it back on top must not write again
        QTimer.singleShot(0, self._restack)  # once the stack has finished this undo

    def _redo(self) -> None:
        from netdesk.core import event_takeback

        kept = event_takeback.redo(self.work)
        if kept:
            self._on_error(kept)
