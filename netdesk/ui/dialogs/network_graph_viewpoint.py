"""What the user was looking at in the network picture, kept while it is drawn again after a
change: the zoom (or that everyone was shown), the node nearest the middle of the view and how
far from it the middle was, and the person last opened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QTransform

if TYPE_CHECKING:
    from netdesk.ui.dialogs.network_graph_canvas import GraphView


@dataclass(frozen=True, slots=True)
class Viewpoint:
    zoom: float
    fitted: bool
    middle: QPointF  # the scene point in the middle of the view
    anchor: str  # the node nearest that point ("" when there is none)
    offset: QPointF  # from the anchor to the middle, in scene units
    chosen: str

    @classmethod
    def of(cls, view: GraphView) -> Viewpoint:
        middle = view.mapToScene(view.viewport().rect().center())
        anchor, offset = "", QPointF()
        if view.nodes:
            anchor = min(view.nodes, key=lambda key: _distance(view.nodes[key].pos(), middle))
            offset = middle - view.nodes[anchor].pos()
        return cls(view.zoom, view.fitted, middle, anchor, offset, view.chosen)

    def restore(self, view: GraphView) -> None:
        """The same zoom, the anchor (where it still is) as far from the middle as before,
        and the person chosen marked again; a picture that showed everyone still does."""
        if self.chosen in view.nodes:
            view.choose(self.chosen)
        if self.fitted:
            view.fit()
            return
        view.setTransform(QTransform.fromScale(self.zoom, self.zoom))
        if self.anchor in view.nodes:
            view.centerOn(view.nodes[self.anchor].pos() + self.offset)
        else:
            view.centerOn(self.middle)
        view.fitted = False
        view.zoom_by(1.0)  # names shown and placed for this zoom


def _distance(a: QPointF, b: QPointF) -> float:
    return (a - b).manhattanLength()
