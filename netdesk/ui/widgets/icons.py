"""Small line icons drawn from inline SVG in the palette's text colour (light and dark mode).

Each icon is a 24x24 stroke drawing; `icon(name, palette)` renders it for the current palette.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

_SHAPES = {
    "people": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6"/>'
    '<circle cx="17" cy="9" r="2.6"/><path d="M16 14.2c3 .1 5.5 2.1 5.5 5.3"/>',
    "today": '<rect x="3.5" y="5" width="17" height="15" rx="2.5"/><path d="M3.5 10h17M8 3v4M16'
    ' 3v4"/><path d="M9 14.5l2 2 4-4"/>',
    "nurture": '<path d="M12 21v-8"/><path d="M12 13c0-4 3-7 8-7 0 4.5-3 7-8 7z"/>'
    '<path d="M12 15c0-3.2-2.4-5.6-7-5.6 0 3.6 2.4 5.6 7 5.6z"/>',
    "birthday": '<path d="M4 20h16v-7a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2z"/><path d="M4 15c2 1.5 4'
    ' 1.5 5.3 0s4 1.5 5.4 0 3.3-1.5 5.3 0"/><path d="M12 11V8"/><path d="M12 3.5c.9 1 1.3 1.8'
    ' 1.3 2.4a1.3 1.3 0 0 1-2.6 0c0-.6.4-1.4 1.3-2.4z"/>',
    "recent": '<path d="M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z"/>'
    '<path d="M18.5 16l.7 1.8 1.8.7-1.8.7-.7 1.8-.7-1.8-1.8-.7 1.8-.7z"/>',
    "stand-out": '<path d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1'
    ' 5.9-.9z"/>',
    "chart": '<path d="M4 20h16"/><rect x="5.5" y="11" width="3" height="6.5" rx=".8"/>'
    '<rect x="10.5" y="6" width="3" height="11.5" rx=".8"/>'
    '<rect x="15.5" y="13.5" width="3" height="4" rx=".8"/>',
    "circle": '<circle cx="12" cy="12" r="7.5"/><circle cx="12" cy="12" r="3"/>',
    "tag": '<path d="M3.5 12.2V4.5a1 1 0 0 1 1-1h7.7l8.3 8.3-8.7 8.7z"/>'
    '<circle cx="8" cy="8" r="1.4"/>',
    "event": '<rect x="3.5" y="5" width="17" height="15" rx="2.5"/><path d="M3.5 10h17M8 3v4M16'
    ' 3v4"/><circle cx="12" cy="15" r="1.6"/>',
    "smart": '<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5.5 5.5"/>'
    '<path d="M8 10.5h5M10.5 8v5"/>',
    "archive": '<rect x="3" y="4" width="18" height="5" rx="1.2"/><path d="M5 9v10a1.5 1.5 0 0 '
    '0 1.5 1.5h11A1.5 1.5 0 0 0 19 19V9"/><path d="M10 13h4"/>',
    "add-person": '<circle cx="10" cy="8" r="3.8"/><path d="M3 20c0-3.8 3.1-6.3 7-6.3 1.6 0 3.1'
    '.4 4.3 1.2"/><path d="M18 14v6M15 17h6"/>',
    "log": '<path d="M4 5.5A1.5 1.5 0 0 1 5.5 4h13A1.5 1.5 0 0 1 20 5.5v9a1.5 1.5 0 0 1-1.5 1.5H9'
    'l-5 4z"/><path d="M8 8.5h8M8 12h5"/>',
    "favour": '<path d="M12 20s-7.5-4.6-7.5-10A4.2 4.2 0 0 1 12 7.4 4.2 4.2 0 0 1 19.5 10c0 5.4-7.5'
    ' 10-7.5 10z"/>',
    "follow-up": '<circle cx="12" cy="13" r="7.5"/><path d="M12 9v4.5l3 1.8"/>'
    '<path d="M5 3.5 2.5 6M19 3.5 21.5 6"/>',
    "edit": '<path d="M4 20h4L19.5 8.5a2.1 2.1 0 0 0-4-4L4 16z"/><path d="M14 6l4 4"/>',
    "search": '<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5.5 5.5"/>',
    "import": '<path d="M12 3.5v11M7.5 10l4.5 4.5 4.5-4.5"/><path d="M4 15.5v3A1.5 1.5 0 0 0 5.5 '
    '20h13a1.5 1.5 0 0 0 1.5-1.5v-3"/>',
    "mail": '<rect x="3" y="5.5" width="18" height="13" rx="2"/><path d="M3.5 7l8.5 6 8.5-6"/>',
    "phone": '<path d="M5 4h3.5l1.7 4.3-2.2 1.4a10.5 10.5 0 0 0 6.3 6.3l1.4-2.2L20 15.5V19a1 1 0 '
    '0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z"/>',
    "link": '<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1"/><path d="M14 10a4 4 0 0'
    ' 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>',
    "place": '<path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11z"/>'
    '<circle cx="12" cy="10" r="2.3"/>',
    "chat": '<path d="M4 5.5A1.5 1.5 0 0 1 5.5 4h13A1.5 1.5 0 0 1 20 5.5v9a1.5 1.5 0 0 1-1.5 1.5H9'
    'l-5 4z"/>',
}

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{colour}" '
    'stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">{shape}</svg>'
)


def names() -> list[str]:
    return sorted(_SHAPES)


@lru_cache(maxsize=256)
def _pixmap(name: str, colour: str, size: int, ratio: float) -> QPixmap:
    data = QByteArray(SVG.format(colour=colour, shape=_SHAPES[name]).encode())
    renderer = QSvgRenderer(data)
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def pixmap(name: str, colour: QColor, size: int = 18, ratio: float = 1.0) -> QPixmap:
    return _pixmap(name, colour.name(), size, ratio)


def icon(name: str, palette: QPalette, size: int = 18, ratio: float = 1.0) -> QIcon:
    """The icon in the palette's text colour (and the highlighted-text colour when selected)."""
    result = QIcon()
    text = palette.color(QPalette.ColorRole.WindowText)
    for mode, colour in (
        (QIcon.Mode.Normal, text),
        (QIcon.Mode.Active, text),
        (QIcon.Mode.Selected, palette.color(QPalette.ColorRole.HighlightedText)),
        (
            QIcon.Mode.Disabled,
            palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
        ),
    ):
        result.addPixmap(pixmap(name, colour, size, ratio), mode)
    return result
