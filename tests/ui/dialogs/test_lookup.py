"""core.lookup: the read-only helpers behind name completion and the duplicates list."""

from __future__ import annotations

import datetime as dt

from netdesk.core import lookup, people
from netdesk.core.people import PersonDraft, PositionDraft
from tests.helpers.people import person


def test_complete_puts_name_matches_first(store):
    ana = person("Ana Souza", org="Fjordlight")
    analytics = person("Ben Okafor", org="Anatolia Analytics")
    chloe = person("Chloé Dubois", org="Kōwhai Trust")
    assert lookup.complete("ana") == [
        (ana, "Ana Souza", "Fjordlight"),
        (analytics, "Ben Okafor", "Anatolia Analytics"),
    ]
    assert lookup.complete("ana fjord") == [(ana, "Ana Souza", "Fjordlight")]
    assert lookup.complete("chloe") == [(chloe, "Chloé Dubois", "Kōwhai Trust")]
    assert lookup.complete("ana", exclude={ana}) == [
        (analytics, "Ben Okafor", "Anatolia Analytics")
    ]
    assert lookup.complete("") == [] and lookup.complete('"*') == []


def test_archived_people_are_not_offered(store):
    gone = person("Ana Souza")
    people.set_archived(gone)
    assert lookup.complete("ana") == []


def test_briefs_names_emails_and_summaries(store):
    ana = person("Ana Souza", email="Ana@Reef.example", phone="+47 912 34 567", org="Reef")
    ben = person("Ben Okafor")
    assert lookup.briefs([ben, 999, ana]) == [(ben, "Ben Okafor", ""), (ana, "Ana Souza", "Reef")]
    assert lookup.name_of(ana) == "Ana Souza" and lookup.name_of(999) == ""
    assert lookup.person_with_email(" ana@reef.EXAMPLE ") == ana
    assert lookup.person_with_email("nobody@reef.example") is None
    assert lookup.people_named("ana souza") == [ana]
    summary = lookup.summaries([ana])[ana]
    assert (summary.email, summary.phone, summary.organization) == (
        "Ana@Reef.example",
        "+47 912 34 567",
        "Reef",
    )


def test_brief_shows_the_current_organisation(store):
    moved = people.create(
        PersonDraft(
            display_name="Kai Brandt",
            positions=[
                PositionDraft("Helix University", end=dt.date(2020, 1, 1)),
                PositionDraft("Lumen Freight"),
                PositionDraft("Old Co", end=dt.date(2015, 1, 1)),
            ],
        )
    )
    assert lookup.briefs([moved]) == [(moved, "Kai Brandt", "Lumen Freight")]
