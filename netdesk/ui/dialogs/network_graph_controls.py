"""The network picture's zoom buttons and its keys: Ctrl+= (and the platform's zoom keys),
Ctrl+- and Ctrl+0 wherever the focus is, and Ctrl+Enter to open the person found."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QPushButton

from netdesk.ui.dialogs.network_graph_canvas import ZOOM_STEP, GraphView


def zoom_buttons(dialog: QDialog, view: GraphView) -> list[QPushButton]:
    """−, + and Fit, none of which Enter in the search field presses."""
    buttons = []
    for text, tip, slot in (
        ("−", dialog.tr("Zoom out (Ctrl+-)"), lambda: view.zoom_by(1 / ZOOM_STEP)),
        ("+", dialog.tr("Zoom in (Ctrl+=)"), lambda: view.zoom_by(ZOOM_STEP)),
        (dialog.tr("Fit"), dialog.tr("Show everyone (Ctrl+0)"), view.fit),
    ):
        button = QPushButton(text, dialog)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        buttons.append(button)
    return buttons


def add_shortcuts(dialog: QDialog, view: GraphView, open_found: Callable[[], None]) -> None:
    key = QKeySequence.StandardKey
    for name, keys, slot in (
        (
            dialog.tr("Zoom in"),
            ("Ctrl+=", "Ctrl++", key.ZoomIn),
            lambda: view.zoom_by(ZOOM_STEP),
        ),
        (
            dialog.tr("Zoom out"),
            ("Ctrl+-", key.ZoomOut),
            lambda: view.zoom_by(1 / ZOOM_STEP),
        ),
        (dialog.tr("Show everyone"), ("Ctrl+0",), view.fit),
        (dialog.tr("Open the person found"), ("Ctrl+Return", "Ctrl+Enter"), open_found),
    ):
        action = QAction(name, dialog)
        action.setShortcuts(_sequences(keys))
        action.triggered.connect(slot)
        dialog.addAction(action)


def _sequences(keys: tuple[str | QKeySequence.StandardKey, ...]) -> list[QKeySequence]:
    """Each key sequence once (a platform's standard zoom key may be one of ours)."""
    found: dict[str, QKeySequence] = {}
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences = QKeySequence.keyBindings(key)
        else:
            sequences = [QKeySequence(key)]
        for sequence in sequences:
            found.setdefault(sequence.toString(), sequence)
    return list(found.values())
