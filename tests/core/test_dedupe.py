"""Finding probable duplicates across the whole store."""

from __future__ import annotations

from netdesk.core import dedupe, people
from netdesk.core.people import PersonDraft, PointDraft
from netdesk.values import PointKind
from tests.helpers.keys import make_keys
from tests.helpers.people import person


def pair_of(pairs: list[dedupe.DuplicatePair], a: int, b: int) -> dedupe.DuplicatePair | None:
    key = (min(a, b), max(a, b))
    return next((p for p in pairs if (p.a_id, p.b_id) == key), None)


def test_strong_keys(store):
    a = person("Ana Souza", email="Ana.Souza@Lumen.example")
    b = person("A. Souza", email="ana.souza@lumen.example ")
    c = person("Ben Okafor", phone="+44 20 7946 0958")
    d = person("Benjamin O.", phone="+44 20-7946-0958")
    e = people.create(PersonDraft(display_name="Caro", uid="urn:uuid:1"))
    f = people.create(PersonDraft(display_name="Carolina", uid="urn:uuid:1"))
    g = people.create(
        PersonDraft(
            display_name="Dee",
            points=[PointDraft(PointKind.URL, "https://www.linkedin.com/in/dee-x/")],
        )
    )
    h = people.create(
        PersonDraft(
            display_name="Dee Park",  # a shared profile counts when the names agree
            points=[PointDraft(PointKind.URL, "http://linkedin.com/in/dee-x")],
        )
    )
    person("Unrelated", email="other@lumen.example")
    pairs = dedupe.find_pairs()
    assert pair_of(pairs, a, b).reason == "same email ana.souza@lumen.example"
    assert pair_of(pairs, e, f).reason == "same UID urn:uuid:1"
    assert pair_of(pairs, g, h).reason.startswith("same profile linkedin.com/in/dee-x")
    assert pair_of(pairs, c, d).reason == "same phone +442079460958"
    assert len(pairs) == 4
    assert pairs == sorted(pairs, key=lambda p: (-p.score, p.a_id, p.b_id))


def test_close_names_need_a_shared_organisation_or_private_domain(store):
    a = person("Jon Smith", org="Lumen Freight")
    b = person("John Smith", org="lumen freight")  # case differs; same organisation
    c = person("Jane Smith", org="Lumen Freight")  # not similar enough
    d = person("Maria Garcia", email="maria@fjordlight.example")
    e = person("María García", email="m.garcia@fjordlight.example")  # accents, same domain
    f = person("Pat Lee", email="pat@gmail.com")
    g = person("Pat Lee", email="patlee@gmail.com")  # a public domain proves nothing
    h = people.create(PersonDraft(given="Smith", family="Anna", positions=[]))
    pairs = dedupe.find_pairs()
    assert pair_of(pairs, a, b).reason.startswith("similar name and the same organisation")
    assert pair_of(pairs, a, c) is None and pair_of(pairs, b, c) is None
    assert pair_of(pairs, d, e).reason.startswith("same name and the same email domain")
    # a public domain proves nothing; the same name alone is proposed, scored low
    assert pair_of(pairs, f, g).reason == "same name"
    assert pair_of(pairs, f, g).score < pair_of(pairs, a, b).score
    assert all(h not in (p.a_id, p.b_id) for p in pairs)


def test_names_in_another_order_match(store):
    a = people.create(
        PersonDraft(given="Wei", family="Chen", positions=[people.PositionDraft("Atlas Biolabs")])
    )
    b = people.create(
        PersonDraft(given="Chen", family="Wei", positions=[people.PositionDraft("Atlas Biolabs")])
    )
    assert pair_of(dedupe.find_pairs(), a, b).score > 0.8


def test_archived_and_dismissed_pairs_are_not_proposed(store):
    a = person("Ana Souza", email="ana@lumen.example")
    b = person("Ana Souza", email="ana@lumen.example")
    c = person("Ana S", email="ana@lumen.example")
    dedupe.dismiss(b, a)
    people.set_archived(c)
    assert dedupe.find_pairs() == []
    assert dedupe.is_dismissed(a, b) and dedupe.is_dismissed(b, a)
    people.set_archived(c, False)
    assert {(p.a_id, p.b_id) for p in dedupe.find_pairs()} == {(a, c), (b, c)}


def test_limit_and_many_people(store):
    from netdesk.db.models import Person

    rows = [{"display_name": f"Twin {i}", "sort_name": f"twin {i}"} for i in range(300)]
    Person.insert_many(rows).execute()
    ids = [p.id for p in Person.select()]
    for i, pid in enumerate(ids):
        people.add_points(pid, [PointDraft(PointKind.EMAIL, f"twin{i // 2}@lumen.example")])
    assert len(dedupe.find_pairs()) == 150
    assert len(dedupe.find_pairs(limit=10)) == 10


def test_match_index_for_records(store):
    index = dedupe.MatchIndex.from_store()
    keys = make_keys(
        uid="",
        points=[("email", "X@Lumen.example"), ("phone", "+1 415 555 2671")],
        display_name="Xi Li",
        given="Xi",
        family="Li",
        sort_name="li xi",
        organizations=["Lumen"],
    )
    index.add(7, keys)
    same_phone = make_keys(
        uid="",
        points=[("phone", "(415) 555-2671"), ("phone", "+1-415-555-2671")],
        display_name="X. Li",
        given="X.",
        family="Li",
        sort_name="li x.",
        organizations=[],
    )
    match = index.identify(same_phone)
    assert (match.verdict, match.target, match.evidence) == ("same", 7, "same phone")
    close = make_keys(
        uid="",
        points=[],
        display_name="Li Xi",
        given="Li",
        family="Xi",
        sort_name="xi li",
        organizations=["LUMEN"],
    )
    match = index.identify(close)
    assert (match.verdict, match.target, match.flag) == ("review", 7, "same_name")
