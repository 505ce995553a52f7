"""Suggestions: a need met by an offer, a position or tags, with the words that matched; offers
first, then work, then tags; stale needs and offers, archived people and self-matches left out; on
a generated network, exactly the list the rules restated directly give."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest

from benchmarks.generate import INTERESTS, ORGS, TITLES, generate
from netdesk import db
from netdesk.core import needs, people, settings, suggestions
from netdesk.core.people import PersonDraft, PositionDraft
from netdesk.db.models import Need, Person, PersonTag, Position, Tag
from netdesk.values import NeedKind, TagKind
from tests.helpers.people import person

TODAY = dt.date(2026, 12, 6)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def network() -> dict[str, int]:
    ids = {
        "jamal": person("Jamal Reed", tags=[(TagKind.SKILL, "Python")]),
        "ana": person("Ana Souza", org="Fjordlight", title="Data Lead"),
        "ben": people.create(
            PersonDraft(
                display_name="Ben Okafor",
                positions=[  # only the current one counts: Ben no longer writes Python
                    PositionDraft("Helix Bank", "Senior Analyst"),
                    PositionDraft("Tidewater", "Python developer", end=dt.date(2020, 1, 1)),
                ],
            )
        ),
        "chloe": person(
            "Chloé Dubois",
            tags=[(TagKind.SKILL, "Python"), (TagKind.INTEREST, "packaging design")],
        ),
        "hana": person("Hana Ito", tags=[(TagKind.SKILL, "Python")]),
        "dana": person("Dana Varga"),
        "eve": person("Eve Archer"),
        "finn": person("Finn Olsen"),
        "gus": person("Gus Lind"),
    }
    add = needs.add
    add(ids["jamal"], NeedKind.NEED, "an analyst role", days_ago(5))
    add(ids["jamal"], NeedKind.NEED, "advice on Python packaging", days_ago(20))
    add(ids["jamal"], NeedKind.OFFER, "knows Lisbon well", days_ago(40))
    add(ids["ana"], NeedKind.OFFER, "hiring analysts", days_ago(3))
    add(ids["dana"], NeedKind.NEED, "a flat in Lisbon", days_ago(10))
    add(ids["eve"], NeedKind.OFFER, "hiring analysts", days_ago(3))  # archived below
    add(ids["finn"], NeedKind.OFFER, "hiring analysts", days_ago(200))  # stale
    add(ids["gus"], NeedKind.NEED, "an analyst internship", days_ago(181))  # stale
    Person.update(archived=True).where(Person.id == ids["eve"]).execute()
    return ids


def test_words_are_lowercase_stems_without_stop_words():
    assert suggestions.words("Hiring ANALYSTS for the Café, owners 2026") == {
        "analyst": "analysts",
        "cafe": "cafe",
        "owner": "owners",
    }
    assert suggestions.words("Looking for a job, any role") == {}


def test_ranked_suggestions_with_their_reasons(store):
    ids = network()
    found = suggestions.suggest(TODAY)
    assert [(s.need_person, s.need, s.helper, s.reason) for s in found] == [
        (
            "Jamal Reed",
            "an analyst role",
            "Ana Souza",
            "Ana Souza can help with “hiring analysts” (matched: analyst)",
        ),
        (
            "Dana Varga",
            "a flat in Lisbon",
            "Jamal Reed",
            "Jamal Reed can help with “knows Lisbon well” (matched: lisbon)",
        ),
        (
            "Jamal Reed",
            "an analyst role",
            "Ben Okafor",
            "Ben Okafor works as Senior Analyst at Helix Bank (matched: analyst)",
        ),
        (
            "Jamal Reed",
            "advice on Python packaging",
            "Chloé Dubois",
            "Chloé Dubois is tagged “packaging design”, “Python” (matched: python, packaging)",
        ),
        (
            "Jamal Reed",
            "advice on Python packaging",
            "Hana Ito",
            "Hana Ito is tagged “Python” (matched: python)",
        ),
    ]
    assert [s.basis for s in found] == [
        suggestions.Basis.OFFER,
        suggestions.Basis.OFFER,
        suggestions.Basis.POSITION,
        suggestions.Basis.TAG,
        suggestions.Basis.TAG,
    ]
    assert found[0].sentence == (
        "Jamal Reed is looking for “an analyst role”; Ana Souza can help with “hiring analysts”"
        " (matched: analyst): introduce them?"
    )
    assert found[0].as_json() == {
        "need_person_id": ids["jamal"],
        "need_person": "Jamal Reed",
        "need": "an analyst role",
        "helper_id": ids["ana"],
        "helper": "Ana Souza",
        "reason": "Ana Souza can help with “hiring analysts” (matched: analyst)",
    }


def test_left_out_stale_archived_and_self(store):
    ids = network()
    found = suggestions.suggest(TODAY)
    helpers = {s.helper_id for s in found}
    assert ids["eve"] not in helpers  # archived
    assert ids["finn"] not in helpers  # offer noted 200 days ago
    assert ids["gus"] not in {s.need_person_id for s in found}  # need noted 181 days ago
    # Jamal's own Python tag never answers his own Python need
    assert all(s.need_person_id != s.helper_id for s in found)
    # with needs stale after 4 days, every need above is; a new one is matched by an offer
    # still fresh (Ana's, 3 days old), not by Jamal's, noted 40 days ago
    needs.add(ids["dana"], NeedKind.NEED, "a junior analyst", days_ago(2))
    needs.add(ids["dana"], NeedKind.NEED, "a Lisbon lawyer", days_ago(2))
    settings.put(needs.STALE_SETTING, 4)
    assert [(s.need, s.helper) for s in suggestions.suggest(TODAY)] == [
        ("a junior analyst", "Ana Souza"),
        ("a junior analyst", "Ben Okafor"),
    ]


def test_one_suggestion_per_need_and_helper_on_the_strongest_basis(store):
    jamal = person("Jamal Reed")
    ana = person("Ana Souza", org="Helix", title="Analyst", tags=[(TagKind.SKILL, "analysts")])
    needs.add(jamal, NeedKind.NEED, "an analyst role at Helix", days_ago(1))
    needs.add(ana, NeedKind.OFFER, "hiring analysts", days_ago(1))
    [only] = suggestions.suggest(TODAY)
    assert only.helper_id == ana and only.basis is suggestions.Basis.OFFER
    assert only.matched == ("analyst",)


def test_nothing_to_suggest_without_needs(store):
    ana = person("Ana Souza", title="Analyst")
    needs.add(ana, NeedKind.OFFER, "hiring analysts", TODAY)
    assert suggestions.suggest(TODAY) == []


def test_a_need_names_its_five_strongest_helpers(store):
    jamal = person("Jamal Reed")
    needs.add(jamal, NeedKind.NEED, "an analyst role at Helix", days_ago(1))
    analysts = [person(f"Analyst {n}", title="Analyst") for n in range(7)]
    seniors = [person(f"Senior {n}", title="Senior Analyst", org="Helix") for n in range(2)]
    ana = person("Ana Souza")
    needs.add(ana, NeedKind.OFFER, "hiring analysts", days_ago(1))
    found = suggestions.suggest(TODAY)
    assert suggestions.PER_NEED == 5
    # the offer, then the two whose title and organisation both match, then two of the seven
    assert [s.helper_id for s in found] == [ana, *seniors, *analysts[:2]]
    assert found[1].reason == "Senior 0 works as Senior Analyst at Helix (matched: analyst, helix)"


def test_tags_are_named_for_every_need_even_one_met_before_tags_are_read(store):
    jamal = person("Jamal Reed")
    chloe = person("Chloé Dubois", tags=[(TagKind.SKILL, "Python"), (TagKind.INTEREST, "jazz")])
    needs.add(jamal, NeedKind.NEED, "Python advice", days_ago(1))
    needs.add(jamal, NeedKind.NEED, "jazz clubs", days_ago(1))
    for n in range(suggestions.PER_NEED):  # offers alone meet the jazz need
        needs.add(person(f"Offer {n}"), NeedKind.OFFER, "jazz clubs in Lisbon", days_ago(1))
    found = [s for s in suggestions.suggest(TODAY) if s.need == "Python advice"]
    assert [(s.helper_id, s.via, s.matched) for s in found] == [
        (chloe, "“jazz”, “Python”", ("python",))
    ]


def reference(today: dt.date) -> list[tuple[object, ...]]:
    """The rules restated directly: every need against every other person's offers, current
    positions and tags (those of the tags any need's words share), slow and plainly right."""
    since = today - dt.timedelta(days=needs.stale_days())
    live = dict(Person.select(Person.id, Person.display_name).where(~Person.archived).tuples())
    fresh = [
        n for n in Need.select().order_by(Need.id) if n.noted_on >= since and n.person_id in live
    ]
    wanted = [n for n in fresh if n.kind == "need"]
    vocabulary = set().union(*(suggestions.words(n.text) for n in wanted))
    offered: dict[int, list[tuple[int, str, set[str]]]] = defaultdict(list)
    for n in fresh:
        if n.kind == "offer":
            offered[n.person_id].append((0, n.text, set(suggestions.words(n.text))))
    for p in Position.select().where(Position.end.is_null()):
        via = " at ".join(x for x in (p.title, p.organization) if x)
        offered[p.person_id].append((1, via, set(suggestions.words(f"{p.title} {p.organization}"))))
    tagged: dict[int, list[str]] = defaultdict(list)
    for link in PersonTag.select().join(Tag).order_by(Tag.id):
        shares = set(suggestions.words(link.tag.name)) & vocabulary
        if link.tag.kind in ("interest", "skill") and shares:
            tagged[link.person_id].append(link.tag.name)
    for person_id, names in tagged.items():
        via = ", ".join(f"“{name}”" for name in sorted(names, key=str.casefold))
        offered[person_id].append((2, via, set(suggestions.words(" ".join(names)))))
    rows = []
    for need in wanted:
        need_words = suggestions.words(need.text)
        best = []
        for helper in live:
            options = []
            for basis, via, stems in offered[helper]:
                matched = tuple(word for stem, word in need_words.items() if stem in stems)
                if matched and helper != need.person_id:
                    options.append((basis, -len(matched), via, helper, matched))
            if options:
                best.append(min(options))
        rows += [(need, *option) for option in sorted(best)[: suggestions.PER_NEED]]
    rows.sort(key=lambda r: (r[1], r[2], -r[0].noted_on.toordinal(), -r[0].id, live[r[4]]))
    return [
        (n.id, n.person_id, live[n.person_id], n.text, helper, live[helper], basis, via, matched)
        for n, basis, _count, via, helper, matched in rows
    ]


@pytest.fixture
def generated(db_path):
    """A generated network of 300 people (namesakes, shared titles and organisations, archived
    people), with a second current job for some, a "python" interest beside the Python skill,
    and needs and offers (fresh, stale, of archived people) in the words they use."""
    generate(db_path, 300, seed=3, today=TODAY)
    rng = random.Random(5)
    ids = [i for (i,) in Person.select(Person.id).tuples()]
    archived = [i for (i,) in Person.select(Person.id).where(Person.archived).tuples()]
    python = Tag.create(name="python", kind="interest")
    for person_id in rng.sample(ids, 30):
        PersonTag.insert(person=person_id, tag=python).on_conflict_ignore().execute()
    for person_id in rng.sample(ids, 20):
        Position.create(person=person_id, title=rng.choice(TITLES), organization="")
    for kind, templates, count in ((NeedKind.NEED, NEEDS, 80), (NeedKind.OFFER, OFFERS, 50)):
        for n in range(count):
            text = rng.choice(templates).format(
                title=rng.choice(TITLES).lower(),
                org=rng.choice(ORGS),
                interest=rng.choice(INTERESTS),
            )
            who = rng.choice(archived) if n % 15 == 0 else rng.choice(ids)
            needs.add(who, kind, text, days_ago(rng.choice([0, 3, 30, 100, 179, 181, 400])))
    yield ids
    db.close_database()


NEEDS = (
    "an intro to a {title} at {org}",
    "a {title} role",
    "advice on {interest}",
    "a data {title} job",
    "someone at {org} who knows {interest}",
    "a python engineer",
    "a flat in Lisbon",
    "a job",
)
OFFERS = (
    "hiring {title}s at {org}",
    "can help with {interest}",
    "advice on data careers",
    "intros to people at {org}",
    "reviewing python CVs for {title} roles",
)


def test_the_same_suggestions_as_the_rules_restated_directly(generated):
    found = suggestions.suggest(TODAY)
    expected = reference(TODAY)
    assert len({row[0] for row in expected}) > 30  # dozens of needs met
    assert {row[6] for row in expected} == set(suggestions.Basis)
    assert [as_row(s) for s in found] == expected


def as_row(s: suggestions.Suggestion) -> tuple[object, ...]:
    return (
        *(s.need_id, s.need_person_id, s.need_person, s.need),
        *(s.helper_id, s.helper, s.basis, s.via, s.matched),
    )
