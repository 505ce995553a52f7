"""Suggestions: a need met by an offer, a position or tags, with the words that matched; offers
first, then work, then tags; stale needs and offers, archived people and self-matches left out."""

from __future__ import annotations

import datetime as dt

from netdesk.core import needs, people, settings, suggestions
from netdesk.core.people import PersonDraft, PositionDraft
from netdesk.db.models import Person
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
