"""Round avatars: the person's photo when there is one, else their initials on a colour.

Pixmaps are made on the GUI thread when a row is first painted and kept in a small LRU cache,
so scrolling 100,000 people only ever decodes the photos that are on screen.
"""

from __future__ import annotations

import functools
import zlib
from collections import OrderedDict

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPixmap

from netdesk.qt.formatting import initials

# Hues of the circles behind initials; each as light as its white initials allow.
_HUES = (4, 24, 44, 140, 170, 200, 220, 250, 280, 320)
INITIALS = QColor(255, 255, 255)
MIN_CONTRAST = 4.5  # WCAG AA for text: the same circle sits on light and dark palettes
CACHE_SIZE = 800


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@functools.cache
def _fill(hue: int) -> QColor:
    """The hue at mid-tone, darkened until white initials on it reach MIN_CONTRAST (green and
    yellow are bright at the same lightness: 3.1:1 before)."""
    lightness = 110
    while contrast_ratio(QColor.fromHsl(hue, 120, lightness), INITIALS) < MIN_CONTRAST:
        lightness -= 2
    return QColor.fromHsl(hue, 120, lightness)


def colour_for(name: str) -> QColor:
    return QColor(_fill(_HUES[zlib.crc32(name.encode("utf-8")) % len(_HUES)]))


def render(name: str, photo: bytes | None, size: int, ratio: float = 1.0) -> QPixmap:
    """A circular avatar `size` logical pixels wide."""
    pixels = max(1, round(size * ratio))
    canvas = QPixmap(pixels, pixels)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QRectF(0, 0, pixels, pixels)
    image = QImage.fromData(photo) if photo else QImage()
    if not image.isNull():
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        clip = QPainterPath()
        clip.addEllipse(circle)
        painter.setClipPath(clip)
        scaled = image.scaled(
            pixels,
            pixels,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        x = (scaled.width() - pixels) // 2
        y = (scaled.height() - pixels) // 2
        painter.drawImage(0, 0, scaled, x, y, pixels, pixels)
    else:
        # a filled circle, not a clipped fillRect: same pixels, and resolving fillRect's
        # overloads makes PySide build QGradient's enums (~1.5 ms on the first paint)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour_for(name))
        painter.drawEllipse(circle)
        font = QFont(painter.font())
        font.setPixelSize(max(6, int(pixels * 0.4)))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(INITIALS)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    canvas.setDevicePixelRatio(ratio)
    return canvas


def _photo(person_id: int) -> bytes | None:
    from netdesk.core import listing

    return listing.photo(person_id)


class AvatarCache:
    """Avatars by (person, size), loading each photo once from the store."""

    def __init__(self, capacity: int = CACHE_SIZE) -> None:
        self._capacity = capacity
        self._cache: OrderedDict[tuple[int, int, str], QPixmap] = OrderedDict()

    def get(self, person_id: int, name: str, has_photo: bool, size: int, ratio: float) -> QPixmap:
        key = (person_id, size, name)
        pixmap = self._cache.get(key)
        if pixmap is not None:
            self._cache.move_to_end(key)
            return pixmap
        photo = _photo(person_id) if has_photo else None
        pixmap = render(name, photo, size, ratio)
        self._cache[key] = pixmap
        if len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return pixmap

    def forget(self, person_ids: set[int] | None = None) -> None:
        """Drop cached avatars of these people (all when None): their photo or name changed."""
        if person_ids is None:
            self._cache.clear()
            return
        for key in [k for k in self._cache if k[0] in person_ids]:
            del self._cache[key]
