"""Warm paths on a small generated network whose answers are known.

You spoke with Ana three weeks ago and nurture her; she worked with Jamal at Fjordlight while
both were there. Ben is at Fjordlight too, but joined after Jamal left. Caro is at Fjordlight
with no dates. Dev is Jamal's friend; Eli shares a circle with him; Gus is only Dev's friend
(three hops from Jamal). Fay ran data at Lumen before Jamal joined and has left.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from netdesk.core import interactions, people, relationships, warm_paths
from netdesk.core.errors import ValidationError
from netdesk.core.interactions import InteractionDraft
from netdesk.core.people import PersonDraft, PositionDraft
from netdesk.values import RelationshipKind

TODAY = dt.date(2026, 12, 6)
D = dt.date


def add(name: str, *positions: PositionDraft, spoke: dt.date | None = None, **fields) -> int:
    person_id = people.create(PersonDraft(display_name=name, positions=list(positions), **fields))
    if spoke:
        interactions.log(InteractionDraft(when=spoke, people=[person_id]))
    return person_id


@pytest.fixture
def net(store) -> dict[str, int]:
    ids = {
        "jamal": add(
            "Jamal Reyes",
            PositionDraft("Lumen", "Data Lead", start=D(2022, 1, 1)),
            PositionDraft("Fjordlight", "Analyst", start=D(2019, 1, 1), end=D(2021, 6, 30)),
            circles=["Lisbon"],
        ),
        "ana": add(
            "Ana Souza",
            PositionDraft("Fjordlight", "Engineer", start=D(2018, 3, 1), end=D(2021, 12, 31)),
            spoke=D(2026, 11, 15),
            nurture=True,
        ),
        "ben": add(
            "Ben Okafor",
            PositionDraft("fjordlight", "Designer", start=D(2022, 1, 1)),
            spoke=D(2026, 12, 5),
        ),
        "caro": add("Caro Lind", PositionDraft("Fjordlight", "Advisor"), spoke=D(2026, 10, 20)),
        "dev": add("Dev Patel", spoke=D(2026, 6, 1)),
        "eli": add("Eli Berg", spoke=D(2026, 12, 5), circles=["Lisbon"]),
        "gus": add("Gus Hale", spoke=D(2026, 12, 5), nurture=True),
        "fay": add(
            "Fay Moreau",
            PositionDraft("Lumen", "Head of Data", start=D(2017, 1, 1), end=D(2020, 12, 31)),
            spoke=D(2026, 12, 1),
        ),
    }
    relationships.link(ids["dev"], ids["jamal"], RelationshipKind.FRIEND)
    relationships.link(ids["gus"], ids["dev"], RelationshipKind.FRIEND)
    return ids


def lines(text: str, **options) -> list[str]:
    return [p.sentence for p in warm_paths.find(text, today=TODAY, **options)]


def test_paths_to_an_organisation_are_ranked_by_warmth_and_explained(net):
    assert lines("lumen") == [
        "You → Ana Souza (you spoke 3 weeks ago; you nurture this relationship) → Jamal Reyes"
        " (worked together at Fjordlight, 2019–2021) — Jamal is a Data Lead at Lumen",
        "You → Fay Moreau (you spoke 5 days ago) — Fay was a Head of Data at Lumen (until 2020)",
        "You → Dev Patel (you spoke 6 months ago) → Jamal Reyes (a friend of Dev)"
        " — Jamal is a Data Lead at Lumen",
        "You → Caro Lind (you spoke 6 weeks ago) → Jamal Reyes (both at Fjordlight, dates"
        " unknown) — Jamal is a Data Lead at Lumen",
    ]


def test_more_paths_per_target_reach_the_weakest_links_and_the_direct_one(net):
    jamal = [
        [step.person.name for step in p.steps]
        for p in warm_paths.find("Lumen", today=TODAY, per_target=10)
        if p.target.person.id == net["jamal"]
    ]
    assert jamal == [
        ["Ana Souza", "Jamal Reyes"],
        ["Dev Patel", "Jamal Reyes"],
        ["Caro Lind", "Jamal Reyes"],
        ["Eli Berg", "Jamal Reyes"],  # a shared circle is the weakest link
        ["Jamal Reyes"],  # known directly, but no conversation logged
    ]


def test_no_path_is_longer_than_two_hops_or_visits_anyone_twice(net):
    paths = warm_paths.find("lumen", today=TODAY, per_target=50, limit=500)
    assert paths
    for path in paths:
        ids = [step.person.id for step in path.steps]
        assert len(ids) <= 2 and len(set(ids)) == len(ids)
        assert ids[-1] == path.target.person.id
    assert net["gus"] not in {step.person.id for p in paths for step in p.steps}


def test_time_at_the_same_place_counts_only_when_the_dates_overlap(net):
    via = {p.steps[0].person.id for p in warm_paths.find("Data Lead", today=TODAY, per_target=10)}
    assert net["ana"] in via and net["caro"] in via
    assert net["ben"] not in via  # at Fjordlight, but only after Jamal left


def test_overlapping_dates_outrank_unknown_dates_of_equal_contact(store):
    target = add("Tara Quinn", PositionDraft("Northwind", "CTO", start=D(2015, 1, 1)))
    add("Uma Dahl", PositionDraft("Northwind", "Ops", start=D(2016, 1, 1)), spoke=D(2026, 12, 1))
    add("Vic Lund", PositionDraft("Northwind", "Ops"), spoke=D(2026, 12, 1))
    paths = warm_paths.find("CTO", today=TODAY, per_target=3)
    assert [(p.steps[0].person.name, p.steps[-1].link.why) for p in paths] == [
        ("Uma Dahl", "work together at Northwind, since 2016"),
        ("Vic Lund", "both at Northwind, dates unknown"),
        ("Tara Quinn", "no conversation logged"),
    ]
    assert all(p.target.person.id == target for p in paths)


def test_a_current_position_outranks_a_past_one_of_equal_warmth(store):
    add("Now Here", PositionDraft("Cobalt", "Designer", start=D(2024, 1, 1)), spoke=D(2026, 12, 1))
    add(
        "Once There",
        PositionDraft("Cobalt", "Designer", start=D(2010, 1, 1), end=D(2012, 5, 1)),
        spoke=D(2026, 12, 1),
    )
    paths = warm_paths.find("cobalt", today=TODAY)
    assert [p.target.describe() for p in paths] == [
        "Now is a Designer at Cobalt",
        "Once was a Designer at Cobalt (until 2012)",
    ]
    assert [p.target.current for p in paths] == [True, False]
    assert paths[1].score_reason.endswith("Once has since moved on")


def test_introductions_link_both_ways(store):
    jo = add("Jo Park", PositionDraft("Helix", "Partner"))
    kim = add("Kim Lee", spoke=D(2026, 11, 29), met_through_id=jo)  # Jo introduced you to Kim
    lea = add("Lea Roth", spoke=D(2026, 11, 29))
    relationships.link(lea, jo, RelationshipKind.INTRODUCED)  # Lea introduced you to Jo
    paths = warm_paths.find("helix", today=TODAY)
    assert {(p.steps[0].person.id, p.steps[-1].link.why) for p in paths[:2]} == {
        (kim, "Jo introduced you to Kim"),
        (lea, "Lea introduced you to Jo"),
    }
    assert [s.as_json()["link"] for s in paths[0].steps] == ["contact", "introduction"]


def test_a_role_needs_every_word_of_the_title(net):
    targets = {p.target.person.id for p in warm_paths.find("data lead", today=TODAY)}
    assert targets == {net["jamal"]}
    assert {p.target.person.id for p in warm_paths.find("DATA", today=TODAY)} == {
        net["jamal"],
        net["fay"],
    }


def test_at_most_n_results_and_each_targets_best_few(net):
    assert len(warm_paths.find("lumen", today=TODAY, limit=2)) == 2
    per_target = [p.target.person.id for p in warm_paths.find("lumen", today=TODAY, per_target=1)]
    assert per_target == [net["jamal"], net["fay"]]


def test_archived_people_are_neither_targets_nor_go_betweens(net):
    people.set_archived(net["ana"], True)
    people.set_archived(net["fay"], True)
    paths = warm_paths.find("lumen", today=TODAY)
    assert {p.target.person.id for p in paths} == {net["jamal"]}
    assert net["ana"] not in {s.person.id for p in paths for s in p.steps}


def test_case_is_ignored_also_beyond_ascii(store):
    kim = add("Kim Ngata", PositionDraft("Kōwhai Trust", "Ōkaihau Liaison", start=D(2020, 1, 1)))
    for text in ("KŌWHAI", "kōwhai trust", "ōkaihau", "ŌKAIHAU liaison"):
        assert [p.target.person.id for p in warm_paths.find(text, today=TODAY)] == [kim], text


def test_a_search_can_be_stopped_between_targets(net):
    """The dialog's worker passes its cancel check: a stopped search ends at the next target."""
    calls = []
    warm_paths.find("lumen", today=TODAY, check=lambda: calls.append(1))
    assert len(calls) == 2  # Jamal and Fay

    class Stop(Exception):
        pass

    def stop() -> None:
        raise Stop

    with pytest.raises(Stop):
        warm_paths.find("lumen", today=TODAY, check=stop)


def test_no_match_is_no_path_and_empty_text_is_one_sentence(net):
    assert warm_paths.find("Nowhere Inc", today=TODAY) == []
    with pytest.raises(ValidationError, match="Type an organisation or a role"):
        warm_paths.find("   ")


def test_json_names_each_step_and_says_why_without_a_score(net):
    best = warm_paths.find("lumen", today=TODAY)[0].as_json()
    assert best == {
        "target": {
            "person_id": net["jamal"],
            "name": "Jamal Reyes",
            "organization": "Lumen",
            "title": "Data Lead",
            "start": "2022-01-01",
            "end": None,
            "current": True,
            "description": "Jamal is a Data Lead at Lumen",
        },
        "score_reason": "one step through Ana Souza (you spoke 3 weeks ago; you nurture this"
        " relationship), who is linked to Jamal Reyes: worked together at Fjordlight, 2019–2021",
        "steps": [
            {
                "person_id": net["ana"],
                "name": "Ana Souza",
                "link": "contact",
                "why": "you spoke 3 weeks ago; you nurture this relationship",
            },
            {
                "person_id": net["jamal"],
                "name": "Jamal Reyes",
                "link": "worked together",
                "why": "worked together at Fjordlight, 2019–2021",
            },
        ],
    }


def test_the_best_few_are_those_of_an_exhaustive_search(store):
    """Large organisations and circles are walked warmest first and left early: on a random
    network that must give each target the same best paths as looking at everyone."""
    rng = random.Random(7)
    orgs, circles = ["Lumen", "Fjordlight", "Helix", "Cobalt"], ["Lisbon", "Climbing", "School"]
    ids = []
    for number in range(90):
        positions = []
        for _ in range(rng.randint(0, 2)):
            start = (
                D(rng.randint(2005, 2024), rng.randint(1, 12), 1) if rng.random() < 0.7 else None
            )
            end = D(start.year + rng.randint(0, 6), 6, 30) if start and rng.random() < 0.5 else None
            positions.append(PositionDraft(rng.choice(orgs), "Data Lead", start=start, end=end))
        spoke = TODAY - dt.timedelta(days=rng.randint(0, 900)) if rng.random() < 0.8 else None
        ids.append(
            add(
                f"Person {number:02d}",
                *positions,
                spoke=spoke,
                nurture=rng.random() < 0.3,
                circles=rng.sample(circles, rng.randint(0, 2)),
            )
        )
    for _ in range(40):
        a, b = rng.sample(ids, 2)
        relationships.link(a, b, rng.choice(list(RelationshipKind)))
    for text in orgs:
        pruned = warm_paths.find(text, today=TODAY, per_target=3, limit=10_000)
        everyone = warm_paths.find(text, today=TODAY, per_target=10_000, limit=100_000)
        best: dict[int, list[str]] = {}
        for path in everyone:
            best.setdefault(path.target.person.id, []).append(path.sentence)
        assert sorted(p.sentence for p in pruned) == sorted(
            sentence for sentences in best.values() for sentence in sentences[:3]
        )


def test_no_way_round_is_offered_to_someone_you_are_closer_to_yourself(net):
    """Ben spoke with you yesterday; Ana, whom you saw three weeks ago, was at Fjordlight too
    (before him): going through her would be colder than your own link, so only yours shows."""
    found = warm_paths.find("designer", today=TODAY)
    assert [len(p.steps) for p in found] == [1]
    assert found[0].steps[0].person.name == "Ben Okafor"
