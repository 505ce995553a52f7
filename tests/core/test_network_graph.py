"""The network picture's nodes and edges, read from a small network whose answers are known.

Ana and Ben are in the Lisbon circle and at Lumen (Ben spelled "lumen "); Ana was at
Fjordlight before, where Caro still is; Dev is the only one at Solo Ltd; Ben and Caro are
friends; Ana introduced you to Fay (kept as "met through") and to Gus (stored, and kept as met
through too: one line). Eli is archived: left out with his links.
"""

from __future__ import annotations

import datetime as dt

import pytest

from netdesk.core import network_graph, people, relationships
from netdesk.core.network_graph import YOU, Edge, EdgeKind, NodeKind
from netdesk.core.people import PersonDraft, PositionDraft
from netdesk.values import RelationshipKind

D = dt.date


def add(name: str, *positions: PositionDraft, **fields) -> int:
    return people.create(PersonDraft(display_name=name, positions=list(positions), **fields))


@pytest.fixture
def net(store) -> dict[str, int]:
    ids = {
        "ana": add(
            "Ana Souza",
            PositionDraft("Lumen", "Data Lead", start=D(2022, 1, 1)),
            PositionDraft("Fjordlight", "Engineer", start=D(2018, 1, 1), end=D(2021, 12, 31)),
            circles=["Lisbon"],
        ),
        "ben": add("Ben Okafor", PositionDraft("lumen ", "Designer"), circles=["Lisbon"]),
        "caro": add("Caro Lind", PositionDraft("Fjordlight", "Advisor")),
        "dev": add("Dev Patel", PositionDraft("Solo Ltd", "Founder")),
        "eli": add("Eli Berg", PositionDraft("Lumen", "Analyst"), circles=["Lisbon"]),
    }
    ids["fay"] = add("Fay Moreau", met_through_id=ids["ana"])
    ids["gus"] = add("Gus Hale", met_through_id=ids["ana"])
    relationships.link(ids["ana"], ids["gus"], RelationshipKind.INTRODUCED)
    relationships.link(ids["ben"], ids["caro"], RelationshipKind.FRIEND)
    relationships.link(ids["eli"], ids["ana"], RelationshipKind.MENTOR)
    people.set_archived(ids["eli"])
    return ids


def key(net: dict[str, int], name: str) -> str:
    return network_graph.person_key(net[name])


def test_you_the_circles_the_shared_organisations_and_everyone_not_archived(net):
    graph = network_graph.read()
    hubs = {(n.kind, n.label, n.members) for n in graph.hubs()}
    assert hubs == {
        (NodeKind.CIRCLE, "Lisbon", 2),
        (NodeKind.ORGANISATION, "Lumen", 2),
        (NodeKind.ORGANISATION, "Fjordlight", 2),
    }
    assert graph.nodes[YOU].kind is NodeKind.YOU
    assert sorted(p.label for p in graph.people()) == [
        "Ana Souza",
        "Ben Okafor",
        "Caro Lind",
        "Dev Patel",
        "Fay Moreau",
        "Gus Hale",
    ]


def test_edges_for_circles_positions_relationships_and_introductions(net):
    graph = network_graph.read()
    lisbon = next(h.key for h in graph.hubs() if h.label == "Lisbon")
    lumen = network_graph.organisation_key("Lumen")
    fjordlight = network_graph.organisation_key("Fjordlight")
    ana, ben, caro = key(net, "ana"), key(net, "ben"), key(net, "caro")
    assert sorted(graph.edges, key=str) == sorted(
        [
            Edge(YOU, lisbon, EdgeKind.YOURS),
            Edge(ana, lisbon, EdgeKind.MEMBER),
            Edge(ben, lisbon, EdgeKind.MEMBER),
            Edge(ana, lumen, EdgeKind.WORKS_AT),
            Edge(ana, fjordlight, EdgeKind.WORKED_AT),
            Edge(ben, lumen, EdgeKind.WORKS_AT),
            Edge(caro, fjordlight, EdgeKind.WORKS_AT),
            Edge(ben, caro, EdgeKind.RELATIONSHIP, "friend"),
            Edge(ana, key(net, "gus"), EdgeKind.INTRODUCED),
            Edge(ana, key(net, "fay"), EdgeKind.INTRODUCED),
        ],
        key=str,
    )


def test_a_person_hubs_circles_first_then_current_then_past_organisations(net):
    ana = network_graph.read().nodes[key(net, "ana")]
    assert ana.hubs[0].startswith("circle:")
    assert ana.hubs[1:] == (
        network_graph.organisation_key("Lumen"),
        network_graph.organisation_key("Fjordlight"),
    )


def test_hovering_says_the_name_the_organisation_and_the_circles(net):
    graph = network_graph.read()
    assert graph.nodes[key(net, "ana")].describe() == "Ana Souza\nData Lead at Lumen\nLisbon"
    assert graph.nodes[key(net, "dev")].describe() == "Dev Patel\nFounder at Solo Ltd"
    assert graph.nodes[key(net, "fay")].describe() == "Fay Moreau"


def test_someone_who_has_left_everywhere_is_said_where_they_were(store):
    past = PositionDraft("Fjordlight", "Engineer", start=D(2015, 1, 1), end=D(2019, 1, 1))
    later = PositionDraft("Lumen", "Lead", start=D(2019, 2, 1), end=D(2023, 1, 1))
    person = add("Ana Souza", past, later)
    node = network_graph.read().nodes[network_graph.person_key(person)]
    assert node.work == "was at Lumen"


def test_an_empty_store_is_you_alone(store):
    graph = network_graph.read()
    assert list(graph.nodes) == [YOU]
    assert graph.edges == []
    assert list(graph.layout().positions) == [YOU]


def test_the_layout_places_every_node(net):
    graph = network_graph.read()
    placed = graph.layout()
    assert set(placed.positions) == set(graph.nodes)
    lisbon = next(h.key for h in graph.hubs() if h.label == "Lisbon")
    assert placed.cluster[key(net, "ana")] == lisbon
    assert placed.cluster[key(net, "dev")] == YOU  # Solo Ltd is nobody else's: no hub


def test_only_the_largest_shared_organisations_are_hubs(net, monkeypatch):
    monkeypatch.setattr(network_graph, "MAX_ORGANISATIONS", 1)
    graph = network_graph.read()
    organisations = [h.label for h in graph.hubs() if h.kind is NodeKind.ORGANISATION]
    assert organisations == ["Fjordlight"]  # as large as Lumen: the first by name
    assert graph.shared_organisations == 2
    ben = graph.nodes[key(net, "ben")]
    assert ben.hubs == (next(h.key for h in graph.hubs() if h.label == "Lisbon"),)
    assert ben.work == "Designer at lumen"  # still said when hovered
