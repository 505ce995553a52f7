"""Which names the network picture shows and on which side of their node.

Hubs are always named; people when zoomed in far enough, and then only those whose names cover
no other name. Each hub's name goes below it, else above, right or left, on the side where it
covers the least of the other hubs and names; then the names of the people found. Names keep
their size on screen, so what they cover depends on the zoom.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtCore import QRectF

from netdesk.ui.dialogs.network_graph_items import NodeItem, Side

LABEL_SCALE = 1.2  # people are named from this zoom on (hubs always)
HUB_SIDES = (Side.BELOW, Side.ABOVE, Side.RIGHT, Side.LEFT)
PERSON_SIDES = (Side.RIGHT, Side.LEFT, Side.ABOVE, Side.BELOW)
NAME_CELL = 24.0  # pixels: a name's height, about
PLACED_NAMES = 200  # the names of this many people found are kept clear of others


def place_labels(nodes: Iterable[NodeItem], found: list[NodeItem], zoom: float) -> None:
    """The hubs' names clear of each other, the largest hubs choosing first; then the names of
    the people `found`, right of them or elsewhere."""
    hubs = [item for item in nodes if not item.is_person]
    hubs.sort(key=lambda item: (-item.node.members, item.node.label))
    taken = [item.disc() for item in hubs]
    for number, item in enumerate(hubs):
        _place_label(item, HUB_SIDES, taken[:number] + taken[number + 1 :], taken, zoom)
    for item in found[:PLACED_NAMES]:
        _place_label(item, PERSON_SIDES, taken, taken, zoom)


def _place_label(
    item: NodeItem,
    sides: tuple[Side, ...],
    others: list[QRectF],
    taken: list[QRectF],
    zoom: float,
) -> None:
    rects = {side: item.label_rect(side, zoom) for side in sides}
    side = min(sides, key=lambda side: _covered(rects[side], others))
    item.place_label(side)
    taken.append(rects[side])


def uncluttered(people: list[NodeItem], zoom: float) -> set[str]:
    """Greedily, the people whose names (right of them) overlap no name kept before: rectangles
    are bucketed by a grid of cells about a name's height, so each is compared with its
    neighbours only."""
    cell = NAME_CELL / zoom
    buckets: dict[tuple[int, int], list[QRectF]] = defaultdict(list)
    kept: set[str] = set()
    for item in people:
        rect = item.label_rect(Side.RIGHT, zoom)
        cells = [
            (cx, cy)
            for cx in range(int(rect.left() // cell), int(rect.right() // cell) + 1)
            for cy in range(int(rect.top() // cell), int(rect.bottom() // cell) + 1)
        ]
        if any(rect.intersects(other) for c in cells for other in buckets[c]):
            continue
        kept.add(item.node.key)
        for c in cells:
            buckets[c].append(rect)
    return kept


def _covered(rect: QRectF, others: list[QRectF]) -> float:
    """How much of `others` the rectangle covers."""
    area = 0.0
    for other in others:
        if rect.intersects(other):
            common = rect.intersected(other)
            area += common.width() * common.height()
    return area
