"""Text that came from a person or a file, made safe to show: never rich text, never unbounded.

Qt guesses whether a string is rich text (`Qt.mightBeRichText`) for tooltips, labels left on
`AutoText` and message boxes. A guessed `<img src="...">` makes Qt read that file on the GUI
thread: a FIFO blocks the window, `/dev/zero` exhausts its memory. Tooltips are always guessed,
so their text is escaped inside markup of our own; labels are set to plain text instead.
Lengths are capped too: laying out a 3 MB imported title would freeze the window.
"""

from __future__ import annotations

import html

LINE = 300  # a name, a title, an organisation: one line of a cell or a heading
TOOLTIP = 500  # a few lines in a tooltip
BLOCK = 20_000  # notes shown in the pane: long enough for real notes, bounded for a 3 MB field
ELLIPSIS = "…"


def clip(text: str, limit: int = LINE) -> str:
    """`text` cut to at most `limit` characters, ending with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1] + ELLIPSIS


def tooltip(text: str, limit: int = TOOLTIP) -> str:
    """A tooltip that shows `text` literally ("" stays "", which means no tooltip)."""
    if not text:
        return ""
    escaped = html.escape(clip(text, limit), quote=False).replace("\n", "<br>")
    return f"<p>{escaped}</p>"


def action_text(text: str, limit: int = LINE) -> str:
    """Text for a menu entry, button or check box: clipped, and "&" shown instead of taken as
    the shortcut marker."""
    return clip(text, limit).replace("&", "&&")
