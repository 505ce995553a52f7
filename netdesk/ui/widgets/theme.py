"""Colours derived from the system palette, so the window reads well in light and dark mode.

Nothing here hard-codes a background: badges mix a hue into the palette's base colour and pick a
text shade with enough contrast for whichever mode is active.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from netdesk.core.health import HealthState
from netdesk.values import DueKind

_HEALTH_HUES = {
    HealthState.DRIFTING: 275,  # violet: further gone than late
    HealthState.OVERDUE: 2,  # red
    HealthState.DUE_SOON: 36,  # amber
    HealthState.ON_TRACK: 135,  # green
}
_DUE_HUES = {
    DueKind.KEEP_IN_TOUCH: 210,
    DueKind.BIRTHDAY: 320,
    DueKind.FOLLOW_UP: 36,
    DueKind.FAVOUR: 135,
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of b over a."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


_hue_cache: dict[tuple[int, int], tuple[QColor, QColor]] = {}


def hue_colours(hue: int, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) for a tinted badge of `hue` on this palette (cached per palette)."""
    key = (hue, palette.cacheKey())
    found = _hue_cache.get(key)
    if found is None:
        if len(_hue_cache) > 256:
            _hue_cache.clear()
        found = _hue_cache[key] = _hue_colours(hue, palette)
    return found


def _hue_colours(hue: int, palette: QPalette) -> tuple[QColor, QColor]:
    base = palette.color(QPalette.ColorRole.Base)
    if is_dark(palette):
        return _mix(base, QColor.fromHsl(hue, 150, 110), 0.45), QColor.fromHsl(hue, 200, 200)
    return _mix(base, QColor.fromHsl(hue, 200, 150), 0.22), QColor.fromHsl(hue, 190, 62)


def health_hue(state: HealthState) -> int | None:
    return _HEALTH_HUES.get(state)


def health_colours(state: HealthState, palette: QPalette) -> tuple[QColor, QColor] | None:
    hue = health_hue(state)
    return None if hue is None else hue_colours(hue, palette)


def due_colours(kind: DueKind, palette: QPalette) -> tuple[QColor, QColor]:
    return hue_colours(_DUE_HUES[kind], palette)


def attention(palette: QPalette) -> QColor:
    """Text that asks to be looked at (overdue counts)."""
    return hue_colours(_HEALTH_HUES[HealthState.OVERDUE], palette)[1]


def muted(palette: QPalette) -> QColor:
    """Secondary text: between the text and the background."""
    return _mix(
        palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.42
    )


_muted_cache: dict[int, QColor] = {}


def muted_cached(palette: QPalette) -> QColor:
    """`muted` for painting hot paths: one computation per palette."""
    key = palette.cacheKey()
    colour = _muted_cache.get(key)
    if colour is None:
        if len(_muted_cache) > 64:
            _muted_cache.clear()
        colour = _muted_cache[key] = muted(palette)
    return colour


def subtle_fill(palette: QPalette) -> QColor:
    """A faint fill for cards and chips."""
    return _mix(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.06
    )


def scaled_font(widget: QWidget, factor: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    else:
        font.setPixelSize(round(font.pixelSize() * factor))
    if weight is not None:
        font.setWeight(weight)
    return font


def keep_to_leading_edge(label: QLabel) -> None:
    """Align a label of someone's text with the window's leading edge, whatever its script: Qt
    aligns a Hebrew or Arabic text by its own direction, to the right, away from the rest."""
    leading = (
        Qt.AlignmentFlag.AlignRight
        if label.layoutDirection() == Qt.LayoutDirection.RightToLeft
        else Qt.AlignmentFlag.AlignLeft
    )
    label.setAlignment(leading | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
