"""Undoable changes for the window's `QUndoStack`.

Each command does its work once when it is made (so a ValidationError reaches the caller before
anything is pushed) and its first `redo()` from `QUndoStack.push` is skipped. Other windows, the
reminders process and the command line write to the same file meanwhile, so undo and redo only
ever take back the command's own change, checked against what is stored now:
- edits, archive, circles and tags (the same people before and after, only their profiles
  changed) move field by field, and only where the store still holds what the command left
  (`core.profile_changes`); what changed meanwhile stays and is reported;
- adding, deleting and merging people restore a snapshot (`core.snapshots`) only while those
  people are exactly as the command left them; otherwise nothing is undone and the reason shown;
- logging an interaction, a favour or a follow-up undoes by deleting what was added;
- an import undoes through `core.importing.undo`; when that would delete work added since, the
  user is asked first, and redoes by applying its plan again (a calendar import too);
- an event capture is `qt.more_commands.TakeBackCommand`, through `core.event_takeback`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtGui import QUndoCommand

from netdesk.core.errors import CoreError
from netdesk.qt import i18n
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
        """Undo/redo run inside Qt: report a failure (bad input, a full disk...) and drop the
        command instead of raising."""
        from netdesk.core import write_errors

        try:
            step()
        except write_errors.WRITE_FAILURES as exc:
            self.setObsolete(True)
            self._on_error(write_errors.explain(exc))

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        require_hooks(cls, ("_redo", "_undo"))  # what redo() and undo() run


class SnapshotCommand(_Command):
    """A change to some people, undone and redone from snapshots taken before and after it,
    against what is stored at that moment (see the module's notes)."""

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
        self._move(self.after, self.before, _UNDONE_EXCEPT)

    def _redo(self) -> None:
        self._move(self.before, self.after, _REDONE_EXCEPT)

    def _move(self, source: Snapshot, target: Snapshot, done: str) -> None:
        from netdesk.core import profile_changes, snapshots

        if not snapshots.only_profiles_differ(self.before, self.after):
            snapshots.restore_if_unchanged(source, target)
            return
        outcome = profile_changes.move(source, target)
        if outcome.kept or outcome.gone:
            text = i18n.tr("SnapshotCommand", done)
            self._on_error(text.replace("%1", self.text()).replace("%2", outcome.kept_list()))


# What is said when part of a change was left alone (%1: the command, %2: what was left).
_UNDONE_EXCEPT = QT_TRANSLATE_NOOP(
    "SnapshotCommand", "“%1” was undone except what changed meanwhile: %2."
)
_REDONE_EXCEPT = QT_TRANSLATE_NOOP(
    "SnapshotCommand", "“%1” was redone except what changed meanwhile: %2."
)


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
    """An applied import. Undo removes what it added and takes back what it changed; when that
    would delete work added since, `confirm(reason)` asks first (no: nothing is undone, and
    `restack`, the stack's redo, puts the command back on top once this undo has returned).
    Redo applies the same plan with the same decisions again (a new batch)."""

    def __init__(
        self,
        text: str,
        batch_id: int,
        reapply: Callable[[], int],
        on_error: ErrorHandler | None = None,
        *,
        confirm: Callable[[str], bool] | None = None,
        restack: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text, on_error)
        self.batch_id = batch_id
        self._reapply = reapply
        self._confirm = confirm
        self._restack = restack

    def _undo(self) -> None:
        from netdesk.core import importing

        try:
            result = importing.undo(self.batch_id)
        except importing.LaterWork as exc:
            if self._confirm is None or not self._confirm(str(exc)):
                self._declined(str(exc))
                return
            result = importing.undo(self.batch_id, force=True)
        if result.kept:
            self._on_error(result.kept)

    def _declined(self, reason: str) -> None:
        """Nothing was undone, yet the stack already counts this command as undone."""
        if self._restack is None:
            raise CoreError(reason)
        self._first = True  # the redo that puts it back on top must not import again
        QTimer.singleShot(0, self._restack)  # once the stack has finished this undo

    def _redo(self) -> None:
        self.batch_id = self._reapply()
