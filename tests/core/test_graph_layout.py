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
