"""The clustered layout: the same input gives the same picture, hubs' discs never overlap, every
member sits inside its own hub's disc (and no other), members keep their distance, and members
who also belong elsewhere sit on that side."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from netdesk.core import graph_layout
from netdesk.core.graph_layout import PERSON_RADIUS, Layout

CENTRE = "you"


def network(people: int, seed: int = 3) -> tuple[list[str], dict[str, list[str]]]:
    """Circles of very different sizes and organisations most people also belong to; some
    people in no circle, a few in nothing at all."""
    rng = random.Random(seed)
    circles = [f"circle:{n}" for n in range(8)]
    orgs = [f"organisation:{n}" for n in range(25)]
    belongs: dict[str, list[str]] = {}
    for n in range(people):
        theirs = []
        if rng.random() < 0.8:
            theirs.append(rng.choices(circles, weights=[12, 5, 2, 1, 1, 1, 3, 1])[0])
        if rng.random() < 0.9:
            theirs += rng.sample(orgs, rng.choice((1, 1, 2)))
        belongs[f"person:{n}"] = theirs
    return circles + orgs, belongs


@pytest.fixture(scope="module")
def placed() -> tuple[list[str], dict[str, list[str]], Layout]:
    hubs, belongs = network(800)
    return hubs, belongs, graph_layout.layout(CENTRE, hubs, belongs, seed=7)


def test_the_same_input_and_seed_give_the_same_layout(placed):
    hubs, belongs, first = placed
    assert graph_layout.layout(CENTRE, hubs, belongs, seed=7) == first
    other = graph_layout.layout(CENTRE, hubs, belongs, seed=8)
    assert other.positions[hubs[0]] != first.positions[hubs[0]]


def test_you_are_at_the_centre(placed):
    _hubs, _belongs, layout = placed
    assert layout.positions[CENTRE] == (0.0, 0.0)


def test_no_two_discs_overlap(placed):
    hubs, _belongs, layout = placed
    for a, b in itertools.combinations([CENTRE, *hubs], 2):
        gap = math.dist(layout.positions[a], layout.positions[b])
        assert gap >= layout.discs[a] + layout.discs[b], (a, b)


def test_every_member_is_inside_its_own_hubs_disc_and_no_other(placed):
    hubs, belongs, layout = placed
    for member, theirs in belongs.items():
        own = layout.cluster[member]
        assert own == (theirs[0] if theirs else CENTRE)
        at = layout.positions[member]
        assert math.dist(at, layout.positions[own]) + PERSON_RADIUS <= layout.discs[own] + 1e-9
        for hub in (h for h in [CENTRE, *hubs] if h != own):
            assert math.dist(at, layout.positions[hub]) > layout.discs[hub]


def test_members_never_overlap_each_other_or_their_hub(placed):
    _hubs, _belongs, layout = placed
    clusters: dict[str, list[str]] = {}
    for member, hub in layout.cluster.items():
        clusters.setdefault(hub, []).append(member)
    for hub, members in clusters.items():
        spots = [layout.positions[m] for m in members]
        closest = min(math.dist(a, b) for a, b in itertools.combinations(spots, 2))
        assert closest >= 2 * PERSON_RADIUS, hub
        nearest_hub = min(math.dist(s, layout.positions[hub]) for s in spots)
        assert nearest_hub >= layout.radii[hub] + PERSON_RADIUS, hub


def test_members_who_also_belong_to_another_hub_sit_on_its_side():
    belongs = {f"a{n}": ["A"] for n in range(60)}
    belongs |= {f"ab{n}": ["A", "B"] for n in range(20)}
    belongs |= {f"b{n}": ["B"] for n in range(60)}
    layout = graph_layout.layout(CENTRE, ["A", "B"], belongs)
    (ax, ay), (bx, by) = layout.positions["A"], layout.positions["B"]

    def towards_b(member: str) -> float:
        """How far the member sits from A in B's direction (negative: on the far side)."""
        x, y = layout.positions[member]
        return ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / math.dist((ax, ay), (bx, by))

    both = [towards_b(f"ab{n}") for n in range(20)]
    a_only = [towards_b(f"a{n}") for n in range(60)]
    assert min(both) > 0
    assert sum(both) / len(both) > max(0.0, sum(a_only) / len(a_only))


def test_members_of_no_known_hub_gather_around_you():
    layout = graph_layout.layout(CENTRE, ["A"], {"x": [], "y": ["gone"], "z": ["A"]})
    assert layout.cluster == {"x": CENTRE, "y": CENTRE, "z": "A"}
    for member in ("x", "y"):
        assert math.dist(layout.positions[member], (0, 0)) <= layout.discs[CENTRE]


def test_hubs_with_no_members_still_get_a_place():
    layout = graph_layout.layout(CENTRE, ["A", "B"], {})
    assert set(layout.positions) == {CENTRE, "A", "B"}
    assert layout.discs["A"] == layout.radii["A"]
    left, top, right, bottom = layout.bounds()
    assert left < right and top < bottom


# --- drawn again after a change ---------------------------------------------------------------


def assert_well_formed(layout: Layout, hubs: list[str], belongs: dict[str, list[str]]) -> None:
    """What every layout holds: discs apart, each member inside its own disc, dots apart."""
    for a, b in itertools.combinations([CENTRE, *hubs], 2):
        assert math.dist(layout.positions[a], layout.positions[b]) >= (
            layout.discs[a] + layout.discs[b] - 1e-6
        ), (a, b)
    for member in belongs:
        own = layout.cluster[member]
        reach = math.dist(layout.positions[member], layout.positions[own]) + PERSON_RADIUS
        assert reach <= layout.discs[own] + 1e-6, member
        assert reach >= layout.radii[own] + 2 * PERSON_RADIUS, member
    spots = sorted(layout.positions[m] for m in belongs)
    for n, spot in enumerate(spots):
        for other in spots[n + 1 :]:
            if other[0] - spot[0] >= 2 * PERSON_RADIUS:
                break
            assert math.dist(spot, other) >= 2 * PERSON_RADIUS


def test_drawn_again_with_a_newcomer_nobody_else_moves_more_than_a_hair(placed):
    hubs, belongs, first = placed
    grown = {**belongs, "person:new": [hubs[0], hubs[9]]}
    again = graph_layout.layout(CENTRE, hubs, grown, seed=7, before=first)
    moved = max(math.dist(first.positions[k], again.positions[k]) for k in first.positions)
    assert moved < 3  # a disc one member larger may nudge its neighbours
    assert_well_formed(again, hubs, grown)


def test_someone_deleted_and_put_back_returns_to_their_place(placed):
    hubs, belongs, first = placed
    gone = next(m for m, theirs in belongs.items() if theirs)
    without = {m: theirs for m, theirs in belongs.items() if m != gone}
    between = graph_layout.layout(CENTRE, hubs, without, seed=7, before=first)
    assert gone not in between.positions
    back = graph_layout.layout(CENTRE, hubs, belongs, seed=7, before=between)
    assert math.dist(back.positions[gone], first.positions[gone]) < 3
    assert_well_formed(back, hubs, belongs)


def test_a_new_hub_finds_room_without_pushing_the_others_away(placed):
    hubs, belongs, first = placed
    grown = {**belongs, **{f"person:club{n}": ["circle:club"] for n in range(40)}}
    again = graph_layout.layout(CENTRE, [*hubs, "circle:club"], grown, seed=7, before=first)
    moved = max(math.dist(first.positions[k], again.positions[k]) for k in first.positions)
    assert moved < 3
    assert_well_formed(again, [*hubs, "circle:club"], grown)


def test_a_network_mostly_new_is_laid_out_afresh():
    hubs, belongs = network(400)
    small = {m: theirs for m, theirs in list(belongs.items())[:20]}
    before = graph_layout.layout(CENTRE, hubs, small)
    assert graph_layout.layout(CENTRE, hubs, belongs, before=before) == graph_layout.layout(
        CENTRE, hubs, belongs
    )
