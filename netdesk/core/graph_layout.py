"""Where each node of the network picture goes: a clustered layout, seeded and repeatable.

Each member (a person) belongs to a few hubs, the first of which is its cluster; a member with
none belongs to the centre (you). Every cluster is a disc: its hub in the middle, its members
on a sunflower spiral around it (even spacing, no two members closer than `SPACING`), the disc
as large as its members need.

1. The discs are placed by a Fruchterman-Reingold layout: all discs repel each other (more the
   larger they are), hubs that share members attract, and the centre's disc stays at the origin
   and pulls everything in. A few passes then push apart any discs that still overlap.
2. Inside a disc, members who also belong to other hubs take the slice facing those hubs (the
   places sorted by angle, each group of members wishing for the places around its direction),
   so a circle shows its organisations as slices facing them and their links stay short.

The hubs are few (circles and the largest shared organisations), so step 1 compares every
pair, in fewer rounds the more hubs there are; step 2 is a sort per cluster. Pure Python: the
bundle cannot afford numpy.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

Point = tuple[float, float]

PERSON_RADIUS = 6.0
SPACING = 22.0  # between neighbouring members of a disc
CENTRE_RADIUS = 26.0
HUB_RADIUS = 14.0  # a hub with no members; larger hubs grow with the root of their members
HUB_GROWTH = 1.2
HUB_MAX_RADIUS = 40.0
GAP = 110.0  # at least, between discs: room for a hub's name
ROOM = 160.0  # the distance discs settle at: room for the hubs' names
REPULSION = 2.0  # against the pull of shared members and of you: discs stay apart
ATTRACTION = 0.5
ITERATIONS = 120  # at most; fewer when the hubs are many (each compares every pair)
PAIR_STEPS = 100_000  # pairs of discs compared in all, about a tenth of a second
SEPARATION_PASSES = 200
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# a spiral place nearer than this to a member kept where they were is taken (the neighbouring
# places are about `SPACING` away; a dot is two `PERSON_RADIUS` across)
FREE_DISTANCE = 0.6 * SPACING


@dataclass(frozen=True, slots=True)
class Layout:
    positions: dict[str, Point]  # every node's centre
    radii: dict[str, float]  # every node's own radius
    discs: dict[str, float]  # each cluster's radius (hubs and the centre): its members lie inside
    cluster: dict[str, str]  # each member's cluster (its first hub, else the centre)

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) around every disc and node."""
        boxes = [(p, self.discs.get(k, self.radii[k])) for k, p in self.positions.items()]
        return (
            min(x - r for (x, _), r in boxes),
            min(y - r for (_, y), r in boxes),
            max(x + r for (x, _), r in boxes),
            max(y + r for (_, y), r in boxes),
        )


def hub_radius(members: int) -> float:
    return min(HUB_MAX_RADIUS, HUB_RADIUS + HUB_GROWTH * math.sqrt(members))


def layout(
    centre: str,
    hubs: Sequence[str],
    belongs: Mapping[str, Sequence[str]],
    *,
    seed: int = 1,
    before: Layout | None = None,
) -> Layout:
    """Positions for `centre`, `hubs` and every member of `belongs` (member -> its hubs, the
    first being its cluster). The same input and seed give the same layout. Given the layout
    shown `before`, what was there stays where it was (see `_settled`)."""
    cluster, clusters = _clusters(centre, hubs, belongs)
    radii = {centre: CENTRE_RADIUS, **{hub: hub_radius(len(clusters[hub])) for hub in hubs}}
    groups = _Groups(centre, list(hubs), belongs, seed, cluster, clusters, radii)
    if before is not None and _mostly_new(before, belongs, hubs):
        before = None  # a first import, say: drawn afresh rather than around the few before
    return _fresh(groups) if before is None else _settled(groups, before)


@dataclass(frozen=True, slots=True)
class _Groups:
    """What both layouts start from: the nodes, who belongs where, and the hubs' own sizes."""

    centre: str
    hubs: list[str]
    belongs: Mapping[str, Sequence[str]]
    seed: int
    cluster: dict[str, str]  # each member's cluster
    clusters: dict[str, list[str]]  # each cluster's members
    radii: dict[str, float]  # the centre's and each hub's own radius


def _clusters(
    centre: str, hubs: Sequence[str], belongs: Mapping[str, Sequence[str]]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each member's cluster (its first known hub, else the centre), and each cluster's members
    in the order given."""
    known = set(hubs)
    cluster: dict[str, str] = {}
    clusters: dict[str, list[str]] = {centre: [], **{hub: [] for hub in hubs}}
    for member, theirs in belongs.items():
        own = next((h for h in theirs if h in known), centre)
        cluster[member] = own
        clusters[own].append(member)
    return cluster, clusters


def _fresh(groups: _Groups) -> Layout:
    centre, hubs, belongs, seed = groups.centre, groups.hubs, groups.belongs, groups.seed
    cluster, clusters, radii = groups.cluster, groups.clusters, groups.radii
    known = set(hubs)
    discs = {key: _disc_radius(radii[key], len(members)) for key, members in clusters.items()}
    shared = _shared(belongs, known)
    centres = _place_discs(centre, hubs, discs, shared, random.Random(seed))
    positions = dict(centres)
    for key, members in clusters.items():
        positions.update(_place_members(key, members, radii[key], centres, belongs, known))
    radii.update(dict.fromkeys(belongs, PERSON_RADIUS))
    return Layout(positions, radii, discs, cluster)


# --- the discs --------------------------------------------------------------------------------


def _first_ring(hub_radius: float) -> float:
    return hub_radius + SPACING


def _spiral_radius(inner: float, place: int) -> float:
    """The distance from the hub of a spiral's place: equal area per member beyond `inner`."""
    return math.sqrt(inner * inner + (place + 0.5) * SPACING * SPACING / math.pi * 1.2)


def _disc_radius(hub_radius: float, members: int) -> float:
    if not members:
        return hub_radius
    return _spiral_radius(_first_ring(hub_radius), members - 1) + PERSON_RADIUS


def _shared(belongs: Mapping[str, Sequence[str]], known: set[str]) -> dict[tuple[str, str], int]:
    """How many members each pair of hubs has in common."""
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for theirs in belongs.values():
        mine = sorted({h for h in theirs if h in known})
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                pairs[a, b] += 1
    return pairs


def _place_discs(
    centre: str,
    hubs: list[str],
    discs: dict[str, float],
    shared: dict[tuple[str, str], int],
    rng: random.Random,
) -> dict[str, Point]:
    """Fruchterman-Reingold over the discs, then separation of any that still overlap."""
    if not hubs:
        return {centre: (0.0, 0.0)}
    order = sorted(hubs, key=lambda h: (-discs[h], h))
    spread = discs[centre] + sum(discs[h] for h in hubs) / math.sqrt(len(hubs)) + GAP
    xs, ys = [0.0], [0.0]
    for n, _hub in enumerate(order):
        angle = 2 * math.pi * n / len(order) + rng.uniform(-0.3, 0.3)
        reach = spread * rng.uniform(0.8, 1.2)
        xs.append(reach * math.cos(angle))
        ys.append(reach * math.sin(angle))
    keys = [centre, *order]
    sizes = [discs[k] for k in keys]
    index = {k: i for i, k in enumerate(keys)}
    links = [
        (index[a], index[b], ATTRACTION * math.log1p(n)) for (a, b), n in sorted(shared.items())
    ]
    _fruchterman_reingold(xs, ys, sizes, links, spread)
    _separate(xs, ys, sizes)
    return {k: (xs[i], ys[i]) for i, k in enumerate(keys)}


def _fruchterman_reingold(
    xs: list[float],
    ys: list[float],
    sizes: list[float],
    links: list[tuple[int, int, float]],
    spread: float,
) -> None:
    """Moves every disc but the first (the centre, held at the origin) in place."""
    count = len(xs)
    # every pair with the square of the distance its discs' edges settle at (the force needs
    # no square root)
    pairs = [
        (i, j, REPULSION * (sizes[i] + sizes[j] + ROOM) ** 2)
        for i in range(count)
        for j in range(i + 1, count)
    ]
    ideal = [sizes[0] + size + ROOM for size in sizes]
    heat = spread / 2
    iterations = max(20, min(ITERATIONS, PAIR_STEPS // max(1, len(pairs))))
    for step in range(iterations):
        dx, dy = [0.0] * count, [0.0] * count
        for i, j, ideal2 in pairs:
            vx, vy = xs[i] - xs[j], ys[i] - ys[j]
            push = ideal2 / (vx * vx + vy * vy or 1e-4)
            fx, fy = vx * push, vy * push
            dx[i] += fx
            dy[i] += fy
            dx[j] -= fx
            dy[j] -= fy
        for i, j, weight in links:
            vx, vy = xs[i] - xs[j], ys[i] - ys[j]
            pull = weight * math.hypot(vx, vy) / (sizes[i] + sizes[j] + ROOM)
            dx[i] -= vx * pull
            dy[i] -= vy * pull
            dx[j] += vx * pull
            dy[j] += vy * pull
        for i in range(1, count):
            pull = math.hypot(xs[i], ys[i]) / ideal[i]  # everything is drawn to you
            dx[i] -= xs[i] * pull
            dy[i] -= ys[i] * pull
            length = math.hypot(dx[i], dy[i]) or 1.0
            move = min(length, heat)
            xs[i] += dx[i] / length * move
            ys[i] += dy[i] / length * move
        heat = spread / 2 * (1 - (step + 1) / iterations) + 1.0


def _separate(xs: list[float], ys: list[float], sizes: list[float], new: int = 0) -> None:
    """Push overlapping discs apart. The first, the centre, never moves; of a pair where only
    one is among the last `new`, that one makes all the room (the others were drawn before)."""
    count = len(xs)
    pairs = [(i, j, sizes[i] + sizes[j] + GAP) for i in range(count) for j in range(i + 1, count)]
    rank = [0] + [1] * (count - 1 - new) + [2] * new  # who moves: the higher, or both alike
    for _ in range(SEPARATION_PASSES):
        moved = False
        for i, j, need in pairs:
            vx, vy = xs[j] - xs[i], ys[j] - ys[i]
            if vx * vx + vy * vy >= need * need:
                continue
            moved = True
            dist = math.hypot(vx, vy)
            if dist < 1e-6:
                vx, vy, dist = 1.0, 0.0, 1.0
            overlap = (need - dist) / dist
            share = 1.0 if rank[i] < rank[j] else 0.5
            xs[j] += vx * overlap * share
            ys[j] += vy * overlap * share
            if rank[i] == rank[j]:
                xs[i] -= vx * overlap * 0.5
                ys[i] -= vy * overlap * 0.5
        if not moved:
            return


# --- the members ------------------------------------------------------------------------------


def _place_members(
    hub: str,
    members: list[str],
    radius: float,
    centres: dict[str, Point],
    belongs: Mapping[str, Sequence[str]],
    known: set[str],
) -> dict[str, Point]:
    """Members on a sunflower spiral around their hub. Those drawn to other hubs take the
    slice of the disc facing them (as wide as they are many), the others the rest."""
    hx, hy = centres[hub]
    inner = _first_ring(radius)
    places = []
    for n in range(len(members)):
        reach, angle = _spiral_radius(inner, n), n * GOLDEN_ANGLE
        places.append((hx + reach * math.cos(angle), hy + reach * math.sin(angle)))
    pulled, free = [], []
    for member in sorted(members):
        angle = _pull_angle(hub, (hx, hy), belongs[member], centres, known)
        if angle is None:
            free.append(member)
        else:
            pulled.append((angle, member))
    by_angle = sorted(range(len(places)), key=lambda n: _angle(places[n], hx, hy))
    taken = [False] * len(places)
    out: dict[str, Point] = {}
    for slot, member in _slots(sorted(pulled), len(places)):
        while taken[slot]:
            slot = (slot + 1) % len(places)
        taken[slot] = True
        out[member] = places[by_angle[slot]]
    left = sorted(by_angle[slot] for slot, used in enumerate(taken) if not used)
    out.update({member: places[n] for member, n in zip(free, left, strict=True)})
    return out


def _angle(place: Point, hx: float, hy: float) -> float:
    return math.atan2(place[1] - hy, place[0] - hx)


def _slots(pulled: list[tuple[float, str]], count: int) -> list[tuple[int, str]]:
    """Each pulled member's wished slot among `count` sorted by angle: a group drawn the same
    way is centred on its direction."""
    wished = []
    for angle, group in itertools.groupby(pulled, key=lambda item: item[0]):
        names = [member for _angle, member in group]
        middle = round((angle + math.pi) / (2 * math.pi) * count)
        start = middle - len(names) // 2
        wished += [((start + n) % count, member) for n, member in enumerate(names)]
    return wished


def _pull_angle(
    hub: str, at: Point, theirs: Sequence[str], centres: dict[str, Point], known: set[str]
) -> float | None:
    """The direction from this hub towards the member's other hubs, if any."""
    vx = vy = 0.0
    for other in theirs:
        if other == hub or other not in known:
            continue
        ox, oy = centres[other][0] - at[0], centres[other][1] - at[1]
        length = math.hypot(ox, oy) or 1.0
        vx += ox / length
        vy += oy / length
    if vx == 0.0 and vy == 0.0:
        return None
    return math.atan2(vy, vx)


# --- keeping a layout -------------------------------------------------------------------------


def _mostly_new(before: Layout, belongs: Mapping[str, Sequence[str]], hubs: Sequence[str]) -> bool:
    """Whether fewer than half of the hubs and members were drawn before."""
    nodes = [*hubs, *belongs]
    return 2 * sum(1 for key in nodes if key in before.positions) < len(nodes)


def _settled(groups: _Groups, before: Layout) -> Layout:
    """The layout after a change, with as little moving as can be: hubs drawn before stay
    where they were (unless a disc grew into another: then both make room), a new hub starts
    among the hubs it shares people with and moves out of the way. A person drawn before in
    the same cluster keeps their place beside its hub; a newcomer takes the free place nearest
    the hub. A cluster with nobody drawn before is arranged as a fresh one is."""
    centre, hubs, belongs, seed = groups.centre, groups.hubs, groups.belongs, groups.seed
    cluster, clusters, radii = groups.cluster, groups.clusters, groups.radii
    known = set(hubs)
    offsets = {
        key: _kept_members(key, members, radii[key], before)
        for key, members in clusters.items()
        if any(before.cluster.get(m) == key for m in members)
    }
    discs = {
        key: max(_disc_radius(radii[key], len(members)), _reach(offsets.get(key, {})))
        for key, members in clusters.items()
    }
    shared = _shared(belongs, known)
    centres = _keep_discs(centre, hubs, discs, shared, before, random.Random(seed))
    positions = dict(centres)
    for key, members in clusters.items():
        if key in offsets:
            hx, hy = centres[key]
            positions.update({m: (hx + x, hy + y) for m, (x, y) in offsets[key].items()})
        else:
            positions.update(_place_members(key, members, radii[key], centres, belongs, known))
    radii.update(dict.fromkeys(belongs, PERSON_RADIUS))
    return Layout(positions, radii, discs, cluster)


def _reach(offsets: dict[str, Point]) -> float:
    """How far from their hub members at `offsets` reach."""
    return max((math.hypot(x, y) + PERSON_RADIUS for x, y in offsets.values()), default=0.0)


def _keep_discs(
    centre: str,
    hubs: list[str],
    discs: dict[str, float],
    shared: dict[tuple[str, str], int],
    before: Layout,
    rng: random.Random,
) -> dict[str, Point]:
    old = [hub for hub in hubs if hub in before.positions]
    new = [hub for hub in hubs if hub not in before.positions]
    placed = {centre: (0.0, 0.0), **{hub: before.positions[hub] for hub in old}}
    reach = max((math.hypot(*placed[k]) + discs[k] for k in placed), default=0.0) + GAP
    for hub in new:
        placed[hub] = _start_of_new_hub(hub, shared, placed, reach, rng)
    keys = [centre, *old, *new]
    xs, ys = [placed[k][0] for k in keys], [placed[k][1] for k in keys]
    _separate(xs, ys, [discs[k] for k in keys], new=len(new))
    return {k: (xs[i], ys[i]) for i, k in enumerate(keys)}


def _start_of_new_hub(
    hub: str,
    shared: dict[tuple[str, str], int],
    placed: dict[str, Point],
    reach: float,
    rng: random.Random,
) -> Point:
    """Amid the hubs placed that share people with it, else somewhere just outside them all."""
    partners = [
        placed[other]
        for pair in shared
        if hub in pair
        for other in pair
        if other != hub and other in placed
    ]
    if partners:
        return (
            sum(x for x, _ in partners) / len(partners),
            sum(y for _, y in partners) / len(partners),
        )
    angle = rng.uniform(0, 2 * math.pi)
    return reach * math.cos(angle), reach * math.sin(angle)


def _kept_members(hub: str, members: list[str], radius: float, before: Layout) -> dict[str, Point]:
    """Each member's place relative to the hub: where they were if they were in this cluster
    before (and the hub has not grown over them), else the free place nearest the hub."""
    old_hub = before.positions.get(hub, (0.0, 0.0))
    kept: dict[str, Point] = {}
    newcomers = []
    for member in members:
        was = before.positions.get(member)
        if was is not None and before.cluster.get(member) == hub:
            offset = (was[0] - old_hub[0], was[1] - old_hub[1])
            if math.hypot(*offset) >= radius + PERSON_RADIUS + 1:
                kept[member] = offset
                continue
        newcomers.append(member)
    taken = _Grid(SPACING)
    for offset in kept.values():
        taken.add(offset)
    free = _free_places(_first_ring(radius), taken)
    kept.update({member: next(free) for member in sorted(newcomers)})
    return kept


def _free_places(inner: float, taken: _Grid) -> Iterator[Point]:
    """The sunflower spiral's places, innermost first, skipping those too near one taken."""
    place = 0
    while True:
        reach, angle = _spiral_radius(inner, place), place * GOLDEN_ANGLE
        spot = (reach * math.cos(angle), reach * math.sin(angle))
        if not taken.near(spot, FREE_DISTANCE):
            taken.add(spot)
            yield spot
        place += 1


class _Grid:
    """Points bucketed by squares of `cell` a side: which are near a point is a look at the
    nine squares around it."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[Point]] = defaultdict(list)

    def _square(self, point: Point) -> tuple[int, int]:
        return int(point[0] // self.cell), int(point[1] // self.cell)

    def add(self, point: Point) -> None:
        self.buckets[self._square(point)].append(point)

    def near(self, point: Point, distance: float) -> bool:
        cx, cy = self._square(point)
        return any(
            math.dist(point, other) < distance
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in self.buckets.get((cx + dx, cy + dy), ())
        )
