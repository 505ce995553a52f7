"""What every notifier backend is: it shows a note and reports what the user did with it.

`Notifier` is the interface the reminders service talks to; `AllNotifier` sends to several
backends at once. The backends live beside this module (`tray`, `freedesktop`, `log`) and
`pick()` in the package chooses one for this desktop.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import ClassVar

from netdesk.reminders.notes import Note

ActionHandler = Callable[[Note, str], None]


class Notifier(ABC):
    """Shows a note to the user; reports the actions the user takes on it."""

    name: ClassVar[str] = ""

    def __init__(self) -> None:
        self._on_action: ActionHandler | None = None
        self._on_failed: Callable[[], None] | None = None

    @property
    def label(self) -> str:
        return self.name

    def set_handlers(
        self, on_action: ActionHandler | None, on_failed: Callable[[], None] | None = None
    ) -> None:
        """`on_action(note, key)` with key "open", "snooze" or "done:N"; `on_failed()`."""
        self._on_action = on_action
        self._on_failed = on_failed

    @abstractmethod
    def notify(self, note: Note) -> bool:
        """Show `note`; False when it could not be handed to the desktop."""

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release what the backend holds (connections, signal links)."""

    def action_invoked(self, note: Note, key: str) -> None:
        if self._on_action is not None:
            self._on_action(note, key)

    def failed(self) -> None:
        if self._on_failed is not None:
            self._on_failed()


class AllNotifier(Notifier):
    """Several backends at once (an XEmbed balloon and a desktop notification)."""

    name = "all"

    def __init__(self, parts: Sequence[Notifier]) -> None:
        super().__init__()
        self.parts = list(parts)

    @property
    def label(self) -> str:
        return "+".join(p.label for p in self.parts)

    def set_handlers(
        self, on_action: ActionHandler | None, on_failed: Callable[[], None] | None = None
    ) -> None:
        super().set_handlers(on_action, on_failed)
        for part in self.parts:
            part.set_handlers(on_action, on_failed)

    def notify(self, note: Note) -> bool:
        results = [part.notify(note) for part in self.parts]
        return any(results)

    def close(self) -> None:
        for part in self.parts:
            part.close()
