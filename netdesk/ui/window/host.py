"""What the main window lends the objects that act for it (`PersonActions`, `FileActions`).

They get exactly this, not the window: where their dialogs open, the undo stack and the
background workers, which people are chosen, and how to tell the user what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from netdesk.qt.workers import Workers


@dataclass(frozen=True)
class Host:
    widget: QWidget  # the parent of their dialogs and message boxes
    undo_stack: QUndoStack
    workers: Workers
    current_person: Callable[[], int]  # 0 when nobody is shown
    selected_people: Callable[[], list[int]]  # in the list, else the person shown
    reveal_person: Callable[[int], None]
    show_message: Callable[[str], None]  # a passing note in the status bar
    report_error: Callable[[str], None]  # one sentence the user must see
