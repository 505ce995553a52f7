"""The network picture's colours for one palette, light or dark: hubs, people, lines and the
plates behind names."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QPen

from netdesk.core.network_graph import EdgeKind
from netdesk.ui.widgets import theme

RELATIONSHIP_HUE, INTRODUCED_HUE = 20, 275  # orange and violet lines


def hub_hue(number: int) -> int:
    """Distinct hues for the circles, spread by the golden angle."""
    return (205 + number * 137) % 360


@dataclass(frozen=True, slots=True)
class Colours:
    """The picture's colours for one palette (light or dark)."""

    palette: QPalette
    dark: bool
    text: QColor
    muted: QColor
    base: QColor
    highlight: QColor

    @classmethod
    def of(cls, palette: QPalette) -> Colours:
        return cls(
            palette,
            theme.is_dark(palette),
            palette.color(QPalette.ColorRole.Text),
            theme.muted(palette),
            palette.color(QPalette.ColorRole.Base),
            palette.color(QPalette.ColorRole.Highlight),
        )

    def hub(self, hue: int | None) -> QColor:
        if hue is None:  # an organisation: no hue of its own
            return self.muted
        return QColor.fromHsl(hue, 150, 150) if self.dark else QColor.fromHsl(hue, 170, 118)

    def member(self, hue: int | None) -> QColor:
        if hue is None:
            return QColor(self.muted)
        return QColor.fromHsl(hue, 110, 105) if self.dark else QColor.fromHsl(hue, 150, 172)

    def edge_pen(self, kind: EdgeKind) -> QPen:
        """Cosmetic pens: a line is as thin on screen at any zoom. A current position is drawn
        stronger than a past one. Each colour is mixed over the background beforehand: blending
        thousands of translucent lines cost four times as much as drawing them."""
        colour, width, style, strength = {
            EdgeKind.YOURS: (self.muted, 2.0, Qt.PenStyle.SolidLine, 0.8),
            EdgeKind.MEMBER: (self.muted, 1.0, Qt.PenStyle.SolidLine, 0.35),
            EdgeKind.WORKS_AT: (self.text, 1.0, Qt.PenStyle.SolidLine, 0.2),
            EdgeKind.WORKED_AT: (self.muted, 1.0, Qt.PenStyle.DashLine, 0.3),
            EdgeKind.RELATIONSHIP: (
                self._line_hue(RELATIONSHIP_HUE),
                1.5,
                Qt.PenStyle.SolidLine,
                0.85,
            ),
            EdgeKind.INTRODUCED: (self._line_hue(INTRODUCED_HUE), 1.0, Qt.PenStyle.SolidLine, 0.4),
        }[kind]
        pen = QPen(_over(self.base, colour, strength), width, style)
        pen.setCosmetic(True)
        return pen

    def highlight_pen(self) -> QPen:
        pen = QPen(self.highlight, 2.0)
        pen.setCosmetic(True)
        return pen

    def _line_hue(self, hue: int) -> QColor:
        return QColor.fromHsl(hue, 170, 160) if self.dark else QColor.fromHsl(hue, 190, 110)


def _over(base: QColor, colour: QColor, amount: float) -> QColor:
    """`colour` laid over `base` at `amount`, as one opaque colour."""
    return QColor(
        round(base.red() + (colour.red() - base.red()) * amount),
        round(base.green() + (colour.green() - base.green()) * amount),
        round(base.blue() + (colour.blue() - base.blue()) * amount),
    )
