"""A dark palette, for widgets that must follow the desktop's colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

DARK_WINDOW = QColor(32, 33, 36)
DARK_TEXT = QColor(230, 230, 230)


def dark_palette() -> QPalette:
    """A dark system palette, as a desktop in dark mode hands the app."""
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, DARK_WINDOW),
        (QPalette.ColorRole.Base, QColor(24, 25, 28)),
        (QPalette.ColorRole.Text, DARK_TEXT),
        (QPalette.ColorRole.WindowText, DARK_TEXT),
    ):
        dark.setColor(role, colour)
    return dark
